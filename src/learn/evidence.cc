#include "learn/evidence.h"

#include "common/counts.h"

namespace flowclean {

std::uint64_t endpoint_key(std::uint64_t address_hash, bool udp, Port port) {
  const std::uint64_t where = (udp ? 0x10000u : 0u) | port;
  return mix64(address_hash ^ (where * 0x9E3779B97F4A7C15ULL));
}

void Evidence::allocate() {
  if (!ports_.empty())
    return;
  ports_.allocate(kPortSlots);
  host_conversations_.allocate(kHostCells);
  host_ports_.allocate(kHostPortCells);
}

namespace {

EndpointEvidence& endpoint_entry(Evidence& evidence, std::string_view address,
                                 std::uint64_t key, bool udp, Port port) {
  auto [entry, added] = evidence.endpoints.try_emplace(key);
  if (added) {
    entry->address = std::string(address);
    entry->udp = udp;
    entry->port = port;
  }
  return *entry;
}

void add_cell(std::uint32_t& cell, std::uint64_t count) {
  const std::uint64_t sum = cell + count;
  cell = sum > UINT32_MAX ? UINT32_MAX : static_cast<std::uint32_t>(sum);
}

}  // namespace

// The endpoint with the lower port is the likely server: only it is kept.
// That keeps memory with the servers (a client's ephemeral port is new for
// nearly every connection) and is the same whichever way the row points.
// A client whose port is below its server's is kept too, but it has one
// peer, and the decisions need several.
void Evidence::observe_conversation(const Observation& row,
                                    std::uint64_t src_hash,
                                    std::uint64_t dst_hash) {
  const std::uint64_t src_key = endpoint_key(src_hash, row.udp, row.src_port);
  const std::uint64_t dst_key = endpoint_key(dst_hash, row.udp, row.dst_port);
  PortEvidence& src = ports_[port_index(row.udp, row.src_port)];
  PortEvidence& dst = ports_[port_index(row.udp, row.dst_port)];
  ++src.conversations;
  ++dst.conversations;
  src.peer_ports.add(sketch_hash(row.dst_port));
  dst.peer_ports.add(sketch_hash(row.src_port));
  add_cell(host_conversations_[src_hash % kHostCells], 1);
  add_cell(host_conversations_[dst_hash % kHostCells], 1);
  host_ports_[src_hash % kHostPortCells].add(sketch_hash(row.src_port));
  host_ports_[dst_hash % kHostPortCells].add(sketch_hash(row.dst_port));
  if (row.src_port <= row.dst_port) {
    auto& e =
        endpoint_entry(*this, row.src_address, src_key, row.udp, row.src_port);
    ++e.conversations;
    e.peers.add(sketch_hash(dst_key));
  }
  if (row.dst_port <= row.src_port) {
    auto& e =
        endpoint_entry(*this, row.dst_address, dst_key, row.udp, row.dst_port);
    ++e.conversations;
    e.peers.add(sketch_hash(src_key));
  }
}

void Evidence::observe_probe(const Observation& row, std::uint64_t src_hash,
                             std::uint64_t dst_hash) {
  constexpr Port kLastWellKnownPort = 1024;
  auto note = [&](std::string_view address, std::uint64_t hash, Port own_port,
                  std::uint64_t peer_hash, Port peer_port) {
    auto [it, added] = hosts.try_emplace(hash);
    HostEvidence& host = it->second;
    if (added)
      host.address = std::string(address);
    ++host.probes;
    host.peers.add(sketch_hash(endpoint_key(peer_hash, row.udp, peer_port)));
    host.peer_hosts.add(sketch_hash(peer_hash));
    host.peer_ports.add(sketch_hash(peer_port));
    if (peer_port <= kLastWellKnownPort)
      host.low_ports.add(sketch_hash(peer_port));
    host.own_ports.add(sketch_hash(own_port));
    if (own_port <= kLastWellKnownPort)
      host.own_low_ports.add(sketch_hash(own_port));
  };
  note(row.src_address, src_hash, row.src_port, dst_hash, row.dst_port);
  note(row.dst_address, dst_hash, row.dst_port, src_hash, row.src_port);
}

void Evidence::prepare(ObservationBatch& batch) {
  allocate();
  for (std::size_t i = 0; i < batch.size; ++i) {
    const Observation& row = batch.rows[i];
    const PortEvidence* src = &ports_[port_index(row.udp, row.src_port)];
    const PortEvidence* dst = &ports_[port_index(row.udp, row.dst_port)];
    __builtin_prefetch(src, 1);
    __builtin_prefetch(dst, 1);
    const bool conversation = is_conversation(row);
    if (conversation) {
      __builtin_prefetch(&src->peer_ports, 1);
      __builtin_prefetch(&dst->peer_ports, 1);
      __builtin_prefetch(reinterpret_cast<const char*>(src + 1) - 1, 1);
      __builtin_prefetch(reinterpret_cast<const char*>(dst + 1) - 1, 1);
    } else if (!is_probe(row)) {
      continue;
    }
    const std::uint64_t src_hash = hash_text(row.src_address);
    const std::uint64_t dst_hash = hash_text(row.dst_address);
    batch.src_hash[i] = src_hash;
    batch.dst_hash[i] = dst_hash;
    if (conversation) {
      endpoints.prefetch(row.src_port <= row.dst_port
                             ? endpoint_key(src_hash, row.udp, row.src_port)
                             : endpoint_key(dst_hash, row.udp, row.dst_port));
      __builtin_prefetch(&host_conversations_[src_hash % kHostCells], 1);
      __builtin_prefetch(&host_conversations_[dst_hash % kHostCells], 1);
      __builtin_prefetch(&host_ports_[src_hash % kHostPortCells], 1);
      __builtin_prefetch(&host_ports_[dst_hash % kHostPortCells], 1);
    }
  }
}

void Evidence::count(const ObservationBatch& batch) {
  allocate();
  for (std::size_t i = 0; i < batch.size; ++i) {
    const Observation& row = batch.rows[i];
    ++ports_[port_index(row.udp, row.src_port)].as_src;
    ++ports_[port_index(row.udp, row.dst_port)].as_dst;
    if (is_conversation(row)) {
      observe_conversation(row, batch.src_hash[i], batch.dst_hash[i]);
    } else if (is_probe(row)) {
      observe_probe(row, batch.src_hash[i], batch.dst_hash[i]);
    }
  }
  if (hosts.size() > max_hosts_ || endpoints.size() > max_endpoints_)
    keep_within_caps();
}

void Evidence::merge(const Evidence& other) {
  add_count(rows_, other.rows_, "rows");
  if (!other.ports_.empty())
    allocate();
  for (std::size_t i = 0; i < other.ports_.size(); ++i) {
    PortEvidence& to = ports_[i];
    const PortEvidence& from = other.ports_[i];
    add_count(to.as_src, from.as_src, "records from a port");
    add_count(to.as_dst, from.as_dst, "records to a port");
    add_count(to.conversations, from.conversations, "a port's conversations");
    to.peer_ports.merge(from.peer_ports);
  }
  for (std::size_t i = 0; i < other.host_conversations_.size(); ++i)
    add_cell(host_conversations_[i], other.host_conversations_[i]);
  for (std::size_t i = 0; i < other.host_ports_.size(); ++i)
    host_ports_[i].merge(other.host_ports_[i]);
  for (const auto& [key, from] : other.hosts) {
    auto [it, added] = hosts.try_emplace(key, from);
    if (added)
      continue;
    HostEvidence& host = it->second;
    add_count(host.probes, from.probes, "a host's probes");
    host.peers.merge(from.peers);
    host.peer_hosts.merge(from.peer_hosts);
    host.peer_ports.merge(from.peer_ports);
    host.low_ports.merge(from.low_ports);
    host.own_ports.merge(from.own_ports);
    host.own_low_ports.merge(from.own_low_ports);
  }
  for (const auto& [key, from] : other.endpoints) {
    auto [entry, added] = endpoints.try_emplace(key);
    if (added) {
      *entry = from;
      continue;
    }
    add_count(entry->conversations, from.conversations,
              "an endpoint's conversations");
    entry->peers.merge(from.peers);
  }
  add_count(dropped_.hosts, other.dropped_.hosts, "dropped hosts");
  add_count(dropped_.probes, other.dropped_.probes, "dropped probes");
  add_count(dropped_.endpoints, other.dropped_.endpoints, "dropped endpoints");
  add_count(dropped_.conversations, other.dropped_.conversations,
            "dropped conversations");
  keep_within_caps();
}

}  // namespace flowclean
