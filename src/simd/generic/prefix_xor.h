// prefix_xor for instruction sets without a carry-less multiply in their
// kernels (SSE2 baseline, NEON, scalar): six shifts and xors.
// NOLINT(llvm-header-guard): included once per instruction set.

/// Bit i set when an odd number of bits at or below i are.
inline std::uint64_t prefix_xor(std::uint64_t x) {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}
