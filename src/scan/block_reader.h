// Cuts an input byte stream into blocks of whole records.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/source.h"
#include "scan/block.h"
#include "scan/checked_scan.h"
#include "scan/record_scanner.h"

namespace flowclean {

/// 512 KiB blocks. Measured on the 2-core CI machine, 1 GB file, two
/// workers: 4 MiB blocks 0.62 s, 2 MiB 0.50 s, 1 MiB 0.43 s, 512 KiB 0.42 s,
/// 256 KiB 0.45 s. Blocks in flight must stay in cache between the thread
/// that reads them and the worker that cleans them; smaller ones pay more
/// per-block handoffs.
inline constexpr std::size_t kDefaultBlockBytes = std::size_t{512} << 10;

class BlockReader {
 public:
  /// `block_bytes` is the target block size. A record is only cut into
  /// kOversized pieces once it is longer than `max_row_bytes`, so a block's
  /// buffer holds up to block_bytes + max_row_bytes.
  BlockReader(ByteSource& source, std::size_t block_bytes,
              std::size_t max_row_bytes);

  /// The first record (the header) with its line end; empty for an empty
  /// input. Throws Error if it is longer than the row limit.
  [[nodiscard]] std::string read_header();

  /// The lines right after the header that start with `prefix`, each with
  /// its line end: Zeek's header is all of its leading '#' lines.
  [[nodiscard]] std::string read_lines_starting(std::string_view prefix);

  /// `bytes` are read again first: the first line of a format with no
  /// header line is a row.
  void put_back(std::string_view bytes);

  /// How the format splits lines: records are cut where its quotes (if it
  /// has any) let them end. Before the first block.
  void set_dialect(const Dialect& dialect);

  /// From a line that is exactly `line` (nfdump's "Summary") to the end,
  /// the input is not rows: it comes in kKept blocks. Before the first
  /// block; blocks are then never cut blind (the line is looked for).
  void set_trailer(std::string line);

  /// Fills `block` with the next whole records, or with a piece of a record
  /// longer than a block (Kind::kOversized*). Returns false at end of input.
  /// The same as claim, fetch and stitch in a row.
  bool next(Block& block);

  /// The three steps of next(), for threads that copy blocks in parallel.
  /// claim, in input order, says which bytes the block will hold and
  /// returns false at the end. fetch copies them in, on any thread, at the
  /// same time as other blocks' fetches. stitch, in input order again, puts
  /// the bytes carried over from the block before in front and keeps what
  /// follows the last whole record for the block after. An input that can
  /// only be read in order (a pipe, a compressed file) is read and cut in
  /// claim; fetch and stitch then have nothing to do.
  bool claim(Block& block);
  void fetch(Block& block);
  void stitch(Block& block);

  /// Each block will be cleaned and finished before the next is claimed
  /// (one thread): blocks left where the input lies are then cut at their
  /// last '\n' without a pass that looks for quotes. That pass is the
  /// first to read a mapped block and waits for all of its memory; without
  /// it the cleaner's prefetch brings the bytes in while it works (README
  /// "Performance"). The cleaner checks each such cut (Block::cut_unchecked)
  /// and gives recut() the true one when a quoted '\n' fooled it.
  void cut_blind();
  /// The block ends at `size`, before its unchecked cut: the rest is carried
  /// on, and the input's next blocks are cut the careful way (it has quoted
  /// line breaks). Only before the next block is claimed.
  void recut(Block& block, std::size_t size);

  /// The block is written: the input's view may give its bytes back.
  void release(const Block& block);

 private:
  bool read_in_order(Block& block);
  char* fetch_area(Block& block) const;
  bool stitch_view(Block& block);
  bool place_carry(Block& block);
  std::size_t fill(char* into, std::size_t have, std::size_t want,
                   std::size_t capacity);
  void cut_rows(Block& block, std::size_t size, std::size_t cut, bool at_end);
  void cut_oversized(Block& block, std::size_t size, bool at_end);
  /// Ends the block's rows where the trailer line starts, if it is among
  /// its first `cut` bytes (Block::kept_from).
  void stop_at_trailer(Block& block, const char* data, std::size_t cut);
  /// All of `size` bytes from `data` are trailer.
  void cut_kept(Block& block, std::size_t size);

  ByteSource& source_;
  std::size_t block_bytes_;
  std::size_t max_row_bytes_;
  std::size_t capacity_;
  std::vector<char> carry_;  ///< bytes read past the last whole record
  Dialect dialect_;
  std::string trailer_;      ///< set_trailer
  bool in_trailer_ = false;  ///< the trailer line was reached
  bool eof_ = false;
  bool in_oversized_ = false;
  QuoteState oversized_quotes_;  ///< where the oversized record stands
  bool claimed_ = false;         ///< a block was claimed
  bool last_claimed_ = false;    ///< the block at the end was claimed
  bool at_offsets_ = false;      ///< fetch reads at offsets
  bool blind_cuts_ = false;      ///< cut_blind()
  std::uint64_t next_offset_ = 0;
  std::uint64_t known_size_ = 0;  ///< the input's size when last asked
  std::string_view view_;         ///< ByteSource::view(), when at offsets
};

}  // namespace flowclean
