// A block of input bytes that holds whole records, and what cleaning it gave.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/huge_pages.h"
#include "scan/record.h"

namespace flowclean {

struct Block {
  enum class Kind : std::uint8_t {
    kRows,           ///< whole records
    kOversizedHead,  ///< first bytes of a record longer than a block
    kOversizedPart,  ///< more bytes of it
    kOversizedTail,  ///< its last bytes, through its '\n'
    kKept,           ///< the format's trailer: lines kept byte for byte
  };
  /// Data plus kScanPadding readable bytes; sized once, reused. In huge
  /// pages: the kernel copies every input byte into it (huge_pages.h).
  std::vector<char, HugePageAllocator<char>> buffer;
  std::size_t begin = 0;  ///< where the data starts in `buffer`
  /// Set when the block is read where the input lies (a mapped file,
  /// memory) instead of from `buffer`: BlockReader.
  const char* view = nullptr;
  std::size_t size = 0;
  /// In a kRows block, where the format's trailer starts: the bytes from
  /// here on are kept as they are, not rows (BlockReader::set_trailer).
  std::size_t kept_from = SIZE_MAX;
  Kind kind = Kind::kRows;
  /// With cut_unchecked(): the bytes the cleaner may read to check the
  /// cut (the block's and the ones carried on after it).
  std::size_t extent = 0;

  /// Bytes to copy in at an offset of the input (BlockReader::fetch), on
  /// whichever thread will clean the block.
  struct Fetch {
    std::uint64_t offset = 0;
    std::size_t want = 0;
    std::size_t got = 0;
    bool last = false;     ///< reads nothing: takes the last bytes carried
    bool quotes = false;   ///< a '"' among them
    bool looked = false;   ///< `quotes` is known: not cut blind
    bool in_view = false;  ///< left where the input lies, not copied
  };
  Fetch fetch;

  [[nodiscard]] const char* data() const {
    return view != nullptr ? view : buffer.data() + begin;
  }
  /// The bytes that are rows: all, or those before the trailer.
  [[nodiscard]] std::size_t rows_size() const {
    return kept_from < size ? kept_from : size;
  }
  /// Cut where the input lies at its last '\n' without looking for quotes
  /// (BlockReader::cut_blind): the cleaner checks the cut.
  [[nodiscard]] bool cut_unchecked() const {
    return view != nullptr && !fetch.looked;
  }
  /// The data in `buffer`, for the reader filling it.
  [[nodiscard]] char* buffered() { return buffer.data() + begin; }
};

/// A malformed row under --on-error fail: where it is and what is wrong.
struct RowFailure {
  std::uint64_t line_offset;  ///< lines before the row, within the block
  std::string message;
};

/// A piece of a cleaned block's output: a run of the block's own bytes, or
/// bytes a flip rewrote. Kept apart, not written over the block: the block
/// may be a read-only view of a mapped file, and its unchanged runs are
/// then written straight from the page cache.
struct OutputSpan {
  std::size_t offset = 0;  ///< into the block's data, or into `rewritten`
  std::size_t size = 0;
  bool rewritten = false;
};

/// Cache-line aligned: results of blocks in flight sit side by side, each
/// written by its own worker.
struct alignas(64) BlockResult {
  std::vector<OutputSpan> spans;  ///< the output, in order
  std::string rewritten;          ///< the bytes of the rewritten spans
  std::string annotated;          ///< the output instead, with --annotate
  std::string rejects;            ///< malformed rows, verbatim (skip)
  std::uint64_t lines = 0;        ///< '\n' bytes consumed
  std::uint64_t rows_read = 0;
  std::uint64_t rows_flipped = 0;
  std::optional<RowFailure> failure;
  /// The first malformed rows of each kind, by lines before them within
  /// the block; the writer, which knows the block's first line, notes them
  /// in the summary (Summary::note_malformed).
  std::vector<std::pair<ProblemKind, std::uint64_t>> malformed_at;
  /// An unchecked cut fell inside a quoted field: the block ended here,
  /// before it (BlockReader::recut).
  std::optional<std::size_t> recut;

  void reset() {
    spans.clear();
    rewritten.clear();
    annotated.clear();
    rejects.clear();
    lines = rows_read = rows_flipped = 0;
    failure.reset();
    malformed_at.clear();
    recut.reset();
  }
};

}  // namespace flowclean
