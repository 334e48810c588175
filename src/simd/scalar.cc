// The kernels in plain C++, for any CPU: the reference the others are
// tested against, and the fallback where no wider set is compiled.
#include "simd/generic/includes.h"

namespace flowclean::simd::scalar {

constexpr bool kHasPopcount = false;

/// A window's bitmaps eight bytes at a time in 64-bit words (SWAR): one
/// test per byte made the scalar clean of the 1 GB benchmark file 19x
/// `cat` (2026-12-07, AMD EPYC, forced scalar).
class Window {
 public:
  explicit Window(const char* data) { std::memcpy(words_, data, 64); }
  [[nodiscard]] std::uint64_t eq(char c) const {
    const std::uint64_t pattern = kOnes * static_cast<unsigned char>(c);
    std::uint64_t bits = 0;
    for (unsigned k = 0; k < 8; ++k)
      bits |= flags(zero_bytes(words_[k] ^ pattern)) << (8 * k);
    return bits;
  }
  [[nodiscard]] std::uint64_t masked_eq(char mask, char c) const {
    const std::uint64_t kept = kOnes * static_cast<unsigned char>(mask);
    const std::uint64_t pattern = kOnes * static_cast<unsigned char>(c);
    std::uint64_t bits = 0;
    for (unsigned k = 0; k < 8; ++k)
      bits |= flags(zero_bytes((words_[k] & kept) ^ pattern)) << (8 * k);
    return bits;
  }
  /// Signed, for c in [0, 0x7F]: bytes >= 0x80 count as below.
  [[nodiscard]] std::uint64_t below(char c) const {
    const std::uint64_t limit = kOnes * static_cast<unsigned char>(c);
    std::uint64_t bits = 0;
    for (unsigned k = 0; k < 8; ++k) {
      // With each byte's high bit set, subtracting c borrows from no
      // neighbour, and the high bit stays set where the byte is >= c.
      const std::uint64_t w = words_[k];
      bits |= flags((~((w | kHigh) - limit) | w) & kHigh) << (8 * k);
    }
    return bits;
  }

 private:
  static constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  static constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  /// The high bit of each byte that is zero, exactly (no borrow).
  static std::uint64_t zero_bytes(std::uint64_t x) {
    const std::uint64_t low = (x & ~kHigh) + ~kHigh;
    return ~(low | x | ~kHigh);
  }
  /// High bits of bytes (0x80 each) to eight bits, byte i to bit i.
  static std::uint64_t flags(std::uint64_t high) {
    return ((high >> 7) * 0x0102040810204080ULL) >> 56;
  }
  std::uint64_t words_[8];
};

// The generic kernels, each after what it needs.
// clang-format off
#include "simd/generic/bits.h"
#include "simd/generic/positions.h"
#include "simd/generic/lister.h"
#include "simd/generic/prefix_xor.h"
#include "simd/generic/json_marks.h"
#include "simd/generic/portable_lanes.h"
#include "simd/generic/batch_rules.h"
// clang-format on

}  // namespace flowclean::simd::scalar
