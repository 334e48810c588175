// Fuzz target for the summary reader (flowclean combine): any bytes either
// are refused with flowclean::Error or read as a summary that agrees with
// itself, writes back as JSON that reads back the same, and adds to itself
// into a summary that still agrees with itself (or refuses a count that
// would wrap).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "flowclean/error.h"
#include "flowclean/summary.h"

namespace {

void require(bool condition) {
  if (!condition)
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  flowclean::Summary summary;
  try {
    summary = flowclean::parse_summary_json(text, "fuzz.json");
  } catch (const flowclean::Error&) {
    return 0;
  }
  const std::string written = flowclean::render_summary_json(summary);
  require(flowclean::render_summary_json(
              flowclean::parse_summary_json(written, "fuzz.json")) == written);
  flowclean::Summary twice = summary;
  try {
    twice.merge(summary);
  } catch (const flowclean::Error&) {
    return 0;  // a count past 2^64 - 1: refused, as it should be
  }
  flowclean::check_summary(twice, "twice");  // throws, so aborts, if not
  return 0;
}
