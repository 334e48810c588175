// What the learned evidence says, in the form the rules ask it: is this
// host a scanner, how many peers does this endpoint and this port serve.
// Built once from Evidence; read-only and shared by all workers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "learn/evidence.h"

namespace flowclean {

/// The thresholds, in one place. Servers and clients differ by orders of
/// magnitude in these counts (a web server: thousands of peer ports; a
/// client port: the handful of services it was used for), so the ratios
/// sit far from both and were not tuned per data set.
namespace learned {
/// An endpoint serves when it has at least this many peer endpoints...
inline constexpr double kServerMinPeers = 4;
/// ...and this many times the peers of the other endpoint of the row.
inline constexpr double kServerRatio = 4;
/// A port serves when it met at least this many peer ports...
inline constexpr double kPortMinPeers = 8;
/// ...and this many times the other port's (in a row), or the median
/// port's (in the learned list).
inline constexpr double kPortRatio = 8;
/// A scanner's probes outnumber its conversations this many times, and
/// it scans vertically (many well-known ports, 1-1024)...
inline constexpr double kScannerMinLowPorts = 8;
/// ...or horizontally: at least this many hosts, on a quarter as many ports.
/// A server that refuses or never answers connections also has many probe
/// peers from one port, but its peers' ports are ephemeral (above 1024) and
/// as many as the connections: it is neither.
inline constexpr double kScannerMinHosts = 32;
inline constexpr double kScannerHostsPerPort = 4;
inline constexpr double kScannerProbeRatio = 4;
/// A probed host, not in a scanner's shape, is either a server nobody
/// reaches or that refuses: probed on at most this many ports of its own...
inline constexpr double kTargetMaxOwnPorts = 4;
/// ...by at least this many endpoints (a client's ports, one per attempt);
inline constexpr double kTargetMinPeers = 16;
/// or a host swept by scanners: probed by at least kScannerMinHosts hosts
/// on at least this many of its well-known ports.
inline constexpr double kTargetMinOwnLowPorts = 8;
/// In a row between two probed hosts, the destination is the one with this
/// many times the probe peers (a swept host over a scanner that, from one
/// port, probed only high ports and so looks like a dead server).
inline constexpr double kProbedRatio = 4;
/// A client host used at least this many ports of its own in conversations
/// (one per connection), and this many times the other host's.
inline constexpr double kClientMinPorts = 16;
inline constexpr double kClientRatio = 4;
/// Where the dynamic (client) port range starts: Linux hands out
/// 32768-60999, Windows since Vista and macOS 49152-65535 (IANA's dynamic
/// range). The 12 Zeek captures' rows no other rule decided were replies
/// from 443, 995 or 4444 to clients' ports 49160-50384.
inline constexpr Port kDynamicPortMin = 32768;
/// The end of the well-known and BSD reserved ports: a client's port is
/// above it.
inline constexpr Port kLastWellKnownPort = 1024;
}  // namespace learned

/// A port of the learned service list, with its evidence.
struct RankedPort {
  bool udp;
  Port port;
  double peer_ports;
  const PortEvidence* evidence;
};

/// What a host's probes make it: a scanner (it starts what it is in), a
/// probed host (it is the destination of probes), or neither.
struct HostVerdict {
  const HostEvidence* host;
  double peers;
  double peer_hosts;
  double peer_ports;
  double low_ports;
  double own_ports;
  double own_low_ports;
  std::uint64_t conversations;
  bool scanner;
  bool probed;
  bool swept;  ///< probed by many hosts' scans (else: a server not reached)
};

/// What the model says about one row, looked up once.
struct RowEvidence {
  bool src_scanner = false;
  bool dst_scanner = false;
  double src_probed = 0;  ///< a probed host's probe peers; 0 if not probed
  double dst_probed = 0;
  bool src_swept = false;  ///< probed as a target of many hosts' scans
  bool dst_swept = false;
  /// The host had conversations (payload both ways); looked up only where
  /// the other host is swept, the one case a rule reads it.
  bool src_talks = false;
  bool dst_talks = false;
  double src_client = 0;  ///< ports the source host used in conversations
  double dst_client = 0;
  double src_server = 0;  ///< peer endpoints of the source endpoint
  double dst_server = 0;
  double src_port = 0;  ///< peer ports of the source port
  double dst_port = 0;
  /// Peer ports a port needs to count as a service: kPortRatio times the
  /// median port's, at least kPortMinPeers. On a big file every client port
  /// has met the dozen services it was used for; a service meets thousands.
  double port_floor = learned::kPortMinPeers;
};

class Model {
 public:
  explicit Model(Evidence evidence);

  [[nodiscard]] RowEvidence lookup(bool udp, std::string_view src_address,
                                   Port src_port, std::string_view dst_address,
                                   Port dst_port) const {
    return lookup_hashed(udp, hash_text(src_address), src_port,
                         hash_text(dst_address), dst_port);
  }
  /// The same, given the addresses' hash_text().
  [[nodiscard]] RowEvidence lookup_hashed(bool udp, std::uint64_t src_hash,
                                          Port src_port, std::uint64_t dst_hash,
                                          Port dst_port) const;
  /// Starts fetching the cells lookup_hashed() reads for this row, so that
  /// the lookups of a batch of rows wait for memory together rather than
  /// one after another.
  void prefetch(bool udp, std::uint64_t src_hash, Port src_port,
                std::uint64_t dst_hash, Port dst_port) const;

  [[nodiscard]] double port_peers(bool udp, Port port) const {
    return port_peers_[port_index(udp, port)];
  }
  /// The learned service ports, most peer ports first.
  [[nodiscard]] std::vector<RankedPort> service_ports() const;
  /// Hosts seen probing, most probed peers first, scanners or not.
  [[nodiscard]] std::vector<HostVerdict> probing_hosts() const;
  [[nodiscard]] const Evidence& evidence() const { return evidence_; }

 private:
  [[nodiscard]] double endpoint_peers(std::uint64_t address_hash, bool udp,
                                      Port port) const;
  [[nodiscard]] HostVerdict judge(const HostEvidence& host,
                                  std::uint64_t hash) const;
  /// Scanners and probed hosts; hosts that are neither are not kept.
  FlatTable<HostVerdict> roles_;  ///< looked up twice a row: flat

  Evidence evidence_;
  /// 1 MB, in huge pages as the evidence's tables are: in 4 KiB pages, 256
  /// page faults, 2.5 ms of loading a model on a VM.
  HugeVector<double> port_peers_;
  /// Each host-port cell's estimate, 256 KB: the sketches are 4.7 MB met at
  /// random, and reading them for every row was 12% of clean --model.
  std::vector<float> client_ports_;
  double port_floor_[2] = {learned::kPortMinPeers, learned::kPortMinPeers};
  CountTable endpoint_peers_;  ///< looked up twice a row: one cell each
};

}  // namespace flowclean
