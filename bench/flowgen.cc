// flowgen: deterministic VAST 2013 MC3-layout netflow, for the sample data,
// tests and benchmarks. Same seed, same bytes, on every platform (no
// std::*_distribution, whose output differs between standard libraries).
//
// Usage: flowgen [--rows N | --bytes N] [--seed S] [--inverted PERMILLE]
//                [--truth FILE]
//                [--format
//                vast|zeek|zeek-json|argus|nfdump|unsw|cic|cic-ids2017|silk]
// --truth writes one line per row: 1 if the generator wrote it inverted.
// --format writes the same flows in another format's layout (format_rows.h).
#include "format_rows.h"
#include "vast_rows.h"

namespace {

using vast_rows::Flow;
using vast_rows::format_row;
using vast_rows::invert;
using vast_rows::kHeader;
using vast_rows::Rng;

std::string host(const char* prefix, unsigned a, unsigned b) {
  return std::string(prefix) + std::to_string(a) + "." + std::to_string(b);
}

unsigned ephemeral(Rng& rng) {
  return 1025 + rng.below(64510);
}

std::string internal_client(Rng& rng) {
  static const char* kNets[] = {"172.10.", "172.20.", "172.30."};
  // One draw per statement: the order of a call's arguments is unspecified
  // in C++, and compilers differ (GCC on x86-64 and on aarch64 did), so
  // draws inside one expression made different data on each. This is the
  // order GCC on x86-64 used, which made data/.
  const unsigned c = 2 + rng.below(250);
  const unsigned b = 1 + rng.below(2);
  return host(kNets[rng.below(3)], b, c);
}

std::string internal_server(Rng& rng) {
  static const char* kNets[] = {"172.10.0.", "172.20.0.", "172.30.0."};
  const unsigned host_number = 2 + rng.below(40);  // drawn first (above)
  return std::string(kNets[rng.below(3)]) + std::to_string(host_number);
}

std::string external(Rng& rng) {
  const unsigned d = 1 + rng.below(254);  // drawn last to first (above)
  const unsigned c = rng.below(256);
  const unsigned b = rng.below(256);
  return "10." + std::to_string(b) + "." + std::to_string(c) + "." +
         std::to_string(d);
}

void sizes(Rng& rng, Flow& f, unsigned up, unsigned down) {
  f.src_packets = 1 + rng.below(20);
  f.dst_packets = rng.below(30);
  f.src_payload = rng.below(up);
  f.dst_payload = f.dst_packets == 0 ? 0 : rng.below(down);
  f.duration = rng.below(30);
}

// One flow the right way round; *invertible says whether a collector could
// have recorded it backwards (multicast and broadcast cannot be sources).
Flow make_flow(Rng& rng, bool* invertible) {
  Flow f;
  *invertible = true;
  const unsigned kind = rng.below(1000);
  static const unsigned kTcpServices[] = {80, 80, 80,  80,   80,   80,
                                          25, 21, 389, 3389, 1984, 5355};
  if (kind < 820) {  // client to an internal or external service
    f.src = rng.chance(700) ? external(rng) : internal_client(rng);
    f.dst = internal_server(rng);
    f.src_port = ephemeral(rng);
    f.dst_port = kTcpServices[rng.below(12)];
    sizes(rng, f, 600, 80000);
  } else if (kind < 860) {  // DNS
    f.protocol = 17;
    f.src = internal_client(rng);
    f.dst = internal_server(rng);
    f.src_port = ephemeral(rng);
    f.dst_port = 53;
    sizes(rng, f, 80, 300);
  } else if (kind < 880) {  // NTP between servers: 123 <-> 123
    f.protocol = 17;
    f.src = internal_server(rng);
    f.dst = internal_server(rng);
    f.src_port = f.dst_port = 123;
    sizes(rng, f, 48, 48);
  } else if (kind < 900) {  // NetBIOS and SSDP: broadcast and multicast
    f.protocol = 17;
    f.src = internal_client(rng);
    const bool ssdp = rng.chance(500);
    f.dst = ssdp ? "239.255.255.250" : "255.255.255.255";
    f.src_port = ssdp ? ephemeral(rng) : 138;
    f.dst_port = ssdp ? 1900 : 138;
    sizes(rng, f, 200, 1);
    f.dst_payload = f.dst_packets = 0;
    *invertible = false;
  } else if (kind < 920) {  // ICMP: protocol 1, code OTHER, no ports
    f.protocol = 1;
    f.src = internal_client(rng);
    f.dst = internal_server(rng);
    sizes(rng, f, 100, 100);
  } else if (kind < 922) {  // TCP with port 0
    f.src = external(rng);
    f.dst = internal_server(rng);
    f.src_port = ephemeral(rng);
    sizes(rng, f, 60, 0);
  } else {  // scanner from a fixed high source port to random ports
    f.src = rng.chance(500) ? "10.9.81.5" : "10.10.11.15";
    f.dst = internal_server(rng);
    f.src_port =
        f.src == "10.9.81.5" ? 62559 + rng.below(3) : 45031 + rng.below(4);
    f.dst_port = 1 + rng.below(65535);
    f.src_packets = 1;
    f.dst_packets = rng.below(2);
    *invertible = false;
  }
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  vast_rows::Options options;
  if (!vast_rows::parse_options(argc, argv, "flowgen", true, false, options))
    return 2;
  const unsigned long long rows = options.rows, bytes = options.bytes,
                           seed = options.seed, inverted = options.inverted;
  const char* truth_path = options.truth_path;
  std::FILE* truth = truth_path ? std::fopen(truth_path, "w") : nullptr;
  static char buffer[1 << 16];
  std::setvbuf(stdout, nullptr, _IOFBF, 1 << 20);
  const std::string format = options.format;
  const char* header = format_rows::header_of(format);
  if (header == nullptr) {
    std::fprintf(stderr, "flowgen: no format %s\n", format.c_str());
    return 2;
  }
  std::fputs(header, stdout);
  unsigned long long written = std::strlen(header);
  Rng rng{seed};
  double t = 1364803200.0 + static_cast<double>(seed % 1000) * 3600.0;
  for (unsigned long long row = 0; bytes ? written < bytes : row < rows;
       ++row) {
    bool invertible = false;
    Flow flow = make_flow(rng, &invertible);
    const bool flip = invertible && rng.chance(static_cast<unsigned>(inverted));
    if (flip)
      invert(flow);
    t += static_cast<double>(rng.below(20000)) / 1e6;
    const int n = format == "vast"
                      ? format_row(buffer, sizeof buffer, t, flow)
                      : format_rows::write_row(format, buffer, sizeof buffer, t,
                                               row, flow);
    std::fwrite(buffer, 1, static_cast<std::size_t>(n), stdout);
    written += static_cast<unsigned long long>(n);
    if (truth)
      std::fputs(flip ? "1\n" : "0\n", truth);
  }
  if (truth)
    std::fclose(truth);
  std::fputs(format_rows::footer_of(format), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}
