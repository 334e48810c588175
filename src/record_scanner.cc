#include "flowclean/record_scanner.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace flowclean {

namespace {

constexpr unsigned char kFirstTextByte = 0x20;

// Length of the valid UTF-8 sequence at s (s[0] >= 0x80), or 0 if invalid.
std::size_t utf8_sequence_length(const unsigned char* s, std::size_t avail) {
  const unsigned char lead = s[0];
  auto in = [&](std::size_t i, unsigned char lo, unsigned char hi) {
    return i < avail && s[i] >= lo && s[i] <= hi;
  };
  if (lead >= 0xC2 && lead <= 0xDF)
    return in(1, 0x80, 0xBF) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    const unsigned char lo = lead == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = lead == 0xED ? 0x9F : 0xBF;
    return in(1, lo, hi) && in(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const unsigned char lo = lead == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = lead == 0xF4 ? 0x8F : 0xBF;
    return in(1, lo, hi) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

bool is_line_end_cr(const char* p, std::size_t pos, std::size_t size) {
  return p[pos] == '\r' && (pos + 1 == size || p[pos + 1] == '\n');
}

// Checks the text byte at p[i] (outside quote and separator handling).
// Returns how many bytes it spans; sets `problem` if it is not text.
std::size_t check_text_byte(const char* p, std::size_t i, std::size_t size,
                            std::size_t column,
                            std::optional<Problem>& problem) {
  const auto byte = static_cast<unsigned char>(p[i]);
  if (byte >= kFirstTextByte && byte < 0x80)
    return 1;
  if (byte == '\t' || byte == '\r' || byte == '\n')
    return 1;
  std::size_t length = 1;
  std::optional<ProblemKind> kind;
  if (byte == 0) {
    kind = ProblemKind::kNulByte;
  } else if (byte < kFirstTextByte) {
    kind = ProblemKind::kControlByte;
  } else {
    length = utf8_sequence_length(reinterpret_cast<const unsigned char*>(p + i),
                                  size - i);
    if (length == 0) {
      kind = ProblemKind::kNotUtf8;
      length = 1;
    }
  }
  if (kind && !problem)
    problem = Problem{*kind, column, i, byte};
  return length;
}

void finish(const char* p, std::size_t line_end, bool has_newline,
            std::size_t count, Record& record,
            std::vector<std::uint32_t>& starts) {
  std::size_t content = line_end;
  if (content > 0 && p[content - 1] == '\r')
    --content;
  const std::size_t cap = starts.size() - 1;
  if (count <= cap && count <= record.known_fields() + 1) {
    starts[count] = static_cast<std::uint32_t>(content + 1);
  }
  record.begin = p;
  record.content_end = p + content;
  record.end = p + line_end + (has_newline ? 1 : 0);
  record.field_count = count;
  record.terminated = has_newline;
}

}  // namespace

std::string_view problem_name(ProblemKind kind) {
  static constexpr std::string_view kNames[kProblemKindCount] = {
      "field-count",  "bad-port", "bad-protocol", "nul-byte",
      "control-byte", "not-utf8", "bad-quoting",  "row-too-long"};
  return kNames[static_cast<std::size_t>(kind)];
}

std::size_t Record::column_at(std::size_t offset) const {
  std::size_t column = 0;
  while (column + 1 < known_ && starts_[column + 1] <= offset) ++column;
  return column;
}

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
  finish(p, line_end - start, has_newline, count, record, starts);
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

std::optional<Problem> RecordScanner::scan_checked(const char* p,
                                                   const char* limit,
                                                   Record& record) {
  const auto size = static_cast<std::size_t>(limit - p);
  auto& starts = record.starts_;
  const std::size_t cap = starts.size() - 1;
  std::optional<Problem> problem;
  std::size_t count = 1;
  starts[0] = 0;
  std::uint32_t newlines = 0;
  bool at_field_start = true;
  bool in_quotes = false;
  bool after_close = false;
  std::size_t i = 0;
  while (i < size) {
    const char c = p[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < size && p[i + 1] == '"') {
          i += 2;
          continue;
        }
        in_quotes = false;
        after_close = true;
        ++i;
        continue;
      }
      if (c == '\n')
        ++newlines;
      i += check_text_byte(p, i, size, count - 1, problem);
      continue;
    }
    if (c == '\n')
      break;
    if (c == ',') {
      if (count <= cap)
        starts[count] = static_cast<std::uint32_t>(i + 1);
      ++count;
      at_field_start = true;
      after_close = false;
      ++i;
      continue;
    }
    if (is_line_end_cr(p, i, size)) {
      ++i;
      continue;
    }
    if (after_close && !problem) {
      problem = Problem{ProblemKind::kBadQuoting, count - 1, i,
                        static_cast<unsigned char>(c)};
    }
    after_close = false;
    if (c == '"' && at_field_start) {
      in_quotes = true;
      at_field_start = false;
      ++i;
      continue;
    }
    at_field_start = false;
    if (c == '\r' && !problem) {
      problem = Problem{ProblemKind::kControlByte, count - 1, i,
                        static_cast<unsigned char>(c)};
    }
    i += check_text_byte(p, i, size, count - 1, problem);
  }
  if (in_quotes && !problem) {
    problem = Problem{ProblemKind::kBadQuoting, count - 1, size, 0};
  }
  const bool has_newline = i < size;
  record.newlines = newlines + (has_newline ? 1 : 0);
  record.known_ = std::min(count, cap);
  finish(p, has_newline ? i : size, has_newline, count, record, starts);
  return problem;
}

std::size_t find_record_end(const char* data, std::size_t size,
                            QuoteState& state) {
  std::size_t i = 0;
  if (state.quote_pending && size > 0) {
    state.quote_pending = false;
    if (data[0] == '"') {
      i = 1;  // the two quotes were an escaped quote
    } else {
      state.in_quotes = false;
    }
  }
  for (; i < size; ++i) {
    const char c = data[i];
    if (state.in_quotes) {
      if (c != '"')
        continue;
      if (i + 1 == size) {
        state.quote_pending = true;
      } else if (data[i + 1] == '"') {
        ++i;
      } else {
        state.in_quotes = false;
      }
      continue;
    }
    if (c == '\n')
      return i + 1;
    state.in_quotes = c == '"' && state.at_field_start;
    state.at_field_start = c == ',';
  }
  return std::string_view::npos;
}

std::size_t last_record_end(const char* data, std::size_t size) {
  if (std::memchr(data, '"', size) == nullptr) {
    const void* nl = memrchr(data, '\n', size);
    if (nl == nullptr)
      return 0;
    return static_cast<std::size_t>(static_cast<const char*>(nl) - data) + 1;
  }
  std::size_t last = 0;
  bool at_field_start = true;
  bool in_quotes = false;
  for (std::size_t i = 0; i < size; ++i) {
    const char c = data[i];
    if (in_quotes) {
      if (c != '"')
        continue;
      if (i + 1 == size)
        break;  // "" or closing quote: decided by next read
      if (data[i + 1] == '"') {
        ++i;
      } else {
        in_quotes = false;
      }
      continue;
    }
    if (c == '\n') {
      last = i + 1;
      at_field_start = true;
    } else if (c == ',') {
      at_field_start = true;
    } else {
      in_quotes = c == '"' && at_field_start;
      at_field_start = false;
    }
  }
  return last;
}

}  // namespace flowclean
