// Cuts an input byte stream into blocks of whole records.
#pragma once

#include <string>
#include <vector>

#include "flowclean/block.h"
#include "flowclean/record_scanner.h"
#include "flowclean/source.h"

namespace flowclean {

/// 4 MiB blocks: large enough that per-block costs (a handoff between
/// threads, one write) vanish, small enough that blocks in flight stay well
/// inside the 128 MB memory budget (README "Performance").
inline constexpr std::size_t kDefaultBlockBytes = std::size_t{4} << 20;

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

  /// Fills `block` with the next whole records, or with a piece of a record
  /// longer than a block (Kind::kOversized*). Returns false at end of input.
  bool next(Block& block);

 private:
  std::size_t fill(char* into, std::size_t have, std::size_t want,
                   std::size_t capacity);

  ByteSource& source_;
  std::size_t block_bytes_;
  std::size_t max_row_bytes_;
  std::size_t capacity_;
  std::vector<char> carry_;  ///< bytes read past the last whole record
  bool eof_ = false;
  bool in_oversized_ = false;
  QuoteState oversized_quotes_;  ///< where the oversized record stands
};

}  // namespace flowclean
