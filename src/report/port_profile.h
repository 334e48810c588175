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
  /// The protocols counted: only TCP and UDP have ports that mean a side.
  static constexpr std::array<ProtocolId, 2> kProtocols{kTcp, kUdp};
  static constexpr std::array<const char*, 2> kNames{"tcp", "udp"};
  /// Added from a summary written before ports were counted: no report can
  /// be drawn from this total.
  bool missing = false;

  /// A row as read. Its ports are listed, and counted a list at a time
  /// (tally()): counted row by row where the rows are decided, the 1 GB
  /// benchmark's clean took 30% longer (bench/ab.sh, 2026-12-07), since the
  /// counting stalled the deciding; a tight loop over a list overlaps the
  /// tables' cache misses.
  [[gnu::always_inline]] void count(ProtocolId protocol, Port src, Port dst) {
    rows_.ports[rows_.size] = pack(src, dst);
    rows_.kinds[rows_.size] = kind(protocol);
    if (++rows_.size == kListed)
      tally();
  }
  /// The 16 rows of a batch; those not in `rows` (bit r: row r) are left
  /// out. Branch-free, so it vectorises.
  [[gnu::always_inline]] void count_batch(const ProtocolId* protocol,
                                          const Port* src, const Port* dst,
                                          std::uint32_t rows) {
    // Leaves room for count()'s row after it.
    if (rows_.size >= kListed - 16)
      tally();
    std::uint32_t* ports = &rows_.ports[rows_.size];
    std::uint8_t* kinds = &rows_.kinds[rows_.size];
    for (unsigned r = 0; r < 16; ++r) {
      ports[r] = pack(src[r], dst[r]);
      kinds[r] = ((rows >> r) & 1U) != 0 ? kind(protocol[r]) : kSkip;
    }
    rows_.size += 16;
  }
  /// A row counted by count() that was flipped.
  void count_flip(ProtocolId protocol, Port src, Port dst) {
    flips_.ports[flips_.size] = pack(src, dst);
    flips_.kinds[flips_.size] = kind(protocol);
    if (++flips_.size == kListed)
      tally();
  }
  /// Counts what is listed and adds it to the totals; then protocols() may
  /// be read and the profile merged.
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
  static constexpr std::size_t kListed = 4096;  ///< 20 KB: stays in L1
  static constexpr std::uint8_t kSkip = 2;
  [[nodiscard]] static std::uint32_t pack(Port src, Port dst) {
    return static_cast<std::uint32_t>(src) << 16U | dst;
  }
  [[nodiscard]] static std::uint8_t kind(ProtocolId protocol) {
    return protocol == kTcp ? 0 : protocol == kUdp ? 1 : kSkip;
  }
  struct Listed {
    std::size_t size = 0;
    std::array<std::uint32_t, kListed> ports;
    std::array<std::uint8_t, kListed> kinds;
  };
  /// The low byte of each port's count, with the totals' count of 256s
  /// raised on each carry: 64 KB tables, which stay in the cache as the
  /// input streams past (32-bit tables took twice the time per row). Four
  /// density tables, taken in turn, so that rows of one cell do not each
  /// wait for the one before through memory.
  struct Tally {
    std::vector<std::uint8_t> src, dst, flipped_src, flipped_dst;
    std::array<std::array<std::uint64_t, ProtocolPorts::kCells>, 4> density{};
  };
  void tally();
  void add_tally(std::size_t protocol);
  [[nodiscard]] bool unsettled() const;

  Listed rows_;
  Listed flips_;
  std::array<Tally, 2> tallies_;
  std::array<ProtocolPorts, 2> totals_;
};

}  // namespace flowclean
