#include "flowclean/block_reader.h"

#include <algorithm>
#include <climits>
#include <cstring>

#include <fmt/format.h>

#include "flowclean/error.h"
#include "flowclean/record_scanner.h"

namespace flowclean {

namespace {

constexpr std::size_t kHeaderReadBytes = std::size_t{64} * 1024;
// Header columns are not known yet; more fields are counted, not kept.
constexpr std::size_t kHeaderMaxFields = 4096;

}  // namespace

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

std::string BlockReader::read_header() {
  const std::size_t max_bytes = max_row_bytes_;
  Record record(kHeaderMaxFields);
  std::vector<char> bytes;
  while (true) {
    const std::size_t have = bytes.size();
    if (!eof_) {
      bytes.resize(have + kHeaderReadBytes + kScanPadding);
      const int got =
          source_.read(bytes.data() + have, static_cast<int>(kHeaderReadBytes));
      eof_ = got <= 0;
      bytes.resize(have + static_cast<std::size_t>(std::max(got, 0)));
    }
    if (bytes.empty())
      return {};
    const std::size_t size = bytes.size();
    bytes.resize(size + kScanPadding);
    (void)RecordScanner::scan_checked(bytes.data(), bytes.data() + size,
                                      record);
    const auto length = static_cast<std::size_t>(record.end - record.begin);
    if (record.terminated || eof_) {
      if (length > max_bytes)
        break;
      carry_.assign(bytes.begin() + static_cast<std::ptrdiff_t>(length),
                    bytes.begin() + static_cast<std::ptrdiff_t>(size));
      return std::string(bytes.data(), length);
    }
    if (size > max_bytes)
      break;
    bytes.resize(size);
  }
  throw Error(
      source_.name(), 1,
      fmt::format("header is longer than the limit of {} bytes", max_bytes));
}

bool BlockReader::next(Block& block) {
  // The carry after the header can exceed a small block: make room for it.
  const std::size_t capacity = std::max(capacity_, carry_.size());
  block.buffer.resize(capacity + kScanPadding);
  char* const data = block.buffer.data();
  if (!carry_.empty())
    std::memcpy(data, carry_.data(), carry_.size());
  std::size_t size = fill(data, carry_.size(), block_bytes_, capacity);
  carry_.clear();
  if (size == 0 && in_oversized_) {
    // Input ended inside an oversized record: an empty tail closes it.
    block.kind = Block::Kind::kOversizedTail;
    block.size = 0;
    in_oversized_ = false;
    return true;
  }
  if (size == 0)
    return false;
  std::size_t cut = 0;
  if (in_oversized_) {
    const std::size_t end = find_record_end(data, size, oversized_quotes_);
    if (end != std::string_view::npos || eof_) {
      cut = end == std::string_view::npos ? size : end;
      block.kind = Block::Kind::kOversizedTail;
      in_oversized_ = false;
    } else {
      cut = size;
      block.kind = Block::Kind::kOversizedPart;
    }
  } else {
    cut = last_record_end(data, size);
    if (cut == 0 && !eof_) {
      // A record longer than a block, but maybe not over the row limit.
      size = fill(data, size, capacity, capacity);
      cut = last_record_end(data, size);
    }
    block.kind = Block::Kind::kRows;
    if (cut == 0 && eof_) {
      cut = size;  // the last record has no final newline
    } else if (cut == 0) {
      cut = size;  // no record ends within a full block: an oversized row
      block.kind = Block::Kind::kOversizedHead;
      in_oversized_ = true;
      oversized_quotes_ = QuoteState{};
      (void)find_record_end(data, size, oversized_quotes_);
    }
  }
  carry_.assign(data + cut, data + size);
  block.size = cut;
  return true;
}

}  // namespace flowclean
