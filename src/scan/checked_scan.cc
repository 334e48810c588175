// The checked path, a byte at a time: RFC 4180 quoting, UTF-8, control
// bytes; and the quote-aware record boundaries the block reader cuts at.
#include "scan/checked_scan.h"

#include <algorithm>
#include <cstring>

namespace flowclean {

namespace {

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

}  // namespace

// The record's fields up to its first '\n' outside quotes, or to `limit`.
std::optional<Problem> scan_fields(const char* p, const char* limit,
                                   Record& record, const Dialect& dialect) {
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
      if (c == '"') {  // in_quotes only where the dialect quotes
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
    if (c == dialect.separator) {
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
    if (c == '"' && at_field_start && dialect.quoting) {
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
  record.begin = p;
  record.finish(has_newline ? i : size, has_newline, count);
  return problem;
}

std::optional<Problem> scan_checked(const char* p, const char* limit,
                                    Record& record, std::size_t max_row_bytes,
                                    const Dialect& dialect) {
  const auto size = static_cast<std::size_t>(limit - p);
  // Bounded first, so a stray quote costs a look at the limit's bytes, not
  // at the rest of the block.
  const std::size_t window = std::min(size, max_row_bytes);
  auto problem = scan_fields(p, p + window, record, dialect);
  if (record.terminated)
    return problem;
  const void* newline = std::memchr(p, '\n', window);
  if (newline != nullptr)
    return scan_fields(p, static_cast<const char*>(newline) + 1, record,
                       dialect);
  if (window == size)
    return problem;
  return scan_fields(p, limit, record, dialect);
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
    state.at_field_start = c == state.separator;
  }
  return std::string_view::npos;
}

namespace {

// Where the record at `data` ends by scan_checked's rule; npos while the
// `size` bytes at hand cannot tell. Looks at no more than the limit's bytes
// unless the record is a line longer than that.
std::size_t next_record_end(const char* data, std::size_t size,
                            std::size_t max_row_bytes, char separator) {
  QuoteState state;
  state.separator = separator;
  const std::size_t window = std::min(size, max_row_bytes);
  const std::size_t end = find_record_end(data, window, state);
  if (end != std::string_view::npos)
    return end;
  if (size < max_row_bytes)
    return std::string_view::npos;
  const void* newline = std::memchr(data, '\n', max_row_bytes);
  if (newline != nullptr)
    return static_cast<std::size_t>(static_cast<const char*>(newline) - data) +
           1;
  const std::size_t rest = find_record_end(data + window, size - window, state);
  return rest == std::string_view::npos ? rest : window + rest;
}

}  // namespace

std::size_t last_record_end(const char* data, std::size_t size,
                            std::size_t max_row_bytes, bool quotes,
                            char separator) {
  if (!quotes || std::memchr(data, '"', size) == nullptr) {
    const void* nl = memrchr(data, '\n', size);
    if (nl == nullptr)
      return 0;
    return static_cast<std::size_t>(static_cast<const char*>(nl) - data) + 1;
  }
  std::size_t start = 0;
  while (start < size) {
    const std::size_t end =
        next_record_end(data + start, size - start, max_row_bytes, separator);
    if (end == std::string_view::npos)
      break;
    start += end;
  }
  return start;
}

}  // namespace flowclean
