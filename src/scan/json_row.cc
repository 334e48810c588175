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

std::uint64_t load_word(const char* p) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, sizeof word);
  return word;
}
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
  const char first = p < end ? *p : '\0';
  if (!((first >= '0' && first <= '9') || first == '-' || first == 't' ||
        first == 'f' || first == 'n')) {
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

namespace {

std::uint64_t size_mask(std::size_t size) {
  return size >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * size)) - 1;
}

}  // namespace

JsonKeys::JsonKeys(const std::vector<std::string>& names) : names_(names) {
  for (const std::string& name : names) {
    std::string padded = name + std::string(8, '\0');
    first_words_.push_back(load_word(padded.data()) & size_mask(name.size()));
    last_words_.push_back(
        name.size() >= 8 ? load_word(name.data() + name.size() - 8) : 0);
  }
  std::size_t size = 64;
  while (size < 4 * names.size()) size *= 2;
  slots_.assign(size, 0);
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::size_t slot = slot_of(names[i]);
    while (slots_[slot] != 0) slot = (slot + 1) & (slots_.size() - 1);
    slots_[slot] = static_cast<std::uint32_t>(i + 1);
  }
}

// Size and three bytes: Zeek's keys differ in one of them mostly.
std::size_t JsonKeys::slot_of(std::string_view key) const {
  std::size_t hash = key.size() * 37;
  if (!key.empty()) {
    hash += static_cast<unsigned char>(key.front()) * 11U +
            static_cast<unsigned char>(key.back()) * 3U +
            static_cast<unsigned char>(key[key.size() / 2]) * 101U;
  }
  return hash & (slots_.size() - 1);
}

bool JsonKeys::is(std::size_t column, std::string_view key) const {
  const std::size_t size = key.size();
  if (size != names_[column].size() ||
      (load_word(key.data()) & size_mask(size)) != first_words_[column])
    return false;
  if (size <= 8)
    return true;
  return load_word(key.data() + size - 8) == last_words_[column] &&
         (size <= 16 || std::memcmp(key.data() + 8, names_[column].data() + 8,
                                    size - 16) == 0);
}

std::size_t JsonKeys::column(std::string_view key) const {
  for (std::size_t slot = slot_of(key); slots_[slot] != 0;
       slot = (slot + 1) & (slots_.size() - 1)) {
    const std::size_t column = slots_[slot] - 1;
    if (is(column, key))
      return column;
  }
  return kNoColumn;
}

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
  m.value = static_cast<std::uint32_t>(q - begin);
  m.value_end = static_cast<std::uint32_t>(value_end - begin);
  members_.push_back(m);
  // A key named twice: the first is read (and both are flipped).
  if (m.column != kNoColumn && !present(m.column))
    raw_[m.column] = {q, static_cast<std::size_t>(value_end - q)};
  return value_end;
}

std::optional<Problem> JsonRow::scan(const char* line,
                                     const char* line_content_end,
                                     const char* line_end,
                                     const JsonKeys& keys) {
  begin = line;
  content_end = line_content_end;
  end = line_end;
  std::fill(raw_.begin(), raw_.end(), std::string_view());
  members_.clear();
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
