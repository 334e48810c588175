// What the AVX-512 and AVX2 batch deciders share (batch_rules.h).
#pragma once

#include <cstdint>
#include <cstring>

#include "flowclean/batch_rules.h"

namespace flowclean::batch_lanes {

/// Eight bytes as a little-endian word, as a field's first bytes load.
constexpr std::uint64_t little_endian(const char (&text)[9]) {
  std::uint64_t word = 0;
  for (int i = 7; i >= 0; --i)
    word = (word << 8) | static_cast<unsigned char>(text[i]);
  return word;
}

/// Rows first to first+count-1 of one column: each field's size and its
/// first eight bytes (a block's padding makes them readable). Loaded one
/// row at a time: on the CI machine that beat AVX-512 gathers of the commas
/// and the field bytes by 7-10% of a clean (300 MB in memory, 0.057 s ->
/// 0.053 s), the gathers' elements coming slower than plain loads.
inline void load_column(const PlainBatch& batch, std::uint32_t column,
                        std::size_t first, std::size_t count,
                        std::uint32_t* size, std::uint64_t* bytes) {
  const std::uint32_t* commas = batch.commas + column - 1;
  for (std::size_t r = 0; r < count; ++r) {
    const std::uint32_t* at = commas + (first + r) * batch.stride;
    const std::uint32_t start = at[0] + 1;
    size[r] = at[1] - start;
    std::memcpy(&bytes[r], batch.block + start, sizeof bytes[r]);
  }
}

/// The deciders, each compiled for its instruction set; callers check the
/// CPU first (batch_rules.cc).
bool decide_avx512(const PlainBatch& batch, const BatchColumns& columns,
                   const PortPolicy& ports, BatchDecision& out);
bool decide_avx2(const PlainBatch& batch, const BatchColumns& columns,
                 const PortPolicy& ports, BatchDecision& out);

}  // namespace flowclean::batch_lanes
