// AVX-512 with VBMI2 (Intel Ice Lake and later, AMD Zen 4 and later): the
// lister in one 64-byte vector, positions packed by VBMI2's compress; the
// batch rules sixteen rows at once, one lane each, compares straight into
// mask registers. CPUs with AVX-512 but no VBMI2 (Skylake-X) run avx2.
#if defined(__x86_64__)
#include <immintrin.h>

#include "simd/generic/includes.h"
#include "simd/target.h"

// Without optimisation GCC's gather intrinsics are macros that pass an
// all-ones mask through a signed type: their warning, not this file's.
#pragma GCC diagnostic ignored "-Wsign-conversion"

FLOWCLEAN_TARGET_REGION("avx512f,avx512bw,avx512vbmi2,bmi,popcnt,pclmul")

namespace flowclean::simd::avx512 {

constexpr bool kHasPopcount = true;

class Window {
 public:
  explicit Window(const char* data) : bytes_(_mm512_loadu_si512(data)) {}
  [[nodiscard]] std::uint64_t eq(char c) const {
    return _mm512_cmpeq_epi8_mask(bytes_, _mm512_set1_epi8(c));
  }
  [[nodiscard]] std::uint64_t below(char c) const {
    return _mm512_cmplt_epi8_mask(bytes_, _mm512_set1_epi8(c));
  }
  [[nodiscard]] std::uint64_t masked_eq(char mask, char c) const {
    return _mm512_cmpeq_epi8_mask(
        _mm512_and_si512(bytes_, _mm512_set1_epi8(mask)), _mm512_set1_epi8(c));
  }

 private:
  __m512i bytes_;
};

/// VBMI2's compress packs the byte indices of the set bits into the low
/// bytes of a register; each group of 16 is widened and stored whole.
inline std::size_t store_positions(std::uint64_t bits, std::uint32_t at,
                                   std::uint32_t* out) {
  alignas(64) static constexpr std::array<std::uint8_t, 64> kIota = [] {
    std::array<std::uint8_t, 64> iota{};
    for (std::size_t i = 0; i < iota.size(); ++i)
      iota[i] = static_cast<std::uint8_t>(i);
    return iota;
  }();
  const __m512i packed =
      _mm512_maskz_compress_epi8(bits, _mm512_load_si512(kIota.data()));
  const __m512i base = _mm512_set1_epi32(static_cast<int>(at));
  const auto count = static_cast<std::size_t>(_mm_popcnt_u64(bits));
  const auto group = [&](__m128i indices, std::uint32_t* to) {
    _mm512_storeu_si512(to,
                        _mm512_add_epi32(base, _mm512_cvtepu8_epi32(indices)));
  };
  group(_mm512_castsi512_si128(packed), out);
  if (count > 16) {
    group(_mm512_extracti32x4_epi32(packed, 1), out + 16);
    group(_mm512_extracti32x4_epi32(packed, 2), out + 32);
    group(_mm512_extracti32x4_epi32(packed, 3), out + 48);
  }
  return count;
}

constexpr std::size_t kLanes = 16;

struct U32 {
  __m512i v;
};
struct U64 {
  __m512i v;
};

inline U32 operator&(U32 a, U32 b) {
  return {_mm512_and_si512(a.v, b.v)};
}
inline U32 operator|(U32 a, U32 b) {
  return {_mm512_or_si512(a.v, b.v)};
}
inline U32 operator-(U32 a, U32 b) {
  return {_mm512_sub_epi32(a.v, b.v)};
}
inline U64 operator&(U64 a, U64 b) {
  return {_mm512_and_si512(a.v, b.v)};
}
inline U64 operator|(U64 a, U64 b) {
  return {_mm512_or_si512(a.v, b.v)};
}
inline U64 operator+(U64 a, U64 b) {
  return {_mm512_add_epi64(a.v, b.v)};
}
inline U64 operator-(U64 a, U64 b) {
  return {_mm512_sub_epi64(a.v, b.v)};
}

// Columns' arrays are 64-byte aligned, and rows come sixteen at a time.
inline U32 load32(const std::uint32_t* p) {
  return {_mm512_load_si512(p)};
}
inline U64 load64(const std::uint64_t* p) {
  return {_mm512_load_si512(p)};
}
inline U32 splat32(std::uint32_t x) {
  return {_mm512_set1_epi32(static_cast<int>(x))};
}
inline U64 splat64(std::uint64_t x) {
  return {_mm512_set1_epi64(static_cast<long long>(x))};
}

template <unsigned N>
inline U64 shl(U64 a) {
  return {_mm512_slli_epi64(a.v, N)};
}
template <unsigned N>
inline U64 shr(U64 a) {
  return {_mm512_srli_epi64(a.v, N)};
}
template <unsigned N>
inline U32 shr(U32 a) {
  return {_mm512_srli_epi32(a.v, N)};
}
inline U64 shlv(U64 a, U64 n) {
  return {_mm512_sllv_epi64(a.v, n.v)};
}
inline U64 shrv(U64 a, U64 n) {
  return {_mm512_srlv_epi64(a.v, n.v)};
}
inline U64 mul32(U64 a, U64 b) {
  return {_mm512_mul_epu32(a.v, b.v)};
}
inline U32 min32(U32 a, U32 b) {
  return {_mm512_min_epu32(a.v, b.v)};
}
inline U32 max32(U32 a, U32 b) {
  return {_mm512_max_epu32(a.v, b.v)};
}

inline unsigned eq(U64 a, U64 b) {
  return _mm512_cmpeq_epi64_mask(a.v, b.v);
}
inline unsigned eq(U32 a, U32 b) {
  return _mm512_cmpeq_epi32_mask(a.v, b.v);
}
inline unsigned at_most(U32 a, U32 b) {
  return _mm512_cmple_epu32_mask(a.v, b.v);
}
inline unsigned above(U32 a, U32 b) {
  return _mm512_cmpgt_epu32_mask(a.v, b.v);
}

inline U64 widen_low(U32 a) {
  return {_mm512_cvtepu32_epi64(_mm512_castsi512_si256(a.v))};
}
inline U64 widen_high(U32 a) {
  return {_mm512_cvtepu32_epi64(_mm512_extracti64x4_epi64(a.v, 1))};
}
inline U32 narrow(U64 low, U64 high) {
  return {
      _mm512_inserti64x4(_mm512_castsi256_si512(_mm512_cvtepi64_epi32(low.v)),
                         _mm512_cvtepi64_epi32(high.v), 1)};
}

inline unsigned service_bits(U32 ports, const std::uint32_t* words) {
  const __m512i word =
      _mm512_i32gather_epi32(_mm512_srli_epi32(ports.v, 5), words, 4);
  const __m512i bit = _mm512_and_si512(ports.v, _mm512_set1_epi32(31));
  return _mm512_test_epi32_mask(_mm512_srlv_epi32(word, bit),
                                _mm512_set1_epi32(1));
}

inline U32 select(unsigned bits, U32 yes, U32 no) {
  return {_mm512_mask_mov_epi32(no.v, static_cast<__mmask16>(bits), yes.v)};
}
inline void store8(U32 a, std::uint8_t* out) {
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm512_cvtepi32_epi8(a.v));
}
inline void store16(U32 a, std::uint16_t* out) {
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out),
                      _mm512_cvtepi32_epi16(a.v));
}

// The generic kernels, each after what it needs.
// clang-format off
#include "simd/generic/bits.h"
#include "simd/generic/lister.h"
#include "simd/generic/prefix_xor_clmul.h"
#include "simd/generic/json_marks.h"
#include "simd/generic/batch_rules.h"
// clang-format on

}  // namespace flowclean::simd::avx512

FLOWCLEAN_END_TARGET_REGION

#endif
