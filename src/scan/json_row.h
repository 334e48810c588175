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

#include "scan/record.h"

namespace flowclean {

/// The schema's column names, looked up by a member's key as written
/// between its quotes (escapes are not decoded: Zeek writes none in keys).
/// A key's bytes are read eight at a time: up to 7 past it must be
/// readable (a block's padding).
class JsonKeys {
 public:
  explicit JsonKeys(const std::vector<std::string>& names);
  /// The column named `key`, or kNoColumn.
  [[nodiscard]] std::size_t column(std::string_view key) const;

 private:
  [[nodiscard]] std::size_t slot_of(std::string_view key) const;
  [[nodiscard]] bool is(std::size_t column, std::string_view key) const;

  std::vector<std::string> names_;
  /// Each name's first and last eight bytes as words (the first masked to
  /// the name's size): a key is compared in two loads, not a memcmp call.
  std::vector<std::uint64_t> first_words_, last_words_;
  /// Open addressing, a quarter full at most: column + 1, 0 for none. A
  /// binary search over the names (string compares) was a quarter of a
  /// clean of Zeek JSON (perf); this is one compare a member, mostly.
  std::vector<std::uint32_t> slots_;
};

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
  /// The members in line order: what a flip rewrites.
  [[nodiscard]] const std::vector<JsonMember>& members() const {
    return members_;
  }

  /// Reads the line [begin, content_end) as a JSON object; a problem when
  /// it is not one (not-json at the byte where it stops being one), or a
  /// string holds a raw control byte. The views are into the line.
  std::optional<Problem> scan(const char* line, const char* line_content_end,
                              const char* line_end, const JsonKeys& keys);

 private:
  const char* member(const char* p, const JsonKeys& keys,
                     std::optional<Problem>& problem);
  Problem not_json(const char* at, std::size_t column = kNoColumn) const;

  std::vector<std::string_view> raw_;
  std::vector<JsonMember> members_;
};

}  // namespace flowclean
