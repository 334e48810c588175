// One CSV record as views into the block that holds it, and what can be
// wrong with one.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowclean {

struct Dialect;

/// Kinds of malformed rows; names are stable (summary, JSON, docs).
enum class ProblemKind : std::uint8_t {
  kFieldCount,
  kBadPort,
  kBadProtocol,
  kNulByte,
  kControlByte,
  kNotUtf8,
  kBadQuoting,
  kRowTooLong,
  kNotJson,  ///< a JSON-lines row that is not a JSON object (json_row.h)
};
inline constexpr std::size_t kProblemKindCount = 9;

[[nodiscard]] std::string_view problem_name(ProblemKind kind);

/// Appends two columns to the line that starts at `line` in `out` (without
/// its line end yet): after a separator, or, when it ends with one (rwcut
/// writes a '|' after its last column), before a new one, so the line
/// keeps its shape. How --annotate adds flowcleanAction and flowcleanRule.
void append_columns(std::string& out, std::size_t line, char separator,
                    std::string_view a, std::string_view b);

/// append_columns' bytes (a.size() + b.size() + 2 of them) at `out`, after
/// a line whose last byte is a separator (`trailing`) or not; returns the
/// end.
char* write_columns(char* out, bool trailing, char separator,
                    std::string_view a, std::string_view b);

/// `line` with append_columns' two columns before its line end.
[[nodiscard]] std::string with_columns_before_line_end(std::string_view line,
                                                       char separator,
                                                       std::string_view a,
                                                       std::string_view b);

inline constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);

/// Bytes below this are control bytes; of them only TAB is text (and CR and
/// LF as line ends or inside quotes).
inline constexpr unsigned char kFirstTextByte = 0x20;

/// The first thing wrong with a record: the kind, the column it is in (or
/// kNoColumn) and, for byte problems, the offending byte and its offset.
struct Problem {
  ProblemKind kind;
  std::size_t column = kNoColumn;
  std::size_t offset = 0;
  unsigned char byte = 0;
};

/// Field boundaries of one record. The views are valid while the block the
/// record was scanned from is neither moved nor refilled.
class Record {
 public:
  /// `max_fields`: how many field positions to keep; more are only counted.
  explicit Record(std::size_t max_fields) : starts_(max_fields + 1) {}

  const char* begin = nullptr;        ///< first byte of the record
  const char* content_end = nullptr;  ///< end of the last field (before CR LF)
  const char* end = nullptr;          ///< one past the terminating '\n'
  std::uint32_t newlines = 0;         ///< '\n' bytes in the record (quoted too)
  bool terminated = false;            ///< ends with its own '\n'
  std::size_t field_count = 0;

  /// The field's bytes as written, quotes included. i < known_fields().
  // Always inlined: they run several times a row (perf showed calls).
  [[nodiscard, gnu::always_inline]] std::string_view raw(std::size_t i) const {
    return {begin + starts_[i], starts_[i + 1] - 1 - starts_[i]};
  }
  /// The field's text without surrounding quotes ("" stays doubled).
  [[nodiscard, gnu::always_inline]] std::string_view value(
      std::size_t i) const {
    std::string_view text = raw(i);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
      text = text.substr(1, text.size() - 2);
    }
    return text;
  }
  /// Fields whose bounds are known: all, or as many as the record keeps.
  [[nodiscard]] std::size_t known_fields() const { return known_; }
  [[nodiscard]] std::size_t size() const {
    return static_cast<std::size_t>(end - begin);
  }
  /// The column that byte `offset` (from begin) falls in.
  [[nodiscard]] std::size_t column_at(std::size_t offset) const;

 private:
  friend class RecordScanner;
  friend std::optional<Problem> scan_fields(const char* p, const char* limit,
                                            Record& record,
                                            const Dialect& dialect);
  /// Sets the end views, field count and sentinel once `begin` is set;
  /// `line_end` is the offset of the terminating '\n' (or the data's end).
  void finish(std::size_t line_end, bool has_newline, std::size_t count);

  std::size_t known_ = 0;
  std::vector<std::uint32_t>
      starts_;  ///< field i is [starts_[i], starts_[i+1]-1)
};

/// A record the scanner's fast path found with exactly the expected number
/// of fields and no byte needing care (so no quotes): the views of Record,
/// read straight from the scanner's list of comma offsets, with nothing
/// copied. Valid until the scanner lists its next chunk.
struct PlainRecord {
  const char* begin = nullptr;
  const char* content_end = nullptr;      ///< before its CR LF or LF
  const char* end = nullptr;              ///< one past its '\n'
  const char* block = nullptr;            ///< what the comma offsets count from
  const std::uint32_t* commas = nullptr;  ///< field i ends at commas[i]
  std::size_t last = 0;                   ///< the last field's index

  [[nodiscard, gnu::always_inline]] std::string_view raw(std::size_t i) const {
    const char* from = i == 0 ? begin : block + commas[i - 1] + 1;
    const char* to = i == last ? content_end : block + commas[i];
    return {from, static_cast<std::size_t>(to - from)};
  }
  [[nodiscard, gnu::always_inline]] std::string_view value(
      std::size_t i) const {
    return raw(i);
  }
  [[nodiscard]] std::size_t size() const {
    return static_cast<std::size_t>(end - begin);
  }

  /// The row from `begin` to the newline at offset `line_end` of `block`,
  /// its field i ending at commas[i], `last` its last field.
  [[nodiscard]] static PlainRecord at(const char* block, const char* begin,
                                      std::uint32_t line_end,
                                      const std::uint32_t* commas,
                                      std::size_t last) {
    const char* newline = block + line_end;
    PlainRecord record;
    record.begin = begin;
    record.content_end = newline - (newline[-1] == '\r' ? 1 : 0);
    record.end = newline + 1;
    record.block = block;
    record.commas = commas;
    record.last = last;
    return record;
  }
};

/// Sixteen plain rows in a row, each with the same number of fields: the
/// batch the vectorised rules (batch_rules.h) decide at once. Row r's field
/// i ends at commas[r * stride + i] (stride: a row's commas), the row at
/// newlines[r]. Valid until the scanner lists its next chunk.
struct PlainBatch {
  static constexpr std::size_t kRows = 16;
  const char* block = nullptr;
  const char* begin = nullptr;  ///< the first row's first byte
  const std::uint32_t* commas = nullptr;
  const std::uint32_t* newlines = nullptr;
  std::size_t stride = 0;

  [[nodiscard]] const char* end() const {
    return block + newlines[kRows - 1] + 1;
  }
  [[nodiscard]] std::size_t size() const {
    return static_cast<std::size_t>(end() - begin);
  }
  /// The size of its longest row, with its line end.
  [[nodiscard]] std::size_t longest_row() const {
    std::size_t longest =
        newlines[0] + 1 - static_cast<std::size_t>(begin - block);
    for (std::size_t r = 1; r < kRows; ++r)
      longest = std::max<std::size_t>(longest, newlines[r] - newlines[r - 1]);
    return longest;
  }
  /// Row r as a PlainRecord.
  [[nodiscard]] PlainRecord row(std::size_t r) const {
    return PlainRecord::at(block, r == 0 ? begin : block + newlines[r - 1] + 1,
                           newlines[r], commas + r * stride, stride);
  }
};

}  // namespace flowclean
