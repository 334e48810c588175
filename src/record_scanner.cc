// The fast path: walking the separator bitmaps of byte_classes.h.
#include "flowclean/record_scanner.h"

#include <algorithm>
#include <cstring>

#include "flowclean/byte_classes.h"

namespace flowclean {

namespace {

std::uint64_t below(unsigned bit) {
  return (std::uint64_t{1} << bit) - 1;
}

// x86-64's baseline has no POPCNT instruction, and __builtin_popcountll
// then calls a libgcc routine (3% of the run in perf); this stays inline.
std::size_t popcount(std::uint64_t x) {
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<std::size_t>((x * 0x0101010101010101ULL) >> 56);
}

}  // namespace

RecordScanner::RecordScanner(const char* data, std::size_t size)
    : data_(data), size_(size), windows_((size + 63) / 64) {
  if (size_ > 0)
    enter(0);
}

void RecordScanner::classify_from(std::size_t window) {
  chunk_first_ = window;
  chunk_end_ = std::min(windows_, window + kChunkWindows);
  const std::size_t n = chunk_end_ - chunk_first_;
  classify_windows(
      data_ + 64 * window, n,
      {chunk_commas_.data(), chunk_newlines_.data(), chunk_care_.data()});
  if (chunk_end_ == windows_ && size_ % 64 != 0) {
    const std::uint64_t valid = below(static_cast<unsigned>(size_ % 64));
    chunk_commas_[n - 1] &= valid;
    chunk_newlines_[n - 1] &= valid;
    chunk_care_[n - 1] &= valid;
  }
  // TAB and the CR of CR LF are text: plain VAST rows have neither, so this
  // runs only for the rare window holding a control byte.
  for (std::size_t w = 0; w < n; ++w) {
    for (std::uint64_t care = chunk_care_[w]; care != 0; care &= care - 1) {
      const std::size_t at =
          64 * (window + w) + static_cast<unsigned>(__builtin_ctzll(care));
      if (data_[at] != '\t' && !(data_[at] == '\r' && data_[at + 1] == '\n'))
        care_.push_back(at);
    }
  }
}

void RecordScanner::enter(std::size_t window) {
  if (window >= chunk_end_)
    classify_from(window);
  base_ = 64 * window;
  commas_ = chunk_commas_[window - chunk_first_];
  newlines_ = chunk_newlines_[window - chunk_first_];
}

bool RecordScanner::next_window() {
  if (base_ + 64 >= size_)
    return false;
  enter(base_ / 64 + 1);
  return true;
}

void RecordScanner::resync(const char* p) {
  const auto offset = static_cast<std::size_t>(p - data_);
  if (offset >= size_) {
    base_ = offset - offset % 64;
    commas_ = newlines_ = 0;
    return;
  }
  enter(offset / 64);
  const std::uint64_t keep = ~below(static_cast<unsigned>(offset % 64));
  commas_ &= keep;
  newlines_ &= keep;
}

// Each window is taken whole: the commas before the row's newline (or all
// of them, if the row goes on) have their positions taken as far as
// `wanted` fields and are counted past that, so a comma costs a few
// instructions and no test for the newline. The rules read only a few
// leading columns; a flip completes the rest.
bool RecordScanner::scan_plain(const char* p, Record& record,
                               std::size_t wanted) {
  const auto start = static_cast<std::size_t>(p - data_);
  auto& starts = record.starts_;
  wanted = std::min(wanted, starts.size() - 1);
  std::size_t count = 1;
  starts[0] = 0;
  std::size_t line_end = size_;
  bool has_newline = false;
  while (true) {
    const std::uint64_t newline = newlines_ & (0 - newlines_);  // lowest
    std::uint64_t commas = newline != 0 ? commas_ & (newline - 1) : commas_;
    const std::size_t first = base_ + 1 - start;
    for (; commas != 0 && count <= wanted; commas &= commas - 1) {
      starts[count++] = static_cast<std::uint32_t>(
          first + static_cast<unsigned>(__builtin_ctzll(commas)));
    }
    count += popcount(commas);
    if (newline != 0) {
      commas_ &= ~(newline | (newline - 1));  // up to the newline
      newlines_ &= newlines_ - 1;
      line_end = base_ + static_cast<unsigned>(__builtin_ctzll(newline));
      has_newline = true;
      break;
    }
    commas_ = 0;
    if (!next_window())
      break;
  }
  while (care_head_ < care_.size() && care_[care_head_] < start) ++care_head_;
  if (care_head_ < care_.size() && care_[care_head_] < line_end)
    return false;
  record.newlines = has_newline ? 1 : 0;
  record.known_ = std::min(count, wanted);
  record.begin = p;
  record.finish(line_end - start, has_newline, count);
  return true;
}

void RecordScanner::complete_fields(Record& record) {
  auto& starts = record.starts_;
  const std::size_t cap = starts.size() - 1;
  const std::size_t total = std::min(record.field_count, cap);
  const char* const content_end = record.content_end;
  for (std::size_t i = record.known_; i < total; ++i) {
    const char* field = record.begin + starts[i];
    const void* comma =
        std::memchr(field, ',', static_cast<std::size_t>(content_end - field));
    starts[i + 1] = static_cast<std::uint32_t>(
        comma == nullptr ? content_end - record.begin + 1
                         : static_cast<const char*>(comma) - record.begin + 1);
  }
  record.known_ = total;
}

}  // namespace flowclean
