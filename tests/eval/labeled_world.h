// The hosts and sessions of labeled_flows' traffic (labeled_flows.cc) and
// of the shapes of unseen traffic (unseen_shapes.h).
#pragma once

#include <string>
#include <vector>

#include "../../bench/vast_rows.h"

namespace labeled {

using vast_rows::Flow;
using vast_rows::Rng;

struct Client {
  std::string address;
  bool windows;
  unsigned next_port;  ///< Windows XP hands out 1025-5000 in turn
};

struct World {
  std::vector<Client> clients;
  std::vector<std::string> web, peers;
  std::vector<std::size_t> infected;
};

inline std::string ip(unsigned a, unsigned b, unsigned c, unsigned d) {
  return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c) +
         "." + std::to_string(d);
}

// One draw per statement: the order of a call's arguments is unspecified
// in C++ and compilers differ (GCC on x86-64 and on aarch64 did), so draws
// inside one call made different traffic on each. Drawn last to first, the
// order GCC on x86-64 used, which the accuracy figures were measured on.
inline std::string external(Rng& rng) {
  const unsigned d = 1 + rng.below(254);
  const unsigned c = rng.below(256);
  const unsigned b = 1 + rng.below(200);
  return ip(10, b, c, d);
}

inline World make_world(Rng& rng) {
  World w;
  for (unsigned i = 0; i < 400; ++i) {
    const bool windows = i % 2 == 0;
    w.clients.push_back({ip(172, 10 + 10 * (i % 3), 1 + i / 200, 2 + i % 200),
                         windows, 1025 + rng.below(3976)});
  }
  for (unsigned i = 0; i < 2000; ++i) w.web.push_back(external(rng));
  for (unsigned i = 0; i < 3000; ++i) w.peers.push_back(external(rng));
  for (unsigned i = 0; i < 5; ++i) w.infected.push_back(rng.below(400) & ~1u);
  return w;
}

inline unsigned client_port(Rng& rng, Client& c) {
  if (!c.windows)
    return 32768 + rng.below(28232);
  const unsigned port = c.next_port;
  c.next_port = port == 5000 ? 1025 : port + 1;
  return port;
}

inline void session(Rng& rng, Flow& f, unsigned up, unsigned down) {
  f.src_packets = 2 + rng.below(20);
  f.dst_packets = 1 + rng.below(30);
  f.src_payload = 1 + rng.below(up);
  f.dst_payload = rng.chance(950) ? 1 + rng.below(down) : 0;
  f.duration = rng.below(60);
}

inline void probe(Rng& rng, Flow& f) {
  f.src_packets = 1;
  f.dst_packets = rng.below(2);  // a RST or SYN-ACK, or nothing
}

inline void client_to(Rng& rng, World& w, Flow& f, const std::string& server,
                      unsigned port, int protocol = 6) {
  Client& c = w.clients[rng.below(static_cast<unsigned>(w.clients.size()))];
  f.protocol = protocol;
  f.src = c.address;
  f.src_port = client_port(rng, c);
  f.dst = server;
  f.dst_port = port;
  session(rng, f, 2000, 100000);
}

}  // namespace labeled
