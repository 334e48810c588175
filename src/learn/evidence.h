// What `flowclean learn` gathers from the rows: sums and distinct-count
// sketches only, so evidence from separate chunks merges into exactly the
// evidence of one pass, in any order. Every row contributes the same
// evidence whichever way round it was recorded (but for the as-recorded port
// counts `stats` shows): learning on a cleaned file gives the same decisions
// as learning on the raw one.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/zeroed_array.h"
#include "learn/distinct.h"
#include "learn/endpoint_table.h"
#include "rules/ports.h"
#include "rules/protocol.h"

namespace flowclean {

/// The fields of one TCP or UDP row that learning reads.
struct Observation {
  bool udp = false;
  std::string_view src_address, dst_address;
  Port src_port = 0, dst_port = 0;
  std::uint64_t src_payload = 0, dst_payload = 0;
  /// False in formats without payload columns: the row is neither a
  /// conversation nor a probe, and gives its port counts alone.
  bool payload_known = true;
};

/// A conversation carries payload both ways: only a real exchange (not a
/// probe, not a one-sided stream) says which ports and endpoints serve.
[[nodiscard]] inline bool is_conversation(const Observation& o) {
  return o.payload_known && o.src_payload > 0 && o.dst_payload > 0;
}
/// A probe carries no payload either way: scans, failed connections.
[[nodiscard]] inline bool is_probe(const Observation& o) {
  return o.payload_known && o.src_payload == 0 && o.dst_payload == 0;
}

/// How the model file and the reports name the two protocols with ports.
[[nodiscard]] inline std::string_view transport_name(bool udp) {
  return udp ? "udp" : "tcp";
}

/// Where (protocol, port) sits in a table of both protocols' ports.
inline constexpr std::size_t kPortSlots = std::size_t{2} * 65536;
[[nodiscard]] inline std::size_t port_index(bool udp, Port port) {
  return (udp ? 65536u : 0u) + port;
}

/// Per (protocol, port), summed over all endpoints.
struct PortEvidence {
  /// Records with the port on the source / destination side: the only
  /// direction-dependent numbers learned; `stats` shows them, no rule reads
  /// them.
  std::uint64_t as_src = 0;
  std::uint64_t as_dst = 0;
  std::uint64_t conversations = 0;
  DistinctSketch peer_ports;  ///< ports on the other side, in conversations
};

/// Per host seen in a probe: what a scanner looks like. The ports are the
/// peers' (the probed ports), since a scanner's own port may be fixed or
/// random and says little.
struct HostEvidence {
  std::string address;
  std::uint64_t probes = 0;
  DistinctSketch peers;          ///< peer endpoints (address, port)
  DistinctSketch peer_hosts;     ///< peer addresses
  DistinctSketch peer_ports;     ///< ports on the other side
  DistinctSketch low_ports;      ///< ports on the other side, 1-1024 only
  DistinctSketch own_ports;      ///< the host's own ports
  DistinctSketch own_low_ports;  ///< the host's own ports, 1-1024 only
};

/// What every host's conversations show, kept in hashed cells rather than
/// per host so that client hosts cost nothing. Hosts that share a cell
/// add up, which only ever withholds a decision: more conversations make a
/// host look less like a scanner, more ports less like a server.
/// Conversations are counted in many small cells (4 MB); the ports hosts
/// used are sketched in fewer, bigger ones (4 MB), which mostly client hosts
/// fill.
inline constexpr std::size_t kHostCells = std::size_t{1} << 20;
inline constexpr std::size_t kHostPortCells = std::size_t{1} << 16;

inline constexpr std::size_t kObserveBatch = 32;

/// Rows counted together: Evidence::prepare() hashes them and prefetches
/// the table lines they will touch, count() counts them. Prepared one batch
/// ahead of counting, the lines are in cache when they are needed: row by
/// row, waiting on the port table and host cells (megabytes, met at random)
/// was 70% of learn's time (perf annotate).
struct ObservationBatch {
  std::array<Observation, kObserveBatch> rows;
  std::array<std::uint64_t, kObserveBatch> src_hash{};
  std::array<std::uint64_t, kObserveBatch> dst_hash{};
  std::size_t size = 0;
};

[[nodiscard]] std::uint64_t endpoint_key(std::uint64_t address_hash, bool udp,
                                         Port port);

/// What learn's per-host and per-endpoint tables hold at most, together
/// (each worker holds its share). Beyond them the hosts with the fewest
/// probes and the endpoints with the fewest conversations are dropped, and
/// counted: memory stays bounded whatever the input (a flood of rows from
/// distinct hosts took 2 GB per million rows before). The numbers: a host
/// costs about 520 bytes, an endpoint about 200 with the table's slack, so
/// the two caps are about 52 MB and 80 MB (doc/bad-input.md, Memory).
inline constexpr std::size_t kMaxHosts = 100'000;
inline constexpr std::size_t kMaxEndpoints = 400'000;

/// What the caps left out, added up over every prune and merge.
struct Dropped {
  std::uint64_t hosts = 0;
  std::uint64_t probes = 0;
  std::uint64_t endpoints = 0;
  std::uint64_t conversations = 0;
  [[nodiscard]] bool any() const { return hosts != 0 || endpoints != 0; }
};

class Evidence {
 public:
  void prepare(ObservationBatch& batch);
  void count(const ObservationBatch& batch);
  void merge(const Evidence& other);
  void count_row() { ++rows_; }

  [[nodiscard]] std::uint64_t rows() const { return rows_; }
  [[nodiscard]] const PortEvidence& port(bool udp, Port port) const {
    static const PortEvidence kNone;
    return ports_.empty() ? kNone : ports_[port_index(udp, port)];
  }
  [[nodiscard]] PortEvidence& port(bool udp, Port port) {
    allocate();
    return ports_[port_index(udp, port)];
  }
  [[nodiscard]] std::uint32_t host_conversations(std::uint64_t hash) const {
    return host_conversations_.empty() ? 0
                                       : host_conversations_[hash % kHostCells];
  }
  [[nodiscard]] const DistinctSketch& host_ports(std::uint64_t hash) const {
    static const DistinctSketch kNone;
    return host_ports_.empty() ? kNone : host_ports_[hash % kHostPortCells];
  }
  /// The tables themselves, for the model files: made on first use, so
  /// read through a const Evidence they may be empty.
  [[nodiscard]] ZeroedArray<std::uint32_t>& conversation_cells() {
    allocate();
    return host_conversations_;
  }
  [[nodiscard]] ZeroedArray<DistinctSketch>& port_cells() {
    allocate();
    return host_ports_;
  }
  [[nodiscard]] ZeroedArray<PortEvidence>& port_table() {
    allocate();
    return ports_;
  }
  [[nodiscard]] const ZeroedArray<std::uint32_t>& conversation_cells() const {
    return host_conversations_;
  }
  [[nodiscard]] const ZeroedArray<DistinctSketch>& port_cells() const {
    return host_ports_;
  }
  [[nodiscard]] const ZeroedArray<PortEvidence>& port_table() const {
    return ports_;
  }
  /// Keyed by hash_text(address).
  std::unordered_map<std::uint64_t, HostEvidence> hosts;
  /// Keyed by endpoint_key().
  EndpointTable endpoints;
  void set_rows(std::uint64_t rows) { rows_ = rows; }

  /// At most this many hosts and endpoints; the lightest are dropped when a
  /// table grows past its cap (to half of it, so a prune is rare).
  void set_caps(std::size_t max_hosts, std::size_t max_endpoints) {
    max_hosts_ = max_hosts;
    max_endpoints_ = max_endpoints;
  }
  /// Drops the lightest hosts and endpoints if a table is over its cap.
  void keep_within_caps();
  [[nodiscard]] const Dropped& dropped() const { return dropped_; }
  Dropped& dropped() { return dropped_; }

 private:
  void observe_conversation(const Observation& row, std::uint64_t src_hash,
                            std::uint64_t dst_hash);
  void observe_probe(const Observation& row, std::uint64_t src_hash,
                     std::uint64_t dst_hash);

  std::uint64_t rows_ = 0;
  std::size_t max_hosts_ = kMaxHosts;
  std::size_t max_endpoints_ = kMaxEndpoints;
  Dropped dropped_;
  /// The fixed tables (25 MB) are made on first use: a worker that sees no
  /// TCP or UDP row, a small test or a fuzz input costs nothing.
  void allocate();

  ZeroedArray<PortEvidence> ports_;
  ZeroedArray<std::uint32_t> host_conversations_;
  ZeroedArray<DistinctSketch> host_ports_;
};

}  // namespace flowclean
