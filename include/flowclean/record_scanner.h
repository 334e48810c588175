// Finds record and field boundaries: the per-row hot path.
//
// Measured on the 2-core CI machine (README "Performance"): fast-cpp-csv-
// parser's io::LineReader scans newlines a byte at a time and ran at 8x `cat`
// before any field splitting, so rows are scanned here 16 bytes at a time
// with SSE2 (newline, comma and "needs care" masks in one pass). Rows with
// quotes, control bytes or non-ASCII bytes take the checked path, which
// implements RFC 4180 quoting and UTF-8 validation a byte at a time.
#pragma once

#include <optional>

#include "flowclean/record.h"

namespace flowclean {

/// Bytes a block must have readable after its data: the fast path loads
/// 16 bytes at a time and masks off what lies past the end.
inline constexpr std::size_t kScanPadding = 16;

class RecordScanner {
 public:
  /// Fast path. Scans the record starting at `p` (data ends at `limit`, with
  /// kScanPadding readable bytes after it). Returns false, leaving `record`
  /// unspecified, when the row holds a quote, a control byte or a byte >= 0x80.
  [[nodiscard]] static bool scan_plain(const char* p, const char* limit,
                                       Record& record);

  /// Checked path: any bytes. Always finds the record's end (an unterminated
  /// quote runs to `limit`) and returns the first problem, if any.
  [[nodiscard]] static std::optional<Problem> scan_checked(const char* p,
                                                           const char* limit,
                                                           Record& record);
};

/// Where the last complete record in [data, data+size) ends: the offset after
/// its '\n', or 0 when no record ends in the range. Quote-aware exactly as
/// scan_checked, so blocks are cut where the scanner will end records.
[[nodiscard]] std::size_t last_record_end(const char* data, std::size_t size);

}  // namespace flowclean
