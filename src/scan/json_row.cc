#include "scan/json_row.h"

#include <algorithm>
#include <cstring>

namespace flowclean {

namespace {

const char* skip_blanks(const char* p, const char* end) {
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) ++p;
  return p;
}

bool is_control(char c) {
  return static_cast<unsigned char>(c) < kFirstTextByte;
}

// Eight bytes at a time, bit 7 of each byte that matches (exact: no byte
// sets a neighbour's bit). Reads up to 7 bytes past the line, which the
// block's padding (kScanPadding) makes readable.
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
constexpr std::uint64_t kHigh = 0x8080808080808080ULL;

std::uint64_t bytes_equal(std::uint64_t word, unsigned char c) {
  const std::uint64_t x = word ^ (kOnes * c);
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}
std::uint64_t bytes_below_space(std::uint64_t word) {
  return ~(((word & kLow7) + kOnes * (0x80 - kFirstTextByte)) | word) & kHigh;
}

// The first byte at or after `p` that ends a string's run of plain text:
// '"', '\\' or a control byte; `end` when none comes before it. A byte
// loop over them was a third of a clean of Zeek JSON (perf).
const char* string_stop(const char* p, const char* end) {
  for (; p < end; p += 8) {
    const std::uint64_t word = load_word(p);
    const std::uint64_t stops = bytes_equal(word, '"') |
                                bytes_equal(word, '\\') |
                                bytes_below_space(word);
    if (stops != 0) {
      const char* at = p + __builtin_ctzll(stops) / 8;
      return at < end ? at : end;
    }
  }
  return end;
}

// Past the closing quote of the string whose opening quote is at `p`; null
// at a raw control byte (JSON escapes them) or at the end, `bad` set there.
const char* string_end(const char* p, const char* end, const char*& bad) {
  for (p = string_stop(p + 1, end); p < end; p = string_stop(p, end)) {
    if (*p == '"')
      return p + 1;
    if (*p != '\\') {
      bad = p;
      return nullptr;
    }
    p += 2;  // an escaped byte, whatever it is
  }
  bad = end;
  return nullptr;
}

// Past the array or object that opens at `p` (Zeek's sets and vectors,
// tunnel_parents): kept as written, never read.
const char* nested_end(const char* p, const char* end, const char*& bad) {
  int depth = 0;
  while (p < end) {
    if (*p == '"') {
      p = string_end(p, end, bad);
      if (p == nullptr)
        return nullptr;
      continue;
    }
    if (*p == '[' || *p == '{') {
      ++depth;
    } else if (*p == ']' || *p == '}') {
      if (--depth == 0)
        return p + 1;
    } else if (is_control(*p) && *p != '\t' && *p != '\r') {
      bad = p;
      return nullptr;
    }
    ++p;
  }
  bad = end;
  return nullptr;
}

// Past a number, true, false or null: up to the ',', '}' or ']' or blank
// after it; null when there is none, or it does not start as one does.
const char* scalar_end(const char* p, const char* end, const char*& bad) {
  if (!starts_scalar(p < end ? *p : '\0')) {
    bad = p;
    return nullptr;
  }
  const char* q = p;
  for (; q < end; q += 8) {
    const std::uint64_t word = load_word(q);
    const std::uint64_t stops =
        bytes_equal(word, ',') | bytes_equal(word, '}') |
        bytes_equal(word, ']') | bytes_equal(word, ' ') |
        bytes_below_space(word);
    if (stops != 0) {
      q += __builtin_ctzll(stops) / 8;
      break;
    }
  }
  return q < end ? q : end;
}

}  // namespace

Problem JsonRow::not_json(const char* at, std::size_t column) const {
  Problem problem{ProblemKind::kNotJson, column,
                  static_cast<std::size_t>(at - begin)};
  if (at < content_end && is_control(*at)) {
    problem.kind =
        *at == '\0' ? ProblemKind::kNulByte : ProblemKind::kControlByte;
  }
  problem.byte = at < content_end ? static_cast<unsigned char>(*at) : 0;
  return problem;
}

// One "key": value member at `p`; past it, or `problem` set.
const char* JsonRow::member(const char* p, const JsonKeys& keys,
                            std::optional<Problem>& problem) {
  const char* bad = nullptr;
  const char* key_end =
      p < content_end && *p == '"' ? string_end(p, content_end, bad) : nullptr;
  if (key_end == nullptr) {
    problem = not_json(bad != nullptr ? bad : p);
    return p;
  }
  JsonMember m;
  m.key = static_cast<std::uint32_t>(p - begin);
  m.key_end = static_cast<std::uint32_t>(key_end - begin);
  m.column = keys.column({p + 1, static_cast<std::size_t>(key_end - p - 2)});
  const char* q = skip_blanks(key_end, content_end);
  if (q == content_end || *q != ':') {
    problem = not_json(q, m.column);
    return q;
  }
  q = skip_blanks(q + 1, content_end);
  const char* value_end = nullptr;
  if (q < content_end && *q == '"') {
    value_end = string_end(q, content_end, bad);
  } else if (q < content_end && (*q == '[' || *q == '{')) {
    value_end = nested_end(q, content_end, bad);
  } else {
    value_end = scalar_end(q, content_end, bad);
  }
  if (value_end == nullptr) {
    problem = not_json(bad, m.column);
    return q;
  }
  add(m.key, m.key_end, m.column, q, value_end);
  return value_end;
}

void JsonRow::start(const char* line, const char* line_content_end,
                    const char* line_end, bool clear) {
  begin = line;
  content_end = line_content_end;
  end = line_end;
  if (clear)
    std::fill(raw_.begin(), raw_.end(), std::string_view());
  members_.clear();
  members_unlisted_ = false;
  raw_in_shape_ = false;
}

std::optional<Problem> JsonRow::scan(const char* line,
                                     const char* line_content_end,
                                     const char* line_end,
                                     const JsonKeys& keys) {
  start(line, line_content_end, line_end);
  const char* p = skip_blanks(begin, content_end);
  if (p == content_end || *p != '{')
    return not_json(p);
  p = skip_blanks(p + 1, content_end);
  if (p < content_end && *p == '}') {
    ++p;
  } else {
    while (true) {
      std::optional<Problem> problem;
      p = skip_blanks(member(p, keys, problem), content_end);
      if (problem)
        return problem;
      if (p < content_end && *p == ',') {
        p = skip_blanks(p + 1, content_end);
        continue;
      }
      if (p < content_end && *p == '}') {
        ++p;
        break;
      }
      return not_json(p);
    }
  }
  p = skip_blanks(p, content_end);
  if (p != content_end)
    return not_json(p);
  return std::nullopt;
}

}  // namespace flowclean
