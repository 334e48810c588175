// Finds record and field boundaries: the per-row hot path.
//
// Why our own scanner: fast-cpp-csv-parser's io::LineReader finds newlines a
// byte at a time; measured on the style note's 2-core machine it ran at 8x
// `cat` before any field splitting, and it drops the CR of CR LF lines. Rows
// here are scanned with bitmaps the CPU's widest vectors build
// (byte_classes.h; README "Performance" has our figures).
// Rows with quotes, control bytes or non-ASCII bytes take the checked path,
// which implements RFC 4180 quoting and UTF-8 validation a byte at a time.
#pragma once

#include <array>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <vector>

#include "flowclean/record.h"

namespace flowclean {

/// Bytes a block must have readable after its data: the fast path loads
/// 64 bytes at a time and masks off what lies past the end.
inline constexpr std::size_t kScanPadding = 64;

/// Scans the records of one block in order. The fast path walks bitmaps of
/// separators (',' and '\n') that byte_classes.h builds 16 KiB at a time
/// with the CPU's widest vectors, so a row costs a few instructions per
/// field; the bytes that need care (quotes, control bytes, bytes >= 0x80)
/// are noted as the bitmaps are built, and a row holding one takes the
/// checked path.
class RecordScanner {
 public:
  /// [data, data+size) holds whole records, with kScanPadding readable bytes
  /// after it. The scanner keeps pointers into it.
  RecordScanner(const char* data, std::size_t size);

  /// Fast path for the record at `p`, which must be where the previous record
  /// ended (or data). Returns false, leaving `record` unspecified, when the
  /// record holds a byte that needs care: then call scan_checked and
  /// resync(record.end). Bounds are found for the first `wanted` fields; the
  /// others are only counted until complete_fields().
  [[nodiscard]] bool scan_plain(const char* p, Record& record,
                                std::size_t wanted = SIZE_MAX);

  /// Finds the bounds of the fields scan_plain only counted.
  static void complete_fields(Record& record);

  /// Continues the fast path at `p` after a record scanned by scan_checked.
  void resync(const char* p);

  /// Checked path: any bytes. Always finds the record's end (an unterminated
  /// quote runs to `limit`) and returns the first problem, if any.
  [[nodiscard]] static std::optional<Problem> scan_checked(const char* p,
                                                           const char* limit,
                                                           Record& record);

 private:
  /// Windows classified at a time: 16 KiB of input, so its bitmaps and its
  /// bytes are still in L1 when the rows are walked.
  static constexpr std::size_t kChunkWindows = 256;

  void classify_from(std::size_t window);
  void enter(std::size_t window);
  bool next_window();

  const char* data_;
  std::size_t size_;
  std::size_t windows_;          ///< 64-byte windows in [0, size_)
  std::size_t base_ = 0;         ///< offset of the current 64-byte window
  std::uint64_t commas_ = 0;     ///< in the window, not yet consumed
  std::uint64_t newlines_ = 0;   ///< in the window, not yet consumed
  std::size_t chunk_first_ = 0;  ///< windows [first, end) are classified
  std::size_t chunk_end_ = 0;
  std::array<std::uint64_t, kChunkWindows> chunk_commas_;
  std::array<std::uint64_t, kChunkWindows> chunk_newlines_;
  std::array<std::uint64_t, kChunkWindows> chunk_care_;
  std::vector<std::size_t> care_;  ///< offsets of bytes needing care, sorted
  std::size_t care_head_ = 0;      ///< first entry of care_ still ahead
};

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
[[nodiscard]] std::size_t last_record_end(const char* data, std::size_t size);

}  // namespace flowclean
