// Bit tricks every instruction set's kernels use. The wrapper says, in
// kHasPopcount, whether the CPU counts bits in one instruction: x86-64's
// baseline does not, and __builtin_popcountll then calls a libgcc routine
// (3% of a run in perf), so the count is done inline instead.
// NOLINT(llvm-header-guard): included once per instruction set.

inline std::size_t count_ones(std::uint64_t x) {
  if constexpr (kHasPopcount) {
    return static_cast<std::size_t>(__builtin_popcountll(x));
  } else {
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return static_cast<std::size_t>((x * 0x0101010101010101ULL) >> 56);
  }
}

/// The lowest set bit's index, and 63 once none is left: the unconditional
/// stores of store_positions write past the count, so an empty word must
/// be defined too.
inline std::uint32_t lowest_bit(std::uint64_t bits) {
  return static_cast<std::uint32_t>(
      __builtin_ctzll(bits | (std::uint64_t{1} << 63)));
}
