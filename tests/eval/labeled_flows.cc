// labeled_flows: synthetic VAST 2013 MC3-layout traffic with ground truth,
// built around the ways port rules fail (issue "learn"):
//   - services missing from the default list: a proxy on 8080, HTTPS on
//     443, SMB on 445, C2 on 1337 and 5888, peer-to-peer on 51413;
//   - scanners with fixed source ports: 53 (nmap --source-port 53), 80, and
//     VAST's 10.9.81.5 with 62559-62561; one with random source ports;
//   - Windows clients whose sequential ports 1025-5000 cross 1900, 1984,
//     3389; a real service on 1984 too;
//   - NTP 123 <-> 123, NetBIOS 137/138, SSDP to multicast, ICMP, failed
//     connections (no payload) to real servers.
//
// With --unseen, also the shapes of unseen_shapes.h (failed tries to dead
// C2 servers, slow scanners, ident back to a scanner, a scanner that serves
// SSH, a port learned as a service at one site used as a client port at
// another), in place of some scans.
//
// Usage: labeled_flows [--rows N] [--seed S] [--inverted PERMILLE]
//                      [--clustered] [--unseen] --truth FILE
// --truth gets one line per row: 1 written inverted, 0 written the right way,
// - not scored (ICMP: no ports, nothing says its direction); then the row's
// payload class (conversation, one-way, none) and its trap (base for the
// traffic without --unseen).
// --clustered inverts as a collector does: most rows of some server
// endpoints (900 per mille of 3 in 10 of them), few of the rest (10).
#include "labeled_world.h"
#include "unseen_shapes.h"

namespace {

using labeled::Client;
using labeled::ip;
using labeled::probe;
using labeled::UnseenWorld;
using labeled::World;
using vast_rows::Flow;
using vast_rows::Rng;

void scan(Rng& rng, Flow& f) {
  static const unsigned kHigh[] = {1433, 3306, 5900, 8080, 8443, 27017};
  const unsigned which = rng.below(4);
  const unsigned host = 2 + rng.below(200);  // last to first (external)
  const unsigned subnet = rng.below(3);
  f.dst = ip(172, 10 + 10 * rng.below(3), subnet, host);
  f.dst_port = rng.chance(850) ? 1 + rng.below(1024) : kHigh[rng.below(6)];
  if (which == 0) {  // nmap --source-port 53
    f.src = "10.66.6.6";
    f.src_port = 53;
  } else if (which == 1) {  // VAST's scanner
    f.src = "10.9.81.5";
    f.src_port = 62559 + rng.below(3);
  } else if (which == 2) {
    f.src = "10.77.7.7";
    f.src_port = 80;
  } else {  // random source ports, one port over many hosts
    f.src = "10.13.13.13";
    f.src_port = 1025 + rng.below(64000);
    f.dst_port = 22;
  }
  probe(rng, f);
}

// The right-way-round flow; *scored is false for ICMP; *group for flows to
// multicast or broadcast, which are never inverted.
// With `unseen`, kinds 800-857 are its shapes (scans keep the rest), and
// *trap names the shape.
Flow make_flow(Rng& rng, World& w, const UnseenWorld* unseen, bool* scored,
               bool* group, const char** trap) {
  using namespace labeled;
  Flow f;
  *scored = true;
  *group = false;
  *trap = "base";
  const unsigned kind = rng.below(1000);
  if (unseen != nullptr && kind >= 800 && kind < 858) {
    *trap = unseen_flow(rng, w, *unseen, kind - 800, f);
  } else if (kind < 250) {
    const unsigned port = rng.chance(500) ? 80 : 443;  // last to first
    client_to(rng, w, f, w.web[rng.below(2000)], port);
  } else if (kind < 330) {
    const unsigned port = rng.chance(600) ? 80 : 443;  // last to first
    client_to(rng, w, f, ip(172, 10, 0, 10 + rng.below(3)), port);
  } else if (kind < 410) {
    client_to(rng, w, f, "172.10.0.20", 8080);
  } else if (kind < 470) {
    client_to(rng, w, f, ip(172, 20, 0, 5 + rng.below(2)), 445);
  } else if (kind < 510) {
    client_to(rng, w, f, ip(172, 30, 0, 2 + rng.below(5)), 3389);
  } else if (kind < 530) {
    client_to(rng, w, f, "172.10.0.30", 1984);
  } else if (kind < 590) {
    client_to(rng, w, f, ip(172, 10, 0, 2 + rng.below(2)), 53, 17);
  } else if (kind < 620) {
    client_to(rng, w, f, "172.10.0.40", 25);
  } else if (kind < 640) {  // C2: only infected clients
    Client& c = w.clients[w.infected[rng.below(5)]];
    f.src = c.address;
    f.src_port = client_port(rng, c);
    const bool rat = rng.chance(500);
    f.dst = rat ? "10.200.1.1" : "10.200.2.2";
    f.dst_port = rat ? 1337 : 5888;
    session(rng, f, 300, 3000);
  } else if (kind < 680) {  // peer-to-peer: both ports high
    f.src = w.peers[rng.below(3000)];
    f.src_port = 1025 + rng.below(64000);
    f.dst = ip(172, 20, 1, 50 + rng.below(3));
    f.dst_port = 51413;
    session(rng, f, 20000, 20000);
  } else if (kind < 700) {  // NTP client daemons use 123 too
    f.protocol = 17;
    f.src = w.clients[rng.below(400)].address;
    f.dst = ip(172, 10, 0, 2 + rng.below(2));
    f.src_port = f.dst_port = 123;
    session(rng, f, 48, 48);
  } else if (kind < 720) {  // NetBIOS name service, then datagrams
    f.protocol = 17;
    f.src = w.clients[rng.below(400)].address;
    const bool broadcast = rng.chance(500);
    f.dst = broadcast ? "255.255.255.255" : "172.10.0.2";
    f.src_port = f.dst_port = broadcast ? 138 : 137;
    session(rng, f, 200, 200);
    *group = broadcast;
  } else if (kind < 740) {  // SSDP
    Client& c = w.clients[rng.below(400)];
    f.protocol = 17;
    f.src = c.address;
    f.src_port = client_port(rng, c);
    f.dst = "239.255.255.250";
    f.dst_port = 1900;
    session(rng, f, 300, 1);
    f.dst_payload = f.dst_packets = 0;
    *group = true;
  } else if (kind < 760) {  // ICMP
    f.protocol = 1;
    f.src = w.clients[rng.below(400)].address;
    f.dst = w.web[rng.below(2000)];
    session(rng, f, 64, 64);
    *scored = false;
  } else if (kind < 800) {  // failed connections to real servers
    client_to(rng, w, f, ip(172, 10, 0, 10 + rng.below(3)), 80);
    f.src_payload = f.dst_payload = 0;
    probe(rng, f);
  } else {
    scan(rng, f);
  }
  return f;
}

bool clustered_endpoint(const Flow& f) {
  std::uint64_t h = f.dst_port;
  for (const char c : f.dst) h = h * 131 + static_cast<unsigned char>(c);
  return h % 10 < 3;
}

}  // namespace

int main(int argc, char** argv) {
  vast_rows::Options options;
  options.rows = 100000;
  options.inverted = 100;
  if (!vast_rows::parse_options(argc, argv, "labeled_flows", false, true,
                                options)) {
    return 2;
  }
  const unsigned long long rows = options.rows, seed = options.seed,
                           inverted = options.inverted;
  const bool clustered = options.clustered;
  const char* truth_path = options.truth_path;
  std::FILE* truth = truth_path ? std::fopen(truth_path, "w") : nullptr;
  if (truth == nullptr) {
    std::fprintf(stderr, "labeled_flows: --truth FILE is required\n");
    return 2;
  }
  Rng rng{seed * 0x2545F4914F6CDD1DULL};
  World world = labeled::make_world(rng);
  UnseenWorld unseen;
  if (options.unseen)
    unseen = labeled::make_unseen_world(rng, world);
  std::setvbuf(stdout, nullptr, _IOFBF, 1 << 20);
  std::fputs(vast_rows::kHeader, stdout);
  static char buffer[1 << 12];
  double t = 1365580800.0 + static_cast<double>(seed % 100) * 86400.0;
  for (unsigned long long row = 0; row < rows; ++row) {
    bool scored = true, group = false;
    const char* trap = "base";
    Flow flow = make_flow(rng, world, options.unseen ? &unseen : nullptr,
                          &scored, &group, &trap);
    unsigned per_mille = static_cast<unsigned>(inverted);
    if (clustered)
      per_mille = clustered_endpoint(flow) ? 900 : 10;
    const bool flip = !group && rng.chance(per_mille);
    if (flip)
      vast_rows::invert(flow);
    t += static_cast<double>(rng.below(5000)) / 1e6;
    const int n = vast_rows::format_row(buffer, sizeof buffer, t, flow);
    std::fwrite(buffer, 1, static_cast<std::size_t>(n), stdout);
    if (!scored) {
      std::fputs("-\n", truth);
    } else {
      const bool both = flow.src_payload > 0 && flow.dst_payload > 0;
      const bool none = flow.src_payload == 0 && flow.dst_payload == 0;
      std::fprintf(truth, "%d %s %s\n", flip ? 1 : 0,
                   both   ? "conversation"
                   : none ? "none"
                          : "one-way",
                   trap);
    }
  }
  std::fclose(truth);
  return std::fflush(stdout) == 0 ? 0 : 1;
}
