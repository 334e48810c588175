// Messages for malformed rows: what is wrong, in which column, with the value.
#include "pipeline/problem_text.h"

#include <fmt/format.h>

namespace flowclean {

namespace {

constexpr std::size_t kShownValueBytes = 40;

// The value as it can be shown on a terminal: control and non-ASCII bytes
// escaped, long values cut.
std::string printable(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size() && i < kShownValueBytes; ++i) {
    const auto byte = static_cast<unsigned char>(value[i]);
    if (byte < 0x20 || byte >= 0x7F || byte == '\\') {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out.push_back(static_cast<char>(byte));
    }
  }
  if (value.size() > kShownValueBytes)
    out += "...";
  return out;
}

std::string column_name(const Schema& schema, std::size_t column) {
  if (column < schema.columns())
    return schema.names[column];
  return fmt::format("{}", column + 1);
}

// The kinds whose message shows the column's value.
bool shows_value(ProblemKind kind) {
  return kind == ProblemKind::kBadPort || kind == ProblemKind::kBadProtocol;
}

// `value`: the problem column's value (ports, protocols); `fields`: how
// many the row has (field-count).
std::string describe(const Problem& problem, std::string_view value,
                     std::size_t fields, const Schema& schema,
                     std::size_t max_row_bytes) {
  const std::string column = column_name(schema, problem.column);
  // A JSON row's byte problems may lie outside any member.
  const std::string where =
      problem.column == kNoColumn ? "" : fmt::format("column {}: ", column);
  switch (problem.kind) {
    case ProblemKind::kFieldCount:
      return fmt::format("expected {} fields, found {}", schema.columns(),
                         fields);
    case ProblemKind::kBadPort:
      return fmt::format("column {}: '{}' is not a port (0-65535)", column,
                         printable(value));
    case ProblemKind::kBadProtocol:
      return fmt::format("column {}: '{}' is not a protocol number (0-255)",
                         column, printable(value));
    case ProblemKind::kNotJson:
      if (problem.byte == 0) {
        return fmt::format(
            "not a JSON object: it ends at byte {} of the "
            "row, inside the object",
            problem.offset + 1);
      }
      return fmt::format(
          "not a JSON object: '{}' at byte {} of the row",
          printable(std::string(1, static_cast<char>(problem.byte))),
          problem.offset + 1);
    case ProblemKind::kNulByte:
      return fmt::format("{}NUL byte at byte {} of the row", where,
                         problem.offset + 1);
    case ProblemKind::kControlByte:
      return fmt::format("{}control byte 0x{:02x} at byte {} of the row", where,
                         problem.byte, problem.offset + 1);
    case ProblemKind::kNotUtf8:
      return fmt::format(
          "column {}: byte 0x{:02x} at byte {} of the row is not UTF-8 text",
          column, problem.byte, problem.offset + 1);
    case ProblemKind::kBadQuoting:
      if (problem.byte == 0) {
        return fmt::format("column {}: quoted field is never closed", column);
      }
      return fmt::format("column {}: text after the closing quote at byte {}",
                         column, problem.offset + 1);
    case ProblemKind::kRowTooLong:
      break;
  }
  return row_too_long_text(max_row_bytes);
}

}  // namespace

std::string describe_problem(const Problem& problem, const Record& record,
                             const Schema& schema, std::size_t max_row_bytes) {
  const bool has_value = shows_value(problem.kind);
  return describe(problem, has_value ? record.value(problem.column) : "",
                  record.field_count, schema, max_row_bytes);
}

std::string describe_problem(const Problem& problem, const JsonRow& row,
                             const Schema& schema, std::size_t max_row_bytes) {
  const bool has_value = shows_value(problem.kind);
  // Zeek leaves unset fields out: a missing key is said as such.
  if (has_value && !row.present(problem.column)) {
    return fmt::format("column {}: the object has no member of that name",
                       column_name(schema, problem.column));
  }
  return describe(problem, has_value ? row.value(problem.column) : "", 0,
                  schema, max_row_bytes);
}

std::string row_too_long_text(std::size_t max_row_bytes) {
  return fmt::format("row is longer than the limit of {} bytes", max_row_bytes);
}

}  // namespace flowclean
