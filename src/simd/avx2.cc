// AVX2 (Intel Haswell and later, AMD Zen): the lister in two 32-byte
// vectors, the batch rules eight rows at a time, 32-bit lanes for the
// decisions and 64-bit ones for parsing. AVX2 has no mask registers and
// no unsigned compares: a compare's lanes become bits by movemask, and
// unsigned order comes from min.
#if defined(__x86_64__)
#include <immintrin.h>

#include "simd/generic/includes.h"
#include "simd/target.h"

// Without optimisation GCC's gather intrinsics are macros that pass an
// all-ones mask through a signed type: their warning, not this file's.
#pragma GCC diagnostic ignored "-Wsign-conversion"

FLOWCLEAN_TARGET_REGION("avx2,bmi,popcnt,pclmul")

namespace flowclean::simd::avx2 {

constexpr bool kHasPopcount = true;

class Window {
 public:
  explicit Window(const char* data)
      : low_(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(data))),
        high_(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + 32))) {
  }
  [[nodiscard]] std::uint64_t eq(char c) const {
    const __m256i byte = _mm256_set1_epi8(c);
    return bits(_mm256_cmpeq_epi8(low_, byte), _mm256_cmpeq_epi8(high_, byte));
  }
  [[nodiscard]] std::uint64_t below(char c) const {
    const __m256i byte = _mm256_set1_epi8(c);
    return bits(_mm256_cmpgt_epi8(byte, low_), _mm256_cmpgt_epi8(byte, high_));
  }
  [[nodiscard]] std::uint64_t masked_eq(char mask, char c) const {
    const __m256i bits_kept = _mm256_set1_epi8(mask);
    const __m256i byte = _mm256_set1_epi8(c);
    return bits(_mm256_cmpeq_epi8(_mm256_and_si256(low_, bits_kept), byte),
                _mm256_cmpeq_epi8(_mm256_and_si256(high_, bits_kept), byte));
  }

 private:
  static std::uint64_t bits(__m256i low, __m256i high) {
    return static_cast<std::uint64_t>(
               static_cast<unsigned>(_mm256_movemask_epi8(low))) |
           static_cast<std::uint64_t>(
               static_cast<unsigned>(_mm256_movemask_epi8(high)))
               << 32;
  }
  __m256i low_;
  __m256i high_;
};

constexpr std::size_t kLanes = 8;

struct U32 {
  __m256i v;
};
struct U64 {
  __m256i v;
};

inline U32 operator&(U32 a, U32 b) {
  return {_mm256_and_si256(a.v, b.v)};
}
inline U32 operator|(U32 a, U32 b) {
  return {_mm256_or_si256(a.v, b.v)};
}
inline U32 operator-(U32 a, U32 b) {
  return {_mm256_sub_epi32(a.v, b.v)};
}
inline U64 operator&(U64 a, U64 b) {
  return {_mm256_and_si256(a.v, b.v)};
}
inline U64 operator|(U64 a, U64 b) {
  return {_mm256_or_si256(a.v, b.v)};
}
inline U64 operator+(U64 a, U64 b) {
  return {_mm256_add_epi64(a.v, b.v)};
}
inline U64 operator-(U64 a, U64 b) {
  return {_mm256_sub_epi64(a.v, b.v)};
}

// Columns' arrays are 64-byte aligned, and rows come eight at a time.
inline U32 load32(const std::uint32_t* p) {
  return {_mm256_load_si256(reinterpret_cast<const __m256i*>(p))};
}
inline U64 load64(const std::uint64_t* p) {
  return {_mm256_load_si256(reinterpret_cast<const __m256i*>(p))};
}
inline U32 splat32(std::uint32_t x) {
  return {_mm256_set1_epi32(static_cast<int>(x))};
}
inline U64 splat64(std::uint64_t x) {
  return {_mm256_set1_epi64x(static_cast<long long>(x))};
}

template <int N>
inline U64 shl(U64 a) {
  return {_mm256_slli_epi64(a.v, N)};
}
template <int N>
inline U64 shr(U64 a) {
  return {_mm256_srli_epi64(a.v, N)};
}
template <int N>
inline U32 shr(U32 a) {
  return {_mm256_srli_epi32(a.v, N)};
}
inline U64 shlv(U64 a, U64 n) {
  return {_mm256_sllv_epi64(a.v, n.v)};
}
inline U64 shrv(U64 a, U64 n) {
  return {_mm256_srlv_epi64(a.v, n.v)};
}
inline U64 mul32(U64 a, U64 b) {
  return {_mm256_mul_epu32(a.v, b.v)};
}
inline U32 min32(U32 a, U32 b) {
  return {_mm256_min_epu32(a.v, b.v)};
}
inline U32 max32(U32 a, U32 b) {
  return {_mm256_max_epu32(a.v, b.v)};
}

inline unsigned eq(U64 a, U64 b) {
  return static_cast<unsigned>(
      _mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpeq_epi64(a.v, b.v))));
}
inline unsigned lanes_of(__m256i mask) {
  return static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(mask)));
}
inline unsigned eq(U32 a, U32 b) {
  return lanes_of(_mm256_cmpeq_epi32(a.v, b.v));
}
inline unsigned at_most(U32 a, U32 b) {
  return lanes_of(_mm256_cmpeq_epi32(_mm256_min_epu32(a.v, b.v), a.v));
}
inline unsigned above(U32 a, U32 b) {
  return ~at_most(a, b) & 0xFFU;
}

inline U64 widen_low(U32 a) {
  return {_mm256_cvtepu32_epi64(_mm256_castsi256_si128(a.v))};
}
inline U64 widen_high(U32 a) {
  return {_mm256_cvtepu32_epi64(_mm256_extracti128_si256(a.v, 1))};
}
/// Low halves of two sets of four 64-bit lanes, as eight 32-bit lanes.
inline U32 narrow(U64 low, U64 high) {
  const __m256i order = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
  return {_mm256_permute2x128_si256(_mm256_permutevar8x32_epi32(low.v, order),
                                    _mm256_permutevar8x32_epi32(high.v, order),
                                    0x20)};
}

inline unsigned service_bits(U32 ports, const std::uint32_t* words) {
  const __m256i word = _mm256_i32gather_epi32(
      reinterpret_cast<const int*>(words), _mm256_srli_epi32(ports.v, 5), 4);
  const __m256i bit = _mm256_and_si256(
      _mm256_srlv_epi32(word, _mm256_and_si256(ports.v, _mm256_set1_epi32(31))),
      _mm256_set1_epi32(1));
  return lanes_of(_mm256_cmpeq_epi32(bit, _mm256_set1_epi32(1)));
}

inline U32 select(unsigned bits, U32 yes, U32 no) {
  const __m256i lane = _mm256_setr_epi32(1, 2, 4, 8, 16, 32, 64, 128);
  const __m256i mask = _mm256_cmpeq_epi32(
      _mm256_and_si256(_mm256_set1_epi32(static_cast<int>(bits)), lane), lane);
  return {_mm256_blendv_epi8(no.v, yes.v, mask)};
}
/// Values below 65536: packus_epi32 keeps them exactly.
inline __m128i sixteen_bits(U32 a) {
  return _mm_packus_epi32(_mm256_castsi256_si128(a.v),
                          _mm256_extracti128_si256(a.v, 1));
}
inline void store16(U32 a, std::uint16_t* out) {
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), sixteen_bits(a));
}
/// Values below 256.
inline void store8(U32 a, std::uint8_t* out) {
  const __m128i words = sixteen_bits(a);
  _mm_storel_epi64(reinterpret_cast<__m128i*>(out),
                   _mm_packus_epi16(words, words));
}

// The generic kernels, each after what it needs.
// clang-format off
#include "simd/generic/bits.h"
#include "simd/generic/positions.h"
#include "simd/generic/lister.h"
#include "simd/generic/prefix_xor_clmul.h"
#include "simd/generic/json_marks.h"
#include "simd/generic/batch_rules.h"
// clang-format on

}  // namespace flowclean::simd::avx2

FLOWCLEAN_END_TARGET_REGION

#endif
