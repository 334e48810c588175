// JsonRow::scan_marked: a line in the form Zeek writes, read from its marks
// (simd/json_marks.h). Every line it takes, scan() reads to the same
// members (tests/unit/json_lines_test.cc compares the two on lines of
// every shape); every other line it leaves to scan(), so problems are
// found and told one way.
#include <array>
#include <cstdint>

#include "scan/json_row.h"

namespace flowclean {

namespace {

bool starts_scalar(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == 't' || c == 'f' || c == 'n';
}

/// The low `n` bytes of a word, n <= 8.
constexpr std::array<std::uint64_t, 9> kLowBytes = {0,
                                                    0xFF,
                                                    0xFFFF,
                                                    0xFFFFFF,
                                                    0xFFFFFFFF,
                                                    0xFFFFFFFFFF,
                                                    0xFFFFFFFFFFFF,
                                                    0xFFFFFFFFFFFFFF,
                                                    0xFFFFFFFFFFFFFFFF};

/// A key's first and last eight bytes, compared as ShapeKey keeps them;
/// a key longer than 16 bytes never matches (it is looked up instead).
struct KeyWords {
  std::uint64_t first;
  std::uint64_t last;
  explicit KeyWords(const char* key, std::uint32_t size)
      : first(load_word(key) & kLowBytes[size < 8 ? size : 8]),
        last(size > 8 ? load_word(key + size - 8) : 0) {}
};

}  // namespace

JsonMember JsonRow::marked_member(std::size_t place) const {
  const std::size_t count = 2 * marked_members_ - 1;
  JsonMember m;
  m.key = place == 0 ? 1 : marks_[2 * place - 1] + 1;
  m.key_end = marks_[2 * place];
  m.value = m.key_end + 1;
  m.value_end = 2 * place + 1 < count
                    ? marks_[2 * place + 1]
                    : static_cast<std::uint32_t>(content_end - begin - 1);
  m.column = shape_[place].column;
  return m;
}

void JsonRow::list_members() const {
  members_.clear();
  for (std::size_t place = 0; place < marked_members_; ++place)
    members_.push_back(marked_member(place));
  members_unlisted_ = false;
}

void JsonRow::learn_shape(JsonKeys& keys) {
  if (follows_.empty())
    follows_.assign(JsonKeys::kMaxEntries + 1, JsonKeys::kNoEntry);
  shape_.resize(marked_members_);
  firsts_.clear();
  std::size_t before = 0;  // the line's start
  for (std::size_t place = 0; place < marked_members_; ++place) {
    const JsonMember m = marked_member(place);
    const std::uint32_t size = m.key_end - m.key - 2;
    const char* key = begin + m.key + 1;
    const std::size_t entry = keys.entry({key, size}, follows_[before]);
    follows_[before] = entry;
    before = entry + 1;  // 0 after a key not learned: a poor hint, no harm
    const KeyWords words(key, size);
    ShapeKey& shape = shape_[place];
    // Longer keys are looked up on every line: none can match this size.
    shape.size = size <= 16 ? size : UINT32_MAX;
    shape.first = words.first;
    shape.last = words.last;
    shape.column = keys.column_of(entry);
    if (shape.column == kNoColumn)
      continue;
    bool first = true;
    for (const auto& [earlier, column] : firsts_)
      first &= column != shape.column;
    if (first)
      firsts_.emplace_back(static_cast<std::uint32_t>(place), shape.column);
  }
}

// A member is two marks, its ':' and the ',' after it (the '}' after the
// last), with a quote on each side of its key and, for a string, of its
// value, each where Zeek puts it (no blank between). Those quotes are
// counted as the walk goes: when the line has no others, its strings are
// exactly where the walk took them to be, and so are the marks outside
// them. Any other line is left to scan(). Keys are compared with the line
// before's, and looked up only when they differ.
bool JsonRow::scan_marked(const char* line, const char* line_content_end,
                          const char* line_end, const JsonLineMarks& marks,
                          JsonKeys& keys) {
  const auto size = static_cast<std::uint32_t>(line_content_end - line);
  if (!marks.plain || marks.nesting != 2 || marks.marks % 2 == 0 || size < 3 ||
      line[0] != '{' || line[size - 1] != '}')
    return false;
  const std::size_t count = marks.marks;
  const std::uint32_t* at = marks_.data();
  std::uint64_t differs = (count + 1) / 2 != shape_.size() ? 1 : 0;
  std::size_t quotes = 0;
  std::uint32_t key = 1;
  // A branch a test: the same walk with every test ORed into one flag and
  // the keys always compared was 19% slower (0.58 s against 0.49 s for
  // 1 GB, one thread): Zeek's lines take the same branches line after line.
  for (std::size_t i = 0; i < count; i += 2) {
    const std::uint32_t colon = at[i];
    const std::uint32_t value = colon + 1;
    const bool last = i + 1 == count;
    const std::uint32_t value_end = last ? size - 1 : at[i + 1];
    if (line[colon] != ':' || colon < key + 2 || line[key] != '"' ||
        line[colon - 1] != '"' || value_end <= value ||
        (!last && line[value_end] != ','))
      return false;
    if (line[value] == '"') {
      if (value_end < value + 2 || line[value_end - 1] != '"')
        return false;
      quotes += 4;
    } else if (starts_scalar(line[value])) {
      quotes += 2;
    } else {
      return false;
    }
    if (differs == 0) {
      const ShapeKey& shape = shape_[i / 2];
      const std::uint32_t key_size = colon - key - 2;
      const KeyWords words(line + key + 1, key_size);
      differs = (words.first ^ shape.first) | (words.last ^ shape.last) |
                (key_size ^ shape.size);
    }
    key = value_end + 1;
  }
  if (quotes != marks.quotes)
    return false;
  start(line, line_content_end, line_end);
  marked_members_ = (count + 1) / 2;
  if (differs != 0)
    learn_shape(keys);
  for (const auto& [place, column] : firsts_) {
    const JsonMember m = marked_member(place);
    raw_[column] = {line + m.value, m.value_end - m.value};
  }
  members_unlisted_ = true;
  return true;
}

}  // namespace flowclean
