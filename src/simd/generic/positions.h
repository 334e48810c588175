// store_positions for instruction sets without a compress instruction
// (all but AVX-512 VBMI2), over the wrapper's count_ones and lowest_bit.
// NOLINT(llvm-header-guard): included once per instruction set.

/// Eight positions are stored whatever the count (a window of VAST rows
/// holds about ten separators), then eight more only if needed: the two
/// tests on the count are far more predictable than one per bit.
inline std::size_t store_positions(std::uint64_t bits, std::uint32_t at,
                                   std::uint32_t* out) {
  const std::size_t count = count_ones(bits);
  for (std::size_t i = 0; i < 8; ++i, bits &= bits - 1)
    out[i] = at + lowest_bit(bits);
  if (count > 8) {
    for (std::size_t i = 8; i < 16; ++i, bits &= bits - 1)
      out[i] = at + lowest_bit(bits);
  }
  for (std::size_t i = 16; bits != 0; ++i, bits &= bits - 1)
    out[i] = at + lowest_bit(bits);
  return count;
}
