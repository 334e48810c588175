// prefix_xor for the x86 sets whose target region has PCLMUL (avx2,
// avx512); simd/generic/prefix_xor.h is the others'.
// NOLINT(llvm-header-guard): included once per instruction set.

/// Bit i set when an odd number of bits at or below i are: a carry-less
/// multiply by all ones, one instruction where shifts take twelve.
inline std::uint64_t prefix_xor(std::uint64_t x) {
  return static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_clmulepi64_si128(
      _mm_set_epi64x(0, static_cast<long long>(x)), _mm_set1_epi8(-1), 0)));
}
