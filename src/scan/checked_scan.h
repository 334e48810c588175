// The checked path: any bytes, quotes and all, one record at a time. The
// record scanner's fast path hands rows here when a byte needs care, and
// the block reader cuts blocks where this path will end records.
#pragma once

#include <cstddef>
#include <optional>

#include "scan/record.h"

namespace flowclean {

/// Always finds the record's end (an unterminated quote runs to `limit`)
/// and returns the first problem, if any.
[[nodiscard]] std::optional<Problem> scan_checked(const char* p,
                                                  const char* limit,
                                                  Record& record);

/// Quote state carried across the pieces of a record longer than a block.
struct QuoteState {
  bool at_field_start = true;
  bool in_quotes = false;
  bool quote_pending = false;  ///< a '"' in quotes ended the previous piece
};

/// Offset after the '\n' that ends the record being scanned, continuing from
/// `state`; npos when it does not end in [data, data+size), with `state`
/// updated for the next piece. Quote rules as in scan_checked.
[[nodiscard]] std::size_t find_record_end(const char* data, std::size_t size,
                                          QuoteState& state);

/// Where the last complete record in [data, data+size) ends: the offset after
/// its '\n', or 0 when no record ends in the range. Quote-aware exactly as
/// scan_checked, so blocks are cut where the scanner will end records.
/// `quotes` false says the range holds no '"' (the caller looked).
[[nodiscard]] std::size_t last_record_end(const char* data, std::size_t size,
                                          bool quotes = true);

}  // namespace flowclean
