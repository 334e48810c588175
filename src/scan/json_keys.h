// The keys of JSON lines' members, mapped to the schema's columns.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "scan/record.h"

namespace flowclean {

/// Eight bytes from `p`, as a word (unaligned).
inline std::uint64_t load_word(const char* p) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, sizeof word);
  return word;
}

/// The mask of a word's first `size` bytes (all of them from 8 on).
inline std::uint64_t low_bytes(std::size_t size) {
  return size >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * size)) - 1;
}

/// Whether a JSON value starting with `c` is read as a number, true, false
/// or null (the readers check no more of it than its first byte).
inline bool starts_scalar(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == 't' || c == 'f' || c == 'n';
}

/// The schema's column names, looked up by a member's key as written
/// between its quotes (escapes are not decoded: Zeek writes none in keys).
/// A key's bytes are read eight at a time: up to 7 past it must be
/// readable (a block's padding).
class JsonKeys {
 public:
  static constexpr std::size_t kNoEntry = SIZE_MAX;
  /// Entries at most: names, then keys learned (entry()).
  static constexpr std::size_t kMaxEntries = 256;

  explicit JsonKeys(const std::vector<std::string>& names);
  /// The column named `key`, or kNoColumn.
  [[nodiscard]] std::size_t column(std::string_view key) const {
    return column_of(find(key));
  }
  /// The entry of `key`, tried first as `hint` (the entry that came after
  /// the same one on the line before: Zeek writes its members in one
  /// order). A key that names no column is learned as an entry of its
  /// own, while there is room, so that it too is found in one compare.
  [[nodiscard]] std::size_t entry(std::string_view key, std::size_t hint) {
    if (hint != kNoEntry && is(hint, key))
      return hint;
    const std::size_t found = find(key);
    return found != kNoEntry ? found : learn(key);
  }
  [[nodiscard]] std::size_t column_of(std::size_t entry) const {
    return entry == kNoEntry || entries_[entry].column == kLearned
               ? kNoColumn
               : entries_[entry].column;
  }

 private:
  /// A name's first and last eight bytes as words (the first masked to
  /// the name's size): a key is compared in two loads, not a memcmp call.
  static constexpr std::uint32_t kLearned = UINT32_MAX;  ///< no column
  struct Entry {
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    std::uint32_t size = 0;
    std::uint32_t column = 0;
  };
  [[nodiscard]] std::size_t find(std::string_view key) const;
  [[nodiscard]] std::size_t slot_of(std::string_view key) const;
  [[nodiscard]] bool is(std::size_t entry, std::string_view key) const;
  std::size_t learn(std::string_view key);
  void add(std::string_view name, std::size_t column);
  void place(std::size_t entry);

  std::vector<std::string> names_;
  std::vector<Entry> entries_;
  /// Open addressing, a quarter full at most: entry + 1, 0 for none. A
  /// binary search over the names (string compares) was a quarter of a
  /// clean of Zeek JSON (perf); this is one compare a member, mostly.
  std::vector<std::uint32_t> slots_;
};

}  // namespace flowclean
