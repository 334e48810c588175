#include "scan/block_reader.h"

#include <algorithm>
#include <climits>
#include <cstring>

#include "scan/checked_scan.h"
#include "scan/record_scanner.h"

namespace flowclean {

BlockReader::BlockReader(ByteSource& source, std::size_t block_bytes,
                         std::size_t max_row_bytes)
    : source_(source),
      block_bytes_(block_bytes),
      max_row_bytes_(max_row_bytes),
      capacity_(std::max(2 * block_bytes, block_bytes + max_row_bytes)) {}

std::size_t BlockReader::fill(char* into, std::size_t have, std::size_t want,
                              std::size_t capacity) {
  while (have < want && !eof_) {
    const std::size_t room = std::min<std::size_t>(capacity - have, INT_MAX);
    const int got = source_.read(into + have, static_cast<int>(room));
    if (got <= 0) {
      eof_ = true;
    } else {
      have += static_cast<std::size_t>(got);
    }
  }
  return have;
}

bool BlockReader::next(Block& block) {
  if (!claim(block))
    return false;
  fetch(block);
  stitch(block);
  return true;
}

bool BlockReader::claim(Block& block) {
  if (!claimed_) {
    claimed_ = true;
    at_offsets_ = source_.reads_at_offsets();
    if (at_offsets_) {
      next_offset_ = source_.position();
      view_ = source_.view();
    }
  }
  block.fetch = Block::Fetch{};
  block.view = nullptr;
  block.kept_from = SIZE_MAX;
  if (!at_offsets_)
    return read_in_order(block);
  if (last_claimed_)
    return false;
  // The size is asked again once it is reached, so bytes appended while we
  // read are read too; not every block (fstat is a system call). The last
  // block reads nothing: it takes what the block before carried.
  if (next_offset_ + block_bytes_ > known_size_)
    known_size_ = source_.size_now();
  const std::uint64_t end = std::min(std::max(known_size_, next_offset_),
                                     next_offset_ + block_bytes_);
  block.fetch.offset = next_offset_;
  block.fetch.want = static_cast<std::size_t>(end - next_offset_);
  block.fetch.last = end == next_offset_;
  last_claimed_ = block.fetch.last;
  next_offset_ = end;
  return true;
}

void BlockReader::fetch(Block& block) {
  Block::Fetch& fetch = block.fetch;
  if (fetch.want == 0)
    return;
  // Within the view, with the scan padding after it: left where it lies.
  fetch.in_view = fetch.offset + fetch.want + kScanPadding <= view_.size();
  const char* fetched = nullptr;
  if (fetch.in_view) {
    fetched = view_.data() + fetch.offset;
    fetch.got = fetch.want;
  } else {
    char* const into = fetch_area(block);
    fetch.got = source_.read_at(into, fetch.want, fetch.offset);
    fetched = into;
  }
  // Looked for here, in parallel, so that stitch (one thread at a time)
  // can cut quote-free blocks at their last '\n' without reading them.
  fetch.looked = !(fetch.in_view && blind_cuts_);
  if (fetch.looked)
    fetch.quotes = std::memchr(fetched, '"', fetch.got) != nullptr;
}

// Where fetched bytes are copied to: far enough into the buffer that the
// carry from the block before fits in front of them.
char* BlockReader::fetch_area(Block& block) const {
  block.buffer.resize(capacity_ + kScanPadding);
  return block.buffer.data() + (capacity_ - block_bytes_);
}

// Puts the carried bytes right before the fetched ones. Returns whether a
// quote is among them all.
bool BlockReader::place_carry(Block& block) {
  const Block::Fetch& fetch = block.fetch;
  std::size_t front = capacity_ - block_bytes_;
  block.buffer.resize(std::max(capacity_, carry_.size() + fetch.got) +
                      kScanPadding);
  if (carry_.size() > front) {
    // Only the rows read with the header can be longer: make room.
    char* const fetched = block.buffer.data() + front;
    std::memmove(fetched + (carry_.size() - front), fetched, fetch.got);
    front = carry_.size();
  }
  block.begin = front - carry_.size();
  if (carry_.empty())
    return fetch.quotes;
  std::memcpy(block.buffered(), carry_.data(), carry_.size());
  return fetch.quotes ||
         std::memchr(block.buffered(), '"', carry_.size()) != nullptr;
}

// A view block starts at the bytes carried: they lie right before its
// fetched ones in the input, as in every block read at offsets.
bool BlockReader::stitch_view(Block& block) {
  const Block::Fetch& fetch = block.fetch;
  const char* const start = view_.data() + (fetch.offset - carry_.size());
  const std::size_t size = carry_.size() + fetch.got;
  // Cut blind, the quotes not looked for: the cleaner checks the cut.
  const bool quotes =
      fetch.looked &&
      (fetch.quotes || std::memchr(start, '"', carry_.size()) != nullptr);
  std::size_t cut =
      last_record_end(start, size, max_row_bytes_, quotes && dialect_.quoting,
                      dialect_.separator);
  if (cut == 0)
    return false;
  stop_at_trailer(block, start, cut);
  block.view = start;
  block.kind = Block::Kind::kRows;
  block.size = cut;
  block.extent = size;
  carry_.assign(start + cut, start + size);
  return true;
}

void BlockReader::stitch(Block& block) {
  if (!at_offsets_)
    return;
  Block::Fetch& fetch = block.fetch;
  if (fetch.in_view) {
    if (!in_oversized_ && !in_trailer_ && stitch_view(block))
      return;
    // A record longer than the block: cut as if it had been copied in.
    char* const into = fetch_area(block);
    std::memcpy(into, view_.data() + fetch.offset, fetch.got);
    fetch.in_view = false;
    if (!fetch.looked)
      fetch.quotes = std::memchr(into, '"', fetch.got) != nullptr;
    fetch.looked = true;
  }
  const bool quotes = place_carry(block);
  char* const data = block.buffered();
  const std::size_t size = carry_.size() + fetch.got;
  if (in_trailer_) {
    cut_kept(block, size);
    return;
  }
  if (in_oversized_) {
    cut_oversized(block, size, fetch.last);
    return;
  }
  const std::size_t cut =
      last_record_end(data, size, max_row_bytes_, quotes && dialect_.quoting,
                      dialect_.separator);
  if (cut == 0 && !fetch.last && size <= capacity_ - block_bytes_) {
    // No record ends yet: all of it goes to the next block, as a read in
    // order would read on.
    carry_.assign(data, data + size);
    block.kind = Block::Kind::kRows;
    block.size = 0;
    return;
  }
  cut_rows(block, size, cut, fetch.last);
}

bool BlockReader::read_in_order(Block& block) {
  // The carry after the header can exceed a small block: make room for it.
  const std::size_t capacity = std::max(capacity_, carry_.size());
  block.buffer.resize(capacity + kScanPadding);
  block.begin = 0;
  char* const data = block.buffered();
  if (!carry_.empty())
    std::memcpy(data, carry_.data(), carry_.size());
  std::size_t size = fill(data, carry_.size(), block_bytes_, capacity);
  carry_.clear();
  if (in_trailer_) {
    cut_kept(block, size);
    return size > 0;
  }
  if (in_oversized_) {
    // Input ended inside an oversized record: an empty tail closes it.
    cut_oversized(block, size, eof_);
    return true;
  }
  if (size == 0)
    return false;
  std::size_t cut = last_record_end(data, size, max_row_bytes_,
                                    dialect_.quoting, dialect_.separator);
  if (cut == 0 && !eof_) {
    // A record longer than a block, but maybe not over the row limit.
    size = fill(data, size, capacity, capacity);
    cut = last_record_end(data, size, max_row_bytes_, dialect_.quoting,
                          dialect_.separator);
  }
  cut_rows(block, size, cut, eof_);
  return true;
}

void BlockReader::cut_blind() {
  blind_cuts_ = trailer_.empty();
}

void BlockReader::recut(Block& block, std::size_t size) {
  const char* const end = block.view + size;
  carry_.insert(carry_.begin(), end, block.view + block.size);
  block.size = size;
  blind_cuts_ = false;
}

void BlockReader::release(const Block& block) {
  if (block.view != nullptr) {
    source_.release_view(static_cast<std::uint64_t>(block.view - view_.data()) +
                         block.size);
  }
}

// `cut` is where the last whole record ends (0: none does).
void BlockReader::cut_rows(Block& block, std::size_t size, std::size_t cut,
                           bool at_end) {
  char* const data = block.buffered();
  block.kind = Block::Kind::kRows;
  if (at_end) {
    cut = size;  // the last record may have no final newline
  } else if (cut == 0) {
    // More than the row limit is at hand (the callers read on until it
    // is), and last_record_end cut no record: a line longer than the limit
    // that does not end within the block, an oversized row.
    cut = size;
    block.kind = Block::Kind::kOversizedHead;
    in_oversized_ = true;
    oversized_quotes_ = QuoteState{};
    oversized_quotes_.separator = dialect_.separator;
    (void)find_record_end(data, size, oversized_quotes_);
  }
  if (block.kind == Block::Kind::kRows)
    stop_at_trailer(block, data, cut);
  carry_.assign(data + cut, data + size);
  block.size = cut;
}

void BlockReader::cut_oversized(Block& block, std::size_t size, bool at_end) {
  char* const data = block.buffered();
  const std::size_t end = find_record_end(data, size, oversized_quotes_);
  std::size_t cut = size;
  block.kind = Block::Kind::kOversizedPart;
  if (end != std::string_view::npos || at_end) {
    cut = end == std::string_view::npos ? size : end;
    block.kind = Block::Kind::kOversizedTail;
    in_oversized_ = false;
  }
  carry_.assign(data + cut, data + size);
  block.size = cut;
}

}  // namespace flowclean
