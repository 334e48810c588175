// Fuzz target for the summary reader (flowclean combine): the promises of
// reader_checks.h, and a summary added to itself still agrees with itself;
// any summary the reader takes draws a report (flowclean report), whose
// counts after cleaning cannot go below 0 since the reader checked them.
#include <cstdint>
#include <string>

#include "flowclean/error.h"
#include "flowclean/summary.h"
#include "reader_checks.h"
#include "report/report_html.h"

namespace {

bool agrees_with_itself(const flowclean::Summary& summary) {
  try {
    flowclean::check_summary(summary, "twice");
    return true;
  } catch (const flowclean::Error&) {
    return false;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto summary = flowclean::fuzz::check_reader(
      text,
      [](const std::string& t) {
        return flowclean::parse_summary_json(t, "s");
      },
      [](const flowclean::Summary& s) {
        return flowclean::render_summary_json(s);
      },
      [](flowclean::Summary& into, const flowclean::Summary& from) {
        into.merge(from);  // may refuse a count past 2^64 - 1
        flowclean::fuzz::require(agrees_with_itself(into));
      });
  if (summary) {
    const std::string page = flowclean::render_report_html(*summary, nullptr);
    flowclean::fuzz::require(page.find("</html>") != std::string::npos);
  }
  return 0;
}
