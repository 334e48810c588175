// The shapes of traffic the issue "accuracy on traffic we have not seen"
// found undecided or decided wrong on real captures outside the
// repository, as traps for labeled_flows --unseen. Each row is made the
// right way round; labeled_flows inverts some as it does the others.
#pragma once

#include <string>
#include <vector>

#include "labeled_world.h"

namespace labeled {

struct DeadServer {
  std::string address;
  unsigned port;
  std::size_t client, other_client;  ///< who retries it: one or two hosts
};

struct SlowScanner {
  std::string address, target;
};

struct UnseenWorld {
  std::vector<DeadServer> dead;
  std::vector<SlowScanner> slow;
};

inline UnseenWorld make_unseen_world(Rng& rng, const World& w) {
  UnseenWorld u;
  static const unsigned kDeadPorts[] = {447, 449, 6667};
  for (unsigned i = 0; i < 150; ++i) {
    const unsigned port =
        i % 4 < 3 ? kDeadPorts[i % 4] : 20000 + rng.below(40000);
    const std::size_t client = w.infected[i % 5];
    const std::size_t other =
        rng.chance(300) ? w.infected[(i + 1) % 5] : client;
    u.dead.push_back({external(rng), port, client, other});
  }
  for (unsigned i = 0; i < 60; ++i) {
    const unsigned host = 2 + rng.below(200);
    const unsigned subnet = rng.below(3);
    const unsigned site = 10 + 10 * rng.below(3);
    u.slow.push_back({ip(11, 1 + i, rng.below(256), 1 + rng.below(254)),
                      ip(172, site, subnet, host)});
  }
  return u;
}

inline unsigned linux_port(Rng& rng) {
  return 32768 + rng.below(28232);
}

/// A shape of unseen traffic for `kind` in [0, 58) of the 1000 kinds; the
/// trap's name for the truth file.
inline const char* unseen_flow(Rng& rng, World& w, const UnseenWorld& u,
                               unsigned kind, Flow& f) {
  if (kind < 15) {  // failed tries to a dead or refusing C2 server
    const DeadServer& d =
        u.dead[rng.below(static_cast<unsigned>(u.dead.size()))];
    Client& c = w.clients[rng.chance(500) ? d.client : d.other_client];
    f.src = c.address;
    f.src_port = client_port(rng, c);
    f.dst = d.address;
    f.dst_port = d.port;
    probe(rng, f);
    return "dead-server";
  }
  if (kind < 35) {  // a slow scanner probing one host on one-off high ports
    static const unsigned kHigh[] = {3306, 8080, 8443, 9200, 6379, 5432, 27017};
    const SlowScanner& s =
        u.slow[rng.below(static_cast<unsigned>(u.slow.size()))];
    f.src = s.address;
    f.src_port = linux_port(rng);
    f.dst = s.target;
    const unsigned port =
        rng.chance(600) ? kHigh[rng.below(7)] : 1025 + rng.below(64000);
    f.dst_port = port;
    probe(rng, f);
    return "slow-scan";
  }
  if (kind < 38) {  // a scanned host asks the scanner's ident port 113
    const unsigned host = 2 + rng.below(200);
    const unsigned subnet = rng.below(3);
    f.src = ip(172, 10 + 10 * rng.below(3), subnet, host);
    f.src_port = linux_port(rng);
    f.dst = "10.66.6.6";
    f.dst_port = 113;
    if (rng.chance(500))
      session(rng, f, 30, 60);
    else
      probe(rng, f);
    return "ident";
  }
  if (kind < 40) {  // SSH sessions into a host that also scans: a few
    client_to(rng, w, f, "10.77.7.7", 22);
    f.dst_payload = 1 + rng.below(50000);
    return "scanner-serves";
  }
  if (kind < 53) {  // a proxy on 3128 at one site
    client_to(rng, w, f, "172.10.0.50", 3128);
    return "proxy";
  }
  // Clients at another site whose source port is 3128, to XMPP servers
  // and to servers met once, on ports no other row has.
  f.src = ip(172, 50, 0, 2 + rng.below(100));
  f.src_port = rng.chance(20) ? 3128 : linux_port(rng);
  if (rng.chance(500)) {
    f.dst = w.web[rng.below(20)];
    f.dst_port = 5222;
  } else {
    f.dst = external(rng);
    f.dst_port = 5223 + rng.below(20000);
  }
  session(rng, f, 2000, 2000);
  return "port-reused";
}

}  // namespace labeled
