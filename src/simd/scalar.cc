// The kernels in plain C++, for any CPU: the reference the others are
// tested against, and the fallback where no wider set is compiled.
#include "simd/generic/includes.h"

namespace flowclean::simd::scalar {

constexpr bool kHasPopcount = false;

/// A window's bitmaps, one test per byte.
class Window {
 public:
  explicit Window(const char* data) : data_(data) {}
  [[nodiscard]] std::uint64_t eq(char c) const {
    return where([c](char byte) { return byte == c; });
  }
  [[nodiscard]] std::uint64_t below(char c) const {
    return where([c](char byte) {
      return static_cast<signed char>(byte) < static_cast<signed char>(c);
    });
  }

 private:
  template <typename F>
  [[nodiscard]] std::uint64_t where(F test) const {
    std::uint64_t bits = 0;
    for (unsigned i = 0; i < 64; ++i)
      bits |= test(data_[i]) ? std::uint64_t{1} << i : 0;
    return bits;
  }
  const char* data_;
};

// The generic kernels, each after what it needs.
// clang-format off
#include "simd/generic/bits.h"
#include "simd/generic/positions.h"
#include "simd/generic/lister.h"
#include "simd/generic/portable_lanes.h"
#include "simd/generic/batch_rules.h"
// clang-format on

}  // namespace flowclean::simd::scalar
