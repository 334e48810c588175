// SSE2, which every x86-64 CPU has: the lister in four 16-byte vectors.
// The batch rules keep the portable lanes (generic/portable_lanes.h says
// why).
#if defined(__x86_64__)
#include <immintrin.h>

#include "simd/generic/includes.h"

namespace flowclean::simd::sse2 {

constexpr bool kHasPopcount = false;

class Window {
 public:
  explicit Window(const char* data) {
    for (std::size_t i = 0; i < 4; ++i) {
      chunk_[i] =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * i));
    }
  }
  [[nodiscard]] std::uint64_t eq(char c) const {
    const __m128i byte = _mm_set1_epi8(c);
    return bits([byte](__m128i x) { return _mm_cmpeq_epi8(x, byte); });
  }
  [[nodiscard]] std::uint64_t below(char c) const {
    const __m128i byte = _mm_set1_epi8(c);
    return bits([byte](__m128i x) { return _mm_cmplt_epi8(x, byte); });
  }
  [[nodiscard]] std::uint64_t masked_eq(char mask, char c) const {
    const __m128i kept = _mm_set1_epi8(mask);
    const __m128i byte = _mm_set1_epi8(c);
    return bits([kept, byte](__m128i x) {
      return _mm_cmpeq_epi8(_mm_and_si128(x, kept), byte);
    });
  }

 private:
  template <typename F>
  [[nodiscard]] std::uint64_t bits(F test) const {
    std::uint64_t out = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      out |= static_cast<std::uint64_t>(
                 static_cast<unsigned>(_mm_movemask_epi8(test(chunk_[i]))))
             << (16 * i);
    }
    return out;
  }
  __m128i chunk_[4];
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

}  // namespace flowclean::simd::sse2

#endif
