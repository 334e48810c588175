#include "scan/header.h"

#include <algorithm>

#include <fmt/format.h>

#include "common/text.h"
#include "flowclean/error.h"
#include "formats/builtin.h"
#include "scan/checked_scan.h"
#include "scan/record_scanner.h"

namespace flowclean {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::size_t kMaxHeaderColumns = 4096;

}  // namespace

namespace {

// A header line's names as `format` splits it in `dialect`; nullopt when
// it has no line of the shape (a Zeek header-line) the format needs.
// Throws Error on text that is not a header.
std::optional<std::vector<std::string>> names_in(std::string_view header,
                                                 const Format& format,
                                                 const Dialect& dialect,
                                                 const std::string& input) {
  std::uint64_t line_number = 1;
  if (!format.header_line.empty()) {
    const std::string start = format.header_line + dialect.separator;
    std::size_t at = 0;
    while (header.compare(at, start.size(), start) != 0) {
      at = header.find('\n', at);
      if (at == std::string_view::npos)
        return std::nullopt;
      ++at;
      ++line_number;
    }
    header = header.substr(at + start.size());
    header = header.substr(0, header.find('\n') + 1);
  }
  std::string padded(header);
  padded.append(kScanPadding, '\0');
  Record record(kMaxHeaderColumns);
  const auto problem =
      scan_checked(padded.data(), padded.data() + header.size(), record,
                   kNoRowLimit, dialect);
  if (problem) {
    throw Error(input, line_number,
                fmt::format("header is not valid {} text ({})",
                            dialect.quoting ? "CSV" : "separated",
                            problem_name(problem->kind)));
  }
  if (record.field_count > kMaxHeaderColumns) {
    throw Error(
        input, line_number,
        fmt::format("header has more than {} columns", kMaxHeaderColumns));
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < record.field_count; ++i) {
    std::string_view name = record.value(i);
    if (format.padded)
      name = trim_blanks(name);
    names.emplace_back(name);
  }
  return names;
}

// Errors from the schema come without a place: the header's line 1.
Schema schema_named(std::vector<std::string> names, const Format& format,
                    const Dialect& dialect, const std::string& input) {
  try {
    Schema schema = make_schema(std::move(names), &format);
    schema.dialect = dialect;
    return schema;
  } catch (const Error& error) {
    throw Error(input, 1, error.what());
  }
}

/// How `header` fails to fit `format` in any of its dialects ("column 'x'",
/// "line '#fields'"); empty when it fits, with `schema` set.
std::string fit(std::string_view header, const Format& format,
                const std::string& input, std::optional<Schema>& schema) {
  if (!format.columns.empty()) {
    schema =
        schema_named(format.columns, format, format.dialects.front(), input);
    return {};
  }
  std::string why;
  for (const Dialect& dialect : format.dialects) {
    if (dialect.json) {
      // No header: the first line is a row, its members found by key.
      if (starts_with(trim_blanks(header), "{")) {
        std::vector<std::string> names = format.named();
        // Output of --annotate: named as a header would name them, so a
        // second --annotate is refused as it is for CSV (clean.cc).
        if (header.find("\"flowcleanAction\"") != std::string_view::npos) {
          names.emplace_back("flowcleanAction");
          names.emplace_back("flowcleanRule");
        }
        schema = schema_named(std::move(names), format, dialect, input);
        schema->headerless = true;
        return {};
      }
      if (why.empty())
        why = "JSON object";
      continue;
    }
    const auto names = names_in(header, format, dialect, input);
    const std::string missing =
        names ? first_missing(format, *names) : format.header_line;
    if (names && missing.empty()) {
      schema = schema_named(*names, format, dialect, input);
      return {};
    }
    if (why.empty()) {
      why = names ? fmt::format("column '{}'", missing)
                  : fmt::format("line '{}'", missing);
    }
  }
  return why;
}

}  // namespace

Schema parse_header(std::string_view header, const std::string& input,
                    const Format* format) {
  if (header.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    header.remove_prefix(kUtf8Bom.size());
  }
  std::optional<Schema> schema;
  if (format != nullptr) {
    const std::string why = fit(header, *format, input, schema);
    if (!why.empty()) {
      throw Error(
          input, 1,
          fmt::format("header has no {} (format {})", why, format->name));
    }
    return *schema;
  }
  std::string why;
  // A JSON object is no CSV header: only formats that read JSON lines try.
  const bool json = starts_with(trim_blanks(header), "{");
  for (const Format& candidate : builtin_formats()) {
    const bool reads_json =
        std::any_of(candidate.dialects.begin(), candidate.dialects.end(),
                    [](const Dialect& d) { return d.json; });
    if (json && !reads_json)
      continue;
    if (!candidate.columns.empty()) {
      // No header to know it by: only by name.
      why +=
          fmt::format("{}{} has no header line (--format {})",
                      why.empty() ? "" : "; ", candidate.name, candidate.name);
      continue;
    }
    const std::string missing = fit(header, candidate, input, schema);
    if (missing.empty())
      return *schema;
    why += fmt::format("{}{} lacks {}", why.empty() ? "" : "; ", candidate.name,
                       missing);
  }
  throw Error(input, 1,
              fmt::format("header matches no format: {}. 'flowclean formats' "
                          "lists them; describe another layout with "
                          "--format-file",
                          why));
}

}  // namespace flowclean
