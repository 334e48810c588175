#include "flowclean/record_scanner.h"

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
  starts[count < cap ? count : cap] = static_cast<std::uint32_t>(content + 1);
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
  const std::size_t stored =
      field_count < starts_.size() - 1 ? field_count : starts_.size() - 1;
  std::size_t column = 0;
  while (column + 1 < stored && starts_[column + 1] <= offset) ++column;
  return column;
}

namespace {

struct WindowMasks {
  std::uint64_t separators;  ///< ',' and '\n'
  std::uint64_t care;        ///< bytes the fast path does not handle
};

// Classifies 64 bytes at p. A CR directly before a LF is a line end, not a
// byte needing care (a CR LF split across two windows takes the checked
// path, which handles it too).
WindowMasks classify(const char* p) {
#if defined(__SSE2__)
  std::uint64_t comma = 0, newline = 0, quote = 0, low = 0, tab = 0, cr = 0;
  for (int i = 0; i < 4; ++i) {
    const __m128i chunk =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    const auto bits = [&](__m128i m) {
      return static_cast<std::uint64_t>(
                 static_cast<unsigned>(_mm_movemask_epi8(m)))
             << (16 * i);
    };
    comma |= bits(_mm_cmpeq_epi8(chunk, _mm_set1_epi8(',')));
    newline |= bits(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('\n')));
    quote |= bits(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('"')));
    // Signed compare: bytes >= 0x80 are negative, so this catches them too.
    low |= bits(_mm_cmplt_epi8(
        chunk, _mm_set1_epi8(static_cast<char>(kFirstTextByte))));
    tab |= bits(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('\t')));
    cr |= bits(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('\r')));
  }
#else
  std::uint64_t comma = 0, newline = 0, quote = 0, low = 0, tab = 0, cr = 0;
  for (int i = 0; i < 64; ++i) {
    const auto byte = static_cast<unsigned char>(p[i]);
    const std::uint64_t bit = std::uint64_t{1} << i;
    if (byte == ',')
      comma |= bit;
    if (byte == '\n')
      newline |= bit;
    if (byte == '"')
      quote |= bit;
    if (byte < kFirstTextByte || byte >= 0x80)
      low |= bit;
    if (byte == '\t')
      tab |= bit;
    if (byte == '\r')
      cr |= bit;
  }
#endif
  const std::uint64_t line_end_cr = cr & (newline >> 1);
  return {comma | newline, quote | (low & ~tab & ~newline & ~line_end_cr)};
}

}  // namespace

RecordScanner::RecordScanner(const char* data, std::size_t size)
    : data_(data), size_(size) {
  load(0);
}

void RecordScanner::load(std::size_t base) {
  base_ = base;
  if (base >= size_) {
    separators_ = 0;
    return;
  }
  const std::size_t remain = size_ - base;
  const std::uint64_t valid =
      remain >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << remain) - 1;
  const WindowMasks masks = classify(data_ + base);
  separators_ = masks.separators & valid;
  for (std::uint64_t care = masks.care & valid; care != 0; care &= care - 1) {
    care_.push_back(base + static_cast<std::size_t>(__builtin_ctzll(care)));
  }
}

std::size_t RecordScanner::next_separator() {
  while (separators_ == 0) {
    if (base_ + 64 >= size_)
      return size_;
    load(base_ + 64);
  }
  const auto bit = static_cast<std::size_t>(__builtin_ctzll(separators_));
  separators_ &= separators_ - 1;
  return base_ + bit;
}

void RecordScanner::resync(const char* p) {
  const auto offset = static_cast<std::size_t>(p - data_);
  // Windows from here on are loaded again, so their care bytes are noted
  // again: start the list afresh to keep it sorted.
  care_.clear();
  care_head_ = 0;
  load(offset - offset % 64);
  const std::size_t skip = offset - base_;
  separators_ &= skip >= 64 ? 0 : ~((std::uint64_t{1} << skip) - 1);
}

bool RecordScanner::scan_plain(const char* p, Record& record) {
  const auto start = static_cast<std::size_t>(p - data_);
  auto& starts = record.starts_;
  const std::size_t cap = starts.size() - 1;
  std::size_t count = 1;
  starts[0] = 0;
  std::size_t line_end = size_;
  bool has_newline = false;
  while (true) {
    const std::size_t at = next_separator();
    if (at >= size_)
      break;
    if (data_[at] == '\n') {
      line_end = at;
      has_newline = true;
      break;
    }
    if (count < cap)
      starts[count] = static_cast<std::uint32_t>(at - start + 1);
    ++count;
  }
  while (care_head_ < care_.size() && care_[care_head_] < start) ++care_head_;
  if (care_head_ < care_.size() && care_[care_head_] < line_end)
    return false;
  record.newlines = has_newline ? 1 : 0;
  finish(p, line_end - start, has_newline, count, record, starts);
  return true;
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
      if (count < cap)
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
