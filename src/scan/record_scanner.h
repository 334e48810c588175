// Finds record and field boundaries: the per-row hot path.
//
// Why our own scanner: fast-cpp-csv-parser's io::LineReader finds newlines a
// byte at a time; measured on the style note's 2-core machine it ran at 8x
// `cat` before any field splitting, and it drops the CR of CR LF lines. Rows
// here are read from lists of comma and newline positions that the CPU's
// widest vectors build (byte_classes.h; doc/performance.md has figures).
// Rows with quotes, control bytes or non-ASCII bytes take the checked path,
// which implements RFC 4180 quoting and UTF-8 validation a byte at a time.
#pragma once

#include <array>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <vector>

#include "scan/record.h"

namespace flowclean {

/// Bytes a block must have readable after its data: the fast path loads
/// 64 bytes at a time and masks off what lies past the end.
inline constexpr std::size_t kScanPadding = 64;

/// Scans the records of one block in order. The fast path reads lists of
/// comma and newline positions that byte_classes.h builds 16 KiB at a time
/// with the CPU's widest vectors: a row with the expected number of fields
/// is recognised by two comparisons (its last comma lies before its newline,
/// the next comma after it) and its fields are read in place from the list,
/// so no step depends on where the bytes fall. The bytes that need care
/// (quotes, control bytes, bytes >= 0x80) are noted as the lists are built,
/// and a row holding one takes the checked path.
class RecordScanner {
 public:
  RecordScanner() = default;
  RecordScanner(const char* data, std::size_t size) { reset(data, size); }

  /// Starts on [data, data+size), which holds whole records with
  /// kScanPadding readable bytes after it; the scanner keeps pointers into
  /// it. The lists keep their memory from block to block.
  void reset(const char* data, std::size_t size);

  /// Fast path for the record at `p`, which must be where the previous record
  /// ended (or data): any number of fields. Returns false, leaving `record`
  /// unspecified, when the record holds a byte that needs care: then call
  /// scan_checked and resync(record.end).
  [[nodiscard]] bool scan_plain(const char* p, Record& record);

  /// The quickest way, for nearly every row: the record at `p` (where the
  /// previous one ended) when it has exactly `columns` fields (2 to
  /// kMaxPlainColumns) and no byte needing care. Two reads of the comma list
  /// tell such a row from any other: its last comma lies before its
  /// newline, the next comma after it. Otherwise false, with nothing
  /// consumed: use scan_plain. Inline: it runs for nearly every row.
  [[nodiscard]] bool next_plain(const char* p, std::size_t columns,
                                PlainRecord& record) {
    while (newlines_.head == newlines_.count) {
      if (!list_next_chunk())
        return false;
    }
    const std::uint32_t line_end = newlines_.at[newlines_.head];
    const std::uint32_t* commas = commas_.at.data() + commas_.head;
    if (!has_width(commas, columns, line_end))
      return false;
    if (care_head_ < care_.size() && care_[care_head_] < line_end)
      return false;
    record = PlainRecord::at(data_, p, line_end, commas, columns - 1);
    commas_.head += columns - 1;
    ++newlines_.head;
    return true;
  }

  /// The next PlainBatch::kRows rows from `p` (where the previous record
  /// ended) when every one is a row next_plain would take, with `columns`
  /// fields; nothing is consumed until take_batch. False otherwise, and
  /// near the end of the block: then use next_plain.
  [[nodiscard]] bool peek_batch(const char* p, std::size_t columns,
                                PlainBatch& batch);
  /// Consumes the rows of the batch peek_batch just gave.
  void take_batch(const PlainBatch& batch) {
    commas_.head += PlainBatch::kRows * batch.stride;
    newlines_.head += PlainBatch::kRows;
  }

  /// Wider rows are left to scan_plain: the comma list is padded with this
  /// many entries past its end for next_plain's second read. 128, not 64:
  /// CICFlowMeter's 84 columns took the slower way, 0.21 s against 0.10 s
  /// for a 1 GB file (AVX-512, 2026-12-07); 256 more bytes of padding.
  static constexpr std::size_t kMaxPlainColumns = 128;

  /// The byte between fields: ',' unless the format says otherwise. The
  /// lists keep calling them commas.
  void set_separator(char separator) { separator_ = separator; }

  /// Continues the fast path at `p` after a record scanned by scan_checked
  /// (checked_scan.h).
  void resync(const char* p);

 private:
  /// Whether the row whose commas start at `commas` and whose newline is at
  /// `line_end` has `columns` fields: its last comma lies before the
  /// newline, the next one after it.
  static bool has_width(const std::uint32_t* commas, std::size_t columns,
                        std::uint32_t line_end) {
    return (commas[columns - 2] < line_end) & (commas[columns - 1] > line_end);
  }

  /// Windows classified at a time: 16 KiB of input, so its bitmaps, its
  /// positions and its bytes are still in L1 when the rows are read.
  static constexpr std::size_t kChunkWindows = 256;
  static constexpr std::uint32_t kNone = UINT32_MAX;

  /// A sorted list of offsets, read from the front as rows go by.
  struct Positions {
    std::vector<std::uint32_t> at;
    std::size_t head = 0;
    std::size_t count = 0;
  };

  /// Classifies and lists the next chunk; false when none is left.
  bool list_next_chunk();
  static std::uint32_t* make_room(Positions& positions, std::size_t windows);
  /// Counts `added` entries and puts kNone after them for next_plain.
  static void seal(Positions& positions, std::size_t added);
  void list_care(std::size_t windows);
  /// Empties the lists (kNone sealed), as at the start of a block.
  void clear_lists();

  const char* data_ = nullptr;
  char separator_ = ',';
  std::size_t size_ = 0;
  std::size_t windows_ = 0;
  std::size_t next_window_ = 0;  ///< the first window not yet listed
  std::size_t floor_ = 0;        ///< positions below it are not listed
  Positions commas_;
  Positions newlines_;
  std::vector<std::size_t> care_;  ///< offsets of bytes needing care, sorted
  std::size_t care_head_ = 0;
  std::array<std::uint64_t, kChunkWindows> chunk_care_{};
};

}  // namespace flowclean
