// The checked path: any bytes, quotes and all, one record at a time. The
// record scanner's fast path hands rows here when a byte needs care, and
// the block reader cuts blocks where this path will end records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "formats/dialect.h"
#include "scan/record.h"

namespace flowclean {

/// The record's fields up to its first '\n' outside quotes, or to `limit`
/// (an unterminated quote runs there); the first problem, if any.
[[nodiscard]] std::optional<Problem> scan_fields(const char* p,
                                                 const char* limit,
                                                 Record& record,
                                                 const Dialect& dialect = {});

/// No row limit: the header, and tests of quoting alone.
inline constexpr std::size_t kNoRowLimit = SIZE_MAX;

/// Always finds the record's end and returns the first problem, if any.
/// Where a record ends is a function of the input alone, never of where
/// blocks fall (the fuzzer reads the same bytes in blocks of 64 bytes and
/// 4 KiB, at offsets and in order, and requires the same rows):
///   - at the first '\n' outside quotes, when that lies within
///     `max_row_bytes` of its start;
///   - otherwise, when a '\n' lies within that limit (and before `limit`),
///     after it: an unmatched quote made the rest look like one record, so
///     that first line alone is the record, a bad row, and one stray quote
///     costs one row, not the rest of the input;
///   - otherwise it is a line longer than the limit, ending at its first
///     '\n' outside quotes, or at `limit`.
[[nodiscard]] std::optional<Problem> scan_checked(
    const char* p, const char* limit, Record& record,
    std::size_t max_row_bytes = kNoRowLimit, const Dialect& dialect = {});

/// Quote state carried across the pieces of a record longer than a block.
struct QuoteState {
  char separator = ',';
  bool at_field_start = true;
  bool in_quotes = false;
  bool quote_pending = false;  ///< a '"' in quotes ended the previous piece
};

/// Offset after the '\n' that ends the record being scanned, continuing from
/// `state`; npos when it does not end in [data, data+size), with `state`
/// updated for the next piece. Quote rules as in scan_checked.
[[nodiscard]] std::size_t find_record_end(const char* data, std::size_t size,
                                          QuoteState& state);

/// Where the last record in [data, data+size) that these bytes decide ends,
/// by scan_checked's rule under `max_row_bytes`: the offset after its
/// '\n', or 0 when none does. `data` starts a record. `quotes` false says
/// the range holds no '"' (the caller looked), or that the format does not
/// quote: then every '\n' ends one. `separator` opens fields for quotes.
[[nodiscard]] std::size_t last_record_end(const char* data, std::size_t size,
                                          std::size_t max_row_bytes,
                                          bool quotes = true,
                                          char separator = ',');

}  // namespace flowclean
