// What the report draws (flowclean report): for each protocol with ports,
// rows by source port and by destination port as read, the same for the
// rows flipped, and a source x destination port density in log bins. The
// counts after cleaning follow exactly: a flipped row's source port became
// its destination port. Plain counters, so summaries of chunks add up to
// the summary of one run (combine, the Slurm pipeline).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "rules/ports.h"
#include "rules/protocol.h"

namespace flowclean {

/// Port bins of the density: 0, 1, 2-3, 4-7, ..., 32768-65535. Log bins,
/// because the write-up's signature of inverted records is a band of low
/// (service) source ports toward high (ephemeral) destination ports.
inline constexpr std::size_t kPortBins = 17;

[[nodiscard]] inline std::size_t port_bin(Port port) {
  return port == 0 ? 0 : 32 - static_cast<std::size_t>(__builtin_clz(port));
}

/// The lowest port of bin b.
[[nodiscard]] inline unsigned bin_low(std::size_t bin) {
  return bin == 0 ? 0U : 1U << (bin - 1);
}

/// The ports of one protocol.
struct ProtocolPorts {
  static constexpr std::size_t kPorts = 65536;
  static constexpr std::size_t kCells = kPortBins * kPortBins;
  /// By port; empty until the first row, so an idle summary stays small.
  std::vector<std::uint64_t> src, dst, flipped_src, flipped_dst;
  /// [port_bin(src) * kPortBins + port_bin(dst)]
  std::array<std::uint64_t, kCells> density{};
  std::array<std::uint64_t, kCells> flipped_density{};

  [[nodiscard]] bool empty() const { return src.empty(); }
  void allocate();
  /// Rows counted, and of them flipped.
  [[nodiscard]] std::uint64_t rows() const;
  [[nodiscard]] std::uint64_t flipped() const;
  /// Rows by port after cleaning.
  [[nodiscard]] std::uint64_t src_after(Port port) const {
    return src[port] - flipped_src[port] + flipped_dst[port];
  }
  [[nodiscard]] std::uint64_t dst_after(Port port) const {
    return dst[port] - flipped_dst[port] + flipped_src[port];
  }
  /// The density after cleaning, cell [s * kPortBins + d].
  [[nodiscard]] std::uint64_t density_after(std::size_t s,
                                            std::size_t d) const {
    return density[s * kPortBins + d] - flipped_density[s * kPortBins + d] +
           flipped_density[d * kPortBins + s];
  }
};

class PortProfile {
 public:
  /// The protocols counted, as the summary JSON and the report name them:
  /// only TCP and UDP have ports that mean a side.
  static constexpr std::array<const char*, 2> kNames{"tcp", "udp"};
  static constexpr std::array<const char*, 2> kTitles{"TCP", "UDP"};
  /// Added from a summary written before ports were counted: no report can
  /// be drawn from this total.
  bool missing = false;

  /// A row as read. Inline: it runs per row.
  [[gnu::always_inline]] void count(ProtocolId protocol, Port src, Port dst) {
    if (protocol != kTcp && protocol != kUdp)
      return;
    const std::size_t k = protocol == kUdp ? 1 : 0;
    Tally& t = tallies_[k];
    if (t.src.empty())
      make_tables(k);
    if (++t.src[src] == 0)
      totals_[k].src[src] += 256;
    if (++t.dst[dst] == 0)
      totals_[k].dst[dst] += 256;
    ++totals_[k].density[cell(src, dst)];
  }
  /// The rows of a 16-row batch that are in `rows` (bit r: row r).
  [[gnu::always_inline]] void count_batch(const ProtocolId* protocol,
                                          const Port* src, const Port* dst,
                                          std::uint32_t rows) {
    for (; rows != 0; rows &= rows - 1) {
      const auto r = static_cast<unsigned>(__builtin_ctz(rows));
      count(protocol[r], src[r], dst[r]);
    }
  }
  /// A row counted by count() that was flipped.
  void count_flip(ProtocolId protocol, Port src, Port dst) {
    if (protocol != kTcp && protocol != kUdp)
      return;
    const std::size_t k = protocol == kUdp ? 1 : 0;
    Tally& t = tallies_[k];  // made when the row was counted
    if (++t.flipped_src[src] == 0)
      totals_[k].flipped_src[src] += 256;
    if (++t.flipped_dst[dst] == 0)
      totals_[k].flipped_dst[dst] += 256;
    ++totals_[k].flipped_density[cell(src, dst)];
  }
  /// Adds the low bytes to the totals; then protocols() may be read and
  /// the profile merged.
  void settle();
  /// The totals; Error if rows are counted but not settled.
  [[nodiscard]] const std::array<ProtocolPorts, 2>& protocols() const;
  /// To fill from a summary file.
  [[nodiscard]] ProtocolPorts& protocol_to_fill(std::size_t i) {
    return totals_[i];
  }
  /// Adds another profile's totals; Error if it is not settled.
  void merge(const PortProfile& other);

 private:
  [[nodiscard]] static std::size_t cell(Port src, Port dst) {
    return port_bin(src) * kPortBins + port_bin(dst);
  }
  /// The low byte of each port's count, with the totals' count of 256s
  /// raised on each carry: 64 KB tables, a quarter of 32-bit ones' cache
  /// (which measured a little slower, doc/performance.md). The density's
  /// cells are few and stay in cache: counted in the totals.
  struct Tally {
    std::vector<std::uint8_t> src, dst, flipped_src, flipped_dst;
  };
  void make_tables(std::size_t k);
  [[nodiscard]] bool unsettled() const;

  std::array<Tally, 2> tallies_;
  std::array<ProtocolPorts, 2> totals_;
};

}  // namespace flowclean
