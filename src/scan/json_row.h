// One row of JSON lines (Zeek's conn.log written with LogAscii::use_json):
// a flat object whose members are found by key, not by position. Zeek
// leaves unset fields out, so a key may be missing from one line and
// present in the next; members may come in any order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scan/json_keys.h"
#include "scan/record.h"
#include "simd/json_marks.h"

namespace flowclean {

/// A member of the object, as offsets from the row's first byte.
struct JsonMember {
  std::uint32_t key = 0;        ///< the key's opening quote
  std::uint32_t key_end = 0;    ///< one past its closing quote
  std::uint32_t value = 0;      ///< the value's first byte
  std::uint32_t value_end = 0;  ///< one past its last byte
  std::size_t column = kNoColumn;
};

/// The views of Record (raw, value) by column, over one JSON object.
class JsonRow {
 public:
  explicit JsonRow(std::size_t columns) : raw_(columns) {}

  const char* begin = nullptr;
  const char* content_end = nullptr;  ///< before its CR LF or LF
  const char* end = nullptr;          ///< one past its '\n'

  /// The column's value as written (a string with its quotes); empty when
  /// the line has no member of that name.
  [[nodiscard]] std::string_view raw(std::size_t column) const {
    return raw_[column];
  }
  /// The value without a string's quotes (escapes left as written).
  [[nodiscard]] std::string_view value(std::size_t column) const {
    const std::string_view text = raw_[column];
    return text.size() >= 2 && text.front() == '"'
               ? text.substr(1, text.size() - 2)
               : text;
  }
  [[nodiscard]] bool present(std::size_t column) const {
    return raw_[column].data() != nullptr;
  }
  [[nodiscard]] std::size_t size() const {
    return static_cast<std::size_t>(end - begin);
  }
  /// The members in line order: what a flip rewrites. After
  /// scan_marked, listed only when asked for: most rows are not flipped.
  [[nodiscard]] const std::vector<JsonMember>& members() const {
    if (members_unlisted_)
      list_members();
    return members_;
  }

  /// Reads the line [begin, content_end) as a JSON object; a problem when
  /// it is not one (not-json at the byte where it stops being one), or a
  /// string holds a raw control byte. The views are into the line.
  std::optional<Problem> scan(const char* line, const char* line_content_end,
                              const char* line_end, const JsonKeys& keys);
  /// Marks the line at `line` (64 * `windows` bytes readable) through its
  /// first '\n' (mark_json), for scan_marked.
  JsonLineMarks mark(const char* line, std::size_t windows) {
    if (marks_.empty())
      marks_.resize(kJsonMarksRoom);
    return mark_json(line, windows, marks_.data());
  }
  /// What scan() reads, from the marks mark() found at `line`: false, and
  /// the row left to scan(), unless the line is in the form Zeek writes:
  /// no blank, escape or control byte, nested value or empty object. Going
  /// from mark to mark, where scan() reads bytes: two thirds of a clean of
  /// Zeek JSON went to scan().
  bool scan_marked(const char* line, const char* line_content_end,
                   const char* line_end, const JsonLineMarks& marks,
                   JsonKeys& keys);

 private:
  /// A new line: its bounds, no members, and no values unless `clear` is
  /// false (the columns set are those set before).
  void start(const char* line, const char* line_content_end,
             const char* line_end, bool clear = true);
  /// Records a member whose key's quotes are [key, key_end) in the line.
  /// The member is built in place: passed whole, its fields went through
  /// the stack and a stalled load (a quarter of a clean of Zeek JSON).
  void add(std::uint32_t key, std::uint32_t key_end, std::size_t column,
           const char* value_begin, const char* value_end) {
    JsonMember& m = members_.emplace_back();
    m.key = key;
    m.key_end = key_end;
    m.value = static_cast<std::uint32_t>(value_begin - begin);
    m.value_end = static_cast<std::uint32_t>(value_end - begin);
    m.column = column;
    // A key named twice: the first is read (and both are flipped).
    if (column != kNoColumn && !present(column))
      raw_[column] = {value_begin,
                      static_cast<std::size_t>(value_end - value_begin)};
  }
  const char* member(const char* p, const JsonKeys& keys,
                     std::optional<Problem>& problem);
  Problem not_json(const char* at, std::size_t column = kNoColumn) const;
  /// The member at `place` of a line scan_marked took, from its marks.
  [[nodiscard]] JsonMember marked_member(std::size_t place) const;
  /// Keys unlike the line before's: each looked up, the shape learned.
  void learn_shape(JsonKeys& keys);
  void list_members() const;
  /// The quotes the marked line's members hold when they are in Zeek's
  /// form (scan_marked), with the keys of shape_ (kSameKeys) or any;
  /// SIZE_MAX when they are not.
  template <bool kSameKeys>
  std::size_t in_form(const char* line, std::uint32_t size, std::size_t commas);

  std::vector<std::string_view> raw_;
  mutable std::vector<JsonMember> members_;
  mutable bool members_unlisted_ = false;
  /// mark()'s list: the ',' outside strings.
  std::vector<std::uint32_t> marks_;
  /// Each key's quotes, name and ':', as in_form<false> found them: what
  /// learn_shape keeps.
  std::vector<std::uint32_t> spans_;
  std::size_t marked_members_ = 0;  ///< members scan_marked took
  /// Each key of the last line scan_marked took, by place: the first and
  /// last eight bytes of its quotes, name and ':' (the first masked to
  /// their span), the span, and its column. A line whose keys are the same
  /// in the same order (Zeek's lines, nearly all) is read without looking
  /// a key up.
  struct ShapeKey {
    std::uint64_t head = 0;
    std::uint64_t tail = 0;
    std::uint64_t head_mask = 0;
    std::uint32_t span = 0;      ///< compared; UINT32_MAX: never matches
    std::uint32_t key_span = 0;  ///< the key's quotes, name and ':'
    std::size_t column = kNoColumn;
  };
  std::vector<ShapeKey> shape_;
  /// The values set are those of shape_'s firsts_, from the line before:
  /// a line of the same shape sets the same, and need not clear the rest
  /// (clearing every column was 5% of a clean of Zeek JSON).
  bool raw_in_shape_ = false;
  /// The places whose key names a column first on the line: the values
  /// read (JsonRow reads a key named twice at its first place).
  std::vector<std::pair<std::uint32_t, std::size_t>> firsts_;
  /// The key entry that followed each on the line before, at entry + 1
  /// (at 0, the first): JsonKeys::entry's hint. Zeek writes its members
  /// in one order and leaves unset ones out, so a place in the line is a
  /// worse hint.
  std::vector<std::size_t> follows_;
};

}  // namespace flowclean
