// The fast path: separator bitmaps, 64 bytes at a time.
#include "flowclean/record_scanner.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace flowclean {

namespace {

struct WindowMasks {
  std::uint64_t commas;
  std::uint64_t newlines;
  std::uint64_t care;  ///< bytes the fast path does not handle
};

// Classifies 64 bytes at p. Four compares a 16-byte chunk: TAB and the CR
// of a CR LF are text, but are sorted out only when a window has a byte
// below 0x20 besides '\n', which plain VAST rows never have.
WindowMasks classify(const char* p) {
  WindowMasks masks{0, 0, 0};
#if defined(__SSE2__)
  for (std::ptrdiff_t i = 0; i < 4; ++i) {
    const __m128i chunk =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    const __m128i newline = _mm_cmpeq_epi8(chunk, _mm_set1_epi8('\n'));
    // Signed compare: bytes >= 0x80 are negative, so this catches them too.
    const __m128i low =
        _mm_cmplt_epi8(chunk, _mm_set1_epi8(static_cast<char>(kFirstTextByte)));
    const __m128i quote = _mm_cmpeq_epi8(chunk, _mm_set1_epi8('"'));
    const auto bits = [&](__m128i m) {
      return static_cast<std::uint64_t>(
                 static_cast<unsigned>(_mm_movemask_epi8(m)))
             << (16 * i);
    };
    masks.commas |= bits(_mm_cmpeq_epi8(chunk, _mm_set1_epi8(',')));
    masks.newlines |= bits(newline);
    masks.care |= bits(_mm_or_si128(_mm_andnot_si128(newline, low), quote));
  }
#else
  for (int i = 0; i < 64; ++i) {
    const auto byte = static_cast<unsigned char>(p[i]);
    const std::uint64_t bit = std::uint64_t{1} << i;
    if (byte == ',')
      masks.commas |= bit;
    if (byte == '\n')
      masks.newlines |= bit;
    if ((byte < kFirstTextByte && byte != '\n') || byte >= 0x80 ||
        byte == '"') {
      masks.care |= bit;
    }
  }
#endif
  for (std::uint64_t rest = masks.care; rest != 0; rest &= rest - 1) {
    const int i = __builtin_ctzll(rest);
    if (p[i] == '\t' || (p[i] == '\r' && p[i + 1] == '\n')) {
      masks.care &= ~(std::uint64_t{1} << i);
    }
  }
  return masks;
}

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
    : data_(data), size_(size) {
  load(0);
}

void RecordScanner::load(std::size_t base) {
  base_ = base;
  commas_ = newlines_ = 0;
  if (base >= size_)
    return;
  const std::size_t remain = size_ - base;
  const std::uint64_t valid =
      remain >= 64 ? ~std::uint64_t{0} : below(static_cast<unsigned>(remain));
  const WindowMasks masks = classify(data_ + base);
  commas_ = masks.commas & valid;
  newlines_ = masks.newlines & valid;
  for (std::uint64_t care = masks.care & valid; care != 0; care &= care - 1) {
    care_.push_back(base + static_cast<std::size_t>(__builtin_ctzll(care)));
  }
}

bool RecordScanner::next_window() {
  if (base_ + 64 >= size_)
    return false;
  load(base_ + 64);
  return true;
}

void RecordScanner::resync(const char* p) {
  const auto offset = static_cast<std::size_t>(p - data_);
  // Windows from here on are loaded again, so their care bytes are noted
  // again: start the list afresh to keep it sorted.
  care_.clear();
  care_head_ = 0;
  load(offset - offset % 64);
  const std::size_t skip = offset - base_;
  const std::uint64_t keep =
      skip >= 64 ? 0 : ~below(static_cast<unsigned>(skip));
  commas_ &= keep;
  newlines_ &= keep;
}

// Field starts are taken one separator at a time only as far as `wanted`
// fields; the rest of the row is counted with popcount, a window at a time.
// The rules read only a few leading columns; a flip completes the rest.
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
    while ((commas_ | newlines_) == 0) {
      if (!next_window())
        goto counted;
    }
    const std::uint64_t separators = commas_ | newlines_;
    const auto bit = static_cast<unsigned>(__builtin_ctzll(separators));
    const std::uint64_t lowest = separators & (0 - separators);
    if ((newlines_ & lowest) != 0) {
      newlines_ &= ~lowest;
      line_end = base_ + bit;
      has_newline = true;
      goto counted;
    }
    commas_ &= ~lowest;
    starts[count++] = static_cast<std::uint32_t>(base_ + bit - start + 1);
    if (count > wanted)
      break;
  }
  // Past the wanted fields: count the commas before the newline.
  while (newlines_ == 0) {
    count += popcount(commas_);
    commas_ = 0;
    if (!next_window())
      goto counted;
  }
  {
    const auto bit = static_cast<unsigned>(__builtin_ctzll(newlines_));
    count += popcount(commas_ & below(bit));
    commas_ &= bit == 63 ? 0 : ~below(bit + 1);  // commas up to the newline
    newlines_ &= newlines_ - 1;
    line_end = base_ + bit;
    has_newline = true;
  }
counted:
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
