// What the AVX-512 and AVX2 batch deciders share (batch_rules.h).
#pragma once

#include <cstdint>
#include <cstring>

#include "simd/batch_rules.h"

namespace flowclean::batch_lanes {

/// Eight bytes as a little-endian word, as a field's first bytes load.
constexpr std::uint64_t little_endian(const char (&text)[9]) {
  std::uint64_t word = 0;
  for (int i = 7; i >= 0; --i)
    word = (word << 8) | static_cast<unsigned char>(text[i]);
  return word;
}

/// The four columns the rules read (protocol, source port, destination
/// port, destination address) of the sixteen rows: each field's size and
/// its first eight bytes (a block's padding makes them readable).
struct Columns {
  enum : std::size_t { kProtocol, kSrcPort, kDstPort, kDstAddress, kCount };
  alignas(64) std::uint32_t size[kCount][PlainBatch::kRows];
  alignas(64) std::uint64_t bytes[kCount][PlainBatch::kRows];
};

/// Loaded row by row, the four fields of a row in one step. On the CI
/// machine that beat AVX-512 gathers of the commas and the field bytes by
/// 7-10% of a clean (300 MB in memory, 0.057 s -> 0.053 s), the gathers'
/// elements coming slower than plain loads, and one pass over the rows per
/// column by 5% (2 GB, one thread, alternating: 0.490 s -> 0.463 s).
inline void load_columns(const PlainBatch& batch, const BatchColumns& columns,
                         Columns& out) {
  std::uint32_t which[Columns::kCount] = {};
  which[Columns::kProtocol] = columns.protocol;
  which[Columns::kSrcPort] = columns.src_port;
  which[Columns::kDstPort] = columns.dst_port;
  which[Columns::kDstAddress] = columns.dst_address;
  for (std::size_t r = 0; r < PlainBatch::kRows; ++r) {
    const std::uint32_t* row = batch.commas + r * batch.stride;
    for (std::size_t c = 0; c < Columns::kCount; ++c) {
      // Columns are never the first (batch_columns_of): a comma is before.
      const std::uint32_t* at = row + (which[c] - 1);
      const std::uint32_t start = at[0] + 1;
      out.size[c][r] = at[1] - start;
      std::memcpy(&out.bytes[c][r], batch.block + start, sizeof(std::uint64_t));
    }
  }
}

/// The deciders, each compiled for its instruction set; callers check the
/// CPU first (batch_rules.cc).
bool decide_avx512(const PlainBatch& batch, const BatchColumns& columns,
                   const PortPolicy& ports, BatchDecision& out);
bool decide_avx2(const PlainBatch& batch, const BatchColumns& columns,
                 const PortPolicy& ports, BatchDecision& out);

}  // namespace flowclean::batch_lanes
