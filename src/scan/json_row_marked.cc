// JsonRow::scan_marked: a line in the form Zeek writes, read from its marks
// (simd/json_marks.h). Every line it takes, scan() reads to the same
// members (tests/unit/json_marks_test.cc compares the two on lines of
// every shape); every other line it leaves to scan(), so problems are
// found and told one way.
#include <cstdint>
#include <cstring>

#include "scan/json_row.h"

namespace flowclean {

namespace {

/// A key as ShapeKey keeps it: the first and last eight bytes of its
/// quotes, name and ':' (`span` of them), the first masked to the span.
/// One compare of these checks the key's name and the quotes and ':'
/// around it. A key whose span is over 16 never matches (looked up).
struct KeyWords {
  std::uint64_t head;
  std::uint64_t tail;
  KeyWords(const char* quote, std::uint32_t span, std::uint64_t head_mask)
      : head(load_word(quote) & head_mask),
        tail(span > 8 ? load_word(quote + span - 8) : 0) {}
};

/// The quotes a member's value [value, value_end) holds as scan_marked
/// takes it: a string whose closing quote ends it (2), or what starts as a
/// number, true, false or null does (0); then the ',' after it, unless it
/// is the last. kNotTaken for any other value.
constexpr std::size_t kNotTaken = SIZE_MAX;
std::size_t value_quotes(const char* line, std::uint32_t value,
                         std::uint32_t value_end, bool last) {
  // An empty value is no string and starts as no scalar does: no test of
  // its size is needed.
  if (!last && line[value_end] != ',')
    return kNotTaken;
  if (line[value] == '"') {
    // A one-byte string is its opening quote taken twice: the count of
    // quotes tells, as it tells any quote out of place.
    return line[value_end - 1] == '"' ? 2 : kNotTaken;
  }
  return starts_scalar(line[value]) ? 0 : kNotTaken;
}

}  // namespace

JsonMember JsonRow::marked_member(std::size_t place) const {
  JsonMember m;
  m.key = place == 0 ? 1 : marks_[place - 1] + 1;
  m.key_end = m.key + shape_[place].key_span - 1;  // its ':'
  m.value = m.key_end + 1;
  m.value_end = place + 1 < marked_members_
                    ? marks_[place]
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
    const std::uint32_t quote = place == 0 ? 1 : marks_[place - 1] + 1;
    const std::uint32_t span = spans_[place];  // in_form<false>'s
    const char* key = begin + quote + 1;
    const std::size_t entry = keys.entry({key, span - 3}, follows_[before]);
    follows_[before] = entry;
    before = entry + 1;  // 0 after a key not learned: a poor hint, no harm
    const KeyWords words(begin + quote, span, low_bytes(span));
    ShapeKey& shape = shape_[place];
    shape.key_span = span;
    shape.span = span <= 16 ? span : UINT32_MAX;  // longer: never compared
    shape.head_mask = low_bytes(span);
    shape.head = words.head;
    shape.tail = words.tail;
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

// The members' keys: with kSameKeys, those of the line before in its
// order, each key's quotes, name and ':' compared in one or two words;
// otherwise any, each a string (no escapes in a marked line: its first
// quote after the opening one closes it) with its ':' after. A member ends
// at the ',' after it; a ':' or ',' inside a key or a string value is no
// mark, and one in a number is the number's, as scan() reads it.
template <bool kSameKeys>
std::size_t JsonRow::in_form(const char* line, std::uint32_t size,
                             std::size_t commas) {
  const std::size_t members = commas + 1;
  if (kSameKeys && members != shape_.size())
    return kNotTaken;
  if (!kSameKeys && spans_.size() < members)
    spans_.resize(members);
  const std::uint32_t* at = marks_.data();
  std::uint32_t key = 1;
  // The keys' quotes, and the values' (a local: through a reference, the
  // count went to memory and back each member).
  std::size_t quotes = 2 * members;
  for (std::size_t i = 0; i < members; ++i) {
    const bool last = i == commas;
    const std::uint32_t value_end = last ? size - 1 : at[i];
    std::uint32_t span = 0;  // the key's quotes, name and ':'
    if constexpr (kSameKeys) {
      const ShapeKey& shape = shape_[i];
      span = shape.span;
      if (span > value_end - key)
        return kNotTaken;
      const KeyWords words(line + key, span, shape.head_mask);
      if (((words.head ^ shape.head) | (words.tail ^ shape.tail)) != 0)
        return kNotTaken;
    } else {
      // A key is three bytes at least (`"":`); a member ends at least that
      // far on (a ',' before the '}' leaves none): the search below is
      // bounded by it.
      if (value_end < key + 3)
        return kNotTaken;
      const auto* close = static_cast<const char*>(
          std::memchr(line + key + 1, '"', value_end - key - 1));
      if (line[key] != '"' || close == nullptr ||
          close + 1 >= line + value_end || close[1] != ':')
        return kNotTaken;
      span = static_cast<std::uint32_t>(close + 2 - (line + key));
      spans_[i] = span;
    }
    const std::size_t held = value_quotes(line, key + span, value_end, last);
    if (held == kNotTaken)
      return kNotTaken;
    quotes += held;
    key = value_end + 1;
  }
  return quotes;
}

// A member runs to the ',' after it (the last to the '}'): a key with a
// quote on each side and its ':' right after, and a value, for a string
// with a quote on each side, each where Zeek puts it (no blank between).
// Those quotes are counted as the walk goes: when the line has no others,
// its strings are exactly where the walk took them to be, and so are the
// ',' outside them. Any other line is left to scan(). Keys are compared
// with the line before's, and looked up only when they differ. Listing
// the ':' too, a mark each member more, was slower: 0.47 against 0.39 user
// seconds for 1 GB, one thread.
bool JsonRow::scan_marked(const char* line, const char* line_content_end,
                          const char* line_end, const JsonLineMarks& marks,
                          JsonKeys& keys) {
  const auto size = static_cast<std::uint32_t>(line_content_end - line);
  if (marks.open_string || marks.stray != 2 || size < 3 || line[0] != '{' ||
      line[size - 1] != '}')
    return false;
  std::size_t quotes = in_form<true>(line, size, marks.marks);
  const bool same_keys = quotes != kNotTaken;
  if (!same_keys)
    quotes = in_form<false>(line, size, marks.marks);
  if (quotes != marks.quotes)  // kNotTaken never is
    return false;
  start(line, line_content_end, line_end, !(same_keys && raw_in_shape_));
  marked_members_ = marks.marks + 1;
  if (!same_keys)
    learn_shape(keys);
  const std::uint32_t* at = marks_.data();
  for (const auto& [place, column] : firsts_) {
    const std::uint32_t key = place == 0 ? 1 : at[place - 1] + 1;
    const std::uint32_t value = key + shape_[place].key_span;
    const std::uint32_t value_end = place < marks.marks ? at[place] : size - 1;
    raw_[column] = {line + value, value_end - value};
  }
  members_unlisted_ = true;
  raw_in_shape_ = true;
  return true;
}

}  // namespace flowclean
