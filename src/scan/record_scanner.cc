// The fast path: reading the position lists of byte_classes.h.
#include "scan/record_scanner.h"

#include <algorithm>

#include "simd/lister.h"

namespace flowclean {

namespace {

std::uint64_t below(std::size_t bit) {
  return (std::uint64_t{1} << bit) - 1;
}

// flatten_bits writes up to kFlattenSlack entries past the list's end;
// next_plain reads up to kMaxPlainColumns past it, where it must find kNone.
constexpr std::size_t kListPadding =
    std::max(kFlattenSlack, RecordScanner::kMaxPlainColumns);

}  // namespace

void RecordScanner::reset(const char* data, std::size_t size) {
  data_ = data;
  size_ = size;
  windows_ = (size + 63) / 64;
  next_window_ = 0;
  floor_ = 0;
  clear_lists();
}

void RecordScanner::clear_lists() {
  commas_.head = commas_.count = 0;
  newlines_.head = newlines_.count = 0;
  care_.clear();
  care_head_ = 0;
  seal(commas_, 0);
}

// What is still ahead moves to the front: the lists stay a chunk long, and
// in L1, whatever the block's size. Returns where `windows` more go.
std::uint32_t* RecordScanner::make_room(Positions& positions,
                                        std::size_t windows) {
  auto& at = positions.at;
  const std::size_t ahead = positions.count - positions.head;
  std::copy(at.begin() + static_cast<std::ptrdiff_t>(positions.head),
            at.begin() + static_cast<std::ptrdiff_t>(positions.count),
            at.begin());
  positions.head = 0;
  positions.count = ahead;
  const std::size_t room = ahead + 64 * windows + kListPadding;
  if (at.size() < room)
    at.resize(room);
  return at.data() + ahead;
}

void RecordScanner::seal(Positions& positions, std::size_t added) {
  positions.count += added;
  if (positions.at.size() < positions.count + kListPadding)
    positions.at.resize(positions.count + kListPadding);
  auto end =
      positions.at.begin() + static_cast<std::ptrdiff_t>(positions.count);
  std::fill(end, end + static_cast<std::ptrdiff_t>(kListPadding), kNone);
}

// TAB and the CR of CR LF are text: plain VAST rows have neither, so this
// runs only for the rare window holding a control byte.
void RecordScanner::list_care(std::size_t windows) {
  care_.erase(care_.begin(),
              care_.begin() + static_cast<std::ptrdiff_t>(care_head_));
  care_head_ = 0;
  for (std::size_t w = 0; w < windows; ++w) {
    for (std::uint64_t care = chunk_care_[w]; care != 0; care &= care - 1) {
      const std::size_t at = 64 * (next_window_ + w) +
                             static_cast<unsigned>(__builtin_ctzll(care));
      if (data_[at] != '\t' && !(data_[at] == '\r' && data_[at + 1] == '\n'))
        care_.push_back(at);
    }
  }
}

bool RecordScanner::list_next_chunk() {
  if (next_window_ >= windows_)
    return false;
  const std::size_t first = next_window_;
  const std::size_t n = std::min(windows_ - first, kChunkWindows);
  std::uint64_t keep_last = ~std::uint64_t{0};
  if (first + n == windows_ && size_ % 64 != 0)
    keep_last = below(size_ % 64);
  // After a checked row that ended mid-window: nothing before it.
  std::uint64_t keep_first = ~std::uint64_t{0};
  if (floor_ > 64 * first)
    keep_first = ~below(floor_ - 64 * first);
  const WindowLists lists{make_room(commas_, n), make_room(newlines_, n),
                          chunk_care_.data()};
  const ListCounts added = list_windows(
      data_ + 64 * first, n, static_cast<std::uint32_t>(64 * first), keep_first,
      keep_last, separator_, lists);
  seal(commas_, added.commas);
  seal(newlines_, added.newlines);
  if (added.care != 0)
    list_care(n);
  next_window_ += n;
  return true;
}

void RecordScanner::resync(const char* p) {
  const auto offset = static_cast<std::size_t>(p - data_);
  floor_ = offset;
  if (64 * next_window_ <= offset) {
    // The checked row ran past everything listed: start listing at p.
    clear_lists();
    next_window_ = offset / 64;
    return;
  }
  for (Positions* positions : {&commas_, &newlines_}) {
    while (positions->head < positions->count &&
           positions->at[positions->head] < offset)
      ++positions->head;
  }
  // next_plain reads only the first entry: none may lie behind p.
  while (care_head_ < care_.size() && care_[care_head_] < offset) ++care_head_;
}

// Sixteen next_plain tests without a branch between them: rows are alike.
bool RecordScanner::peek_batch(const char* p, std::size_t columns,
                               PlainBatch& batch) {
  constexpr std::size_t kRows = PlainBatch::kRows;
  while (newlines_.count - newlines_.head < kRows) {
    if (!list_next_chunk())
      return false;
  }
  const std::size_t stride = columns - 1;
  // Sixteen plain rows have all their commas listed: the reads below stay
  // within the list (the one after the last row's may be its kNone seal).
  if (commas_.count - commas_.head < kRows * stride)
    return false;
  const std::uint32_t* newlines = newlines_.at.data() + newlines_.head;
  const std::uint32_t* commas = commas_.at.data() + commas_.head;
  bool plain = true;
  for (std::size_t r = 0; r < kRows; ++r)
    plain &= has_width(commas + r * stride, columns, newlines[r]);
  if (!plain ||
      (care_head_ < care_.size() && care_[care_head_] < newlines[kRows - 1]))
    return false;
  batch.block = data_;
  batch.begin = p;
  batch.commas = commas;
  batch.newlines = newlines;
  batch.stride = stride;
  return true;
}

// Any row the fast path can read: commas are taken one at a time up to
// the row's newline (or the end of the data).
bool RecordScanner::scan_plain(const char* p, Record& record) {
  const auto start = static_cast<std::size_t>(p - data_);
  while (newlines_.head == newlines_.count && list_next_chunk()) {
  }
  const bool has_newline = newlines_.head < newlines_.count;
  const std::size_t line_end =
      has_newline ? newlines_.at[newlines_.head] : size_;
  auto& starts = record.starts_;
  const std::size_t cap = starts.size() - 1;
  starts[0] = 0;
  std::size_t count = 1;
  for (; commas_.head < commas_.count && commas_.at[commas_.head] < line_end;
       ++commas_.head, ++count) {
    if (count <= cap)
      starts[count] =
          commas_.at[commas_.head] + 1 - static_cast<std::uint32_t>(start);
  }
  newlines_.head += has_newline ? 1 : 0;
  while (care_head_ < care_.size() && care_[care_head_] < start) ++care_head_;
  if (care_head_ < care_.size() && care_[care_head_] < line_end)
    return false;
  record.newlines = has_newline ? 1 : 0;
  record.known_ = std::min(count, cap);
  record.begin = p;
  record.finish(line_end - start, has_newline, count);
  return true;
}

}  // namespace flowclean
