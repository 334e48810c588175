#include "scan/header.h"

#include <fmt/format.h>

#include "flowclean/error.h"
#include "scan/checked_scan.h"
#include "scan/record_scanner.h"

namespace flowclean {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::size_t kMaxHeaderColumns = 4096;

}  // namespace

Schema parse_header(std::string_view header, const std::string& input,
                    const Format* format) {
  if (header.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    header.remove_prefix(kUtf8Bom.size());
  }
  std::string padded(header);
  padded.append(kScanPadding, '\0');
  Record record(kMaxHeaderColumns);
  const auto problem =
      scan_checked(padded.data(), padded.data() + header.size(), record);
  if (problem) {
    throw Error(input, 1,
                fmt::format("header is not valid CSV text ({})",
                            problem_name(problem->kind)));
  }
  if (record.field_count > kMaxHeaderColumns) {
    throw Error(
        input, 1,
        fmt::format("header has more than {} columns", kMaxHeaderColumns));
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < record.field_count; ++i) {
    names.emplace_back(record.value(i));
  }
  try {
    return make_schema(std::move(names), format);
  } catch (const Error& error) {
    throw Error(input, 1, error.what());
  }
}

}  // namespace flowclean
