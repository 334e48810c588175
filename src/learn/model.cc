#include "learn/model.h"

#include <algorithm>
#include <tuple>

namespace flowclean {

namespace {

/// The median of `values` (reordered); 0 if there are none.
double median(std::vector<double>& values) {
  if (values.empty())
    return 0;
  const auto middle =
      values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

}  // namespace

Model::Model(Evidence evidence)
    : evidence_(std::move(evidence)),
      port_peers_(kPortSlots),
      client_ports_(kHostPortCells) {
  // One pass over the ports' evidence (12 MB) for their estimates and the
  // median of those used in conversations: two were 2 ms of loading.
  std::vector<double> used;
  for (int udp = 0; udp < 2; ++udp) {
    used.clear();
    for (unsigned p = 0; p < 65536; ++p) {
      const PortEvidence& port = evidence_.port(udp != 0, static_cast<Port>(p));
      const double peers = port.peer_ports.estimate();
      port_peers_[port_index(udp != 0, static_cast<Port>(p))] = peers;
      if (port.conversations > 0)
        used.push_back(peers);
    }
    port_floor_[udp] =
        std::max(learned::kPortMinPeers, learned::kPortRatio * median(used));
  }
  for (std::size_t cell = 0; cell < kHostPortCells; ++cell)
    client_ports_[cell] =
        static_cast<float>(evidence_.host_ports(cell).estimate());
  for (const auto& [hash, host] : evidence_.hosts) {
    const HostVerdict verdict = judge(host, hash);
    if (verdict.scanner || verdict.probed)
      *roles_.try_emplace(hash).first = verdict;
  }
  endpoint_peers_.reserve(evidence_.endpoints.size());
  for (const auto& [key, endpoint] : evidence_.endpoints) {
    endpoint_peers_.add(key, static_cast<float>(endpoint.peers.estimate()));
  }
}

HostVerdict Model::judge(const HostEvidence& host, std::uint64_t hash) const {
  using namespace learned;
  HostVerdict info{&host,
                   host.peers.estimate(),
                   host.peer_hosts.estimate(),
                   host.peer_ports.estimate(),
                   host.low_ports.estimate(),
                   host.own_ports.estimate(),
                   host.own_low_ports.estimate(),
                   evidence_.host_conversations(hash),
                   false,
                   false,
                   false};
  const bool vertical = info.low_ports >= kScannerMinLowPorts;
  const bool horizontal =
      info.peer_hosts >= kScannerMinHosts &&
      info.peer_hosts >= kScannerHostsPerPort * info.peer_ports;
  info.scanner =
      (vertical || horizontal) &&
      static_cast<double>(host.probes) >=
          kScannerProbeRatio * static_cast<double>(info.conversations);
  const bool unreached =
      info.own_ports <= kTargetMaxOwnPorts && info.peers >= kTargetMinPeers;
  const bool swept = info.peer_hosts >= kScannerMinHosts &&
                     info.own_low_ports >= kTargetMinOwnLowPorts;
  info.probed = !info.scanner && !horizontal && (unreached || swept);
  info.swept = info.probed && !unreached;
  return info;
}

double Model::endpoint_peers(std::uint64_t address_hash, bool udp,
                             Port port) const {
  return endpoint_peers_.find(endpoint_key(address_hash, udp, port));
}

void Model::prefetch(bool udp, std::uint64_t src_hash, Port src_port,
                     std::uint64_t dst_hash, Port dst_port) const {
  roles_.prefetch(src_hash);
  roles_.prefetch(dst_hash);
  __builtin_prefetch(&client_ports_[src_hash % kHostPortCells]);
  __builtin_prefetch(&client_ports_[dst_hash % kHostPortCells]);
  endpoint_peers_.prefetch(endpoint_key(src_hash, udp, src_port));
  endpoint_peers_.prefetch(endpoint_key(dst_hash, udp, dst_port));
  __builtin_prefetch(&port_peers_[port_index(udp, src_port)]);
  __builtin_prefetch(&port_peers_[port_index(udp, dst_port)]);
}

RowEvidence Model::lookup_hashed(bool udp, std::uint64_t src_hash,
                                 Port src_port, std::uint64_t dst_hash,
                                 Port dst_port) const {
  RowEvidence row;
  if (roles_.size() != 0) {
    if (const HostVerdict* src = roles_.find(src_hash)) {
      row.src_scanner = src->scanner;
      row.src_probed = src->probed ? src->peers : 0;
      row.src_swept = src->swept;
    }
    if (const HostVerdict* dst = roles_.find(dst_hash)) {
      row.dst_scanner = dst->scanner;
      row.dst_probed = dst->probed ? dst->peers : 0;
      row.dst_swept = dst->swept;
    }
    // Read only where the other host is swept, the one place a rule asks:
    // the cells are 4 MB met at random, and loading them for every row was
    // 45% of clean --model (perf annotate, 1 GB benchmark file).
    row.src_talks = row.dst_swept && evidence_.host_conversations(src_hash) > 0;
    row.dst_talks = row.src_swept && evidence_.host_conversations(dst_hash) > 0;
  }
  row.src_client = client_ports_[src_hash % kHostPortCells];
  row.dst_client = client_ports_[dst_hash % kHostPortCells];
  row.src_server = endpoint_peers(src_hash, udp, src_port);
  row.dst_server = endpoint_peers(dst_hash, udp, dst_port);
  row.src_port = port_peers(udp, src_port);
  row.dst_port = port_peers(udp, dst_port);
  row.port_floor = port_floor_[udp ? 1 : 0];
  return row;
}

std::vector<RankedPort> Model::service_ports() const {
  using namespace learned;
  std::vector<RankedPort> ranked;
  for (int udp = 0; udp < 2; ++udp) {
    const double floor = port_floor_[udp];
    for (unsigned p = 1; p < 65536; ++p) {
      const auto port = static_cast<Port>(p);
      const double peers = port_peers(udp != 0, port);
      if (peers >= floor) {
        ranked.push_back(
            {udp != 0, port, peers, &evidence_.port(udp != 0, port)});
      }
    }
  }
  std::sort(ranked.begin(), ranked.end(),
            [](const RankedPort& a, const RankedPort& b) {
              return std::tie(b.peer_ports, a.udp, a.port) <
                     std::tie(a.peer_ports, b.udp, b.port);
            });
  return ranked;
}

std::vector<HostVerdict> Model::probing_hosts() const {
  std::vector<HostVerdict> hosts;
  for (const auto& [hash, host] : evidence_.hosts) {
    hosts.push_back(judge(host, hash));
  }
  std::sort(hosts.begin(), hosts.end(),
            [](const HostVerdict& a, const HostVerdict& b) {
              return std::tie(b.peers, a.host->address) <
                     std::tie(a.peers, b.host->address);
            });
  return hosts;
}

}  // namespace flowclean
