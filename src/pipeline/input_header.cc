#include "pipeline/input_header.h"

#include <algorithm>

#include "common/text.h"
#include "formats/builtin.h"
#include "pipeline/row_policy.h"
#include "scan/header.h"
#include "scan/record.h"

namespace flowclean {

namespace {

// The comment prefix whose lines make up the header, when the first line
// starts with one: the asked format's, or a built-in's for --format auto.
// Blanks before it are allowed: a real conn.log was seen with a TAB first.
std::string header_comment(std::string_view first, const Format* format) {
  first.remove_prefix(std::min(first.size(), first.find_first_not_of(" \t")));
  const auto starts = [first](const Format& f) {
    return !f.header_line.empty() && starts_with(first, f.comment);
  };
  if (format != nullptr)
    return starts(*format) ? format->comment : std::string();
  for (const Format& candidate : builtin_formats()) {
    if (starts(candidate))
      return candidate.comment;
  }
  return {};
}

// A format without a header line, as many of its columns as the first
// line has fields: UNSW-NB15 copies circulate cut to fewer than its 49.
// Never fewer than the columns the format reads and flips.
Format fitted_columns(const Format& format, std::string_view first) {
  Format fitted = format;
  const std::size_t fields =
      1 + static_cast<std::size_t>(std::count(
              first.begin(), first.end(), format.dialects.front().separator));
  std::size_t needed = 0;
  for (const std::string& column : format.required()) {
    const auto at =
        std::find(format.columns.begin(), format.columns.end(), column);
    needed = std::max(
        needed, static_cast<std::size_t>(at - format.columns.begin()) + 1);
  }
  if (fields < fitted.columns.size() && fields >= needed)
    fitted.columns.resize(fields);
  return fitted;
}

}  // namespace

std::optional<InputHeader> read_input_header(BlockReader& reader,
                                             const std::string& input,
                                             const Format* format) {
  std::string header = reader.read_header();
  const std::string comment = header_comment(header, format);
  if (!comment.empty())
    header += reader.read_lines_starting(comment);
  std::optional<Format> fitted;
  if (format != nullptr && !format->columns.empty()) {
    fitted = fitted_columns(*format, header);
    format = &*fitted;
    reader.put_back(header);  // no header line: the first line is a row
    header.clear();
  } else if (header.empty()) {
    return std::nullopt;
  }
  InputHeader result{header, parse_header(header, input, format)};
  if (result.schema.dialect.json) {
    reader.put_back(result.bytes);  // JSON lines: the first line is a row
    result.bytes.clear();
  }
  reader.set_dialect(result.schema.dialect);
  if (!result.schema.trailer.empty())
    reader.set_trailer(result.schema.trailer);
  return result;
}

std::string annotated_header(std::string_view header, const Schema& schema) {
  const char sep = schema.dialect.separator;
  if (schema.header_line.empty())
    return with_columns_before_line_end(header, sep, "flowcleanAction",
                                        "flowcleanRule");
  // Zeek: the names on #fields, their types (both strings) on #types.
  const std::string types = schema.comment + "types" + sep;
  std::string out;
  while (!header.empty()) {
    const std::size_t end = header.find('\n');
    const std::string_view line =
        header.substr(0, end == std::string_view::npos ? end : end + 1);
    header.remove_prefix(line.size());
    if (starts_with(line, schema.header_line + sep)) {
      out += with_columns_before_line_end(line, sep, "flowcleanAction",
                                          "flowcleanRule");
    } else if (starts_with(line, types)) {
      out += with_columns_before_line_end(line, sep, "string", "string");
    } else {
      out += line;
    }
  }
  return out;
}

}  // namespace flowclean
