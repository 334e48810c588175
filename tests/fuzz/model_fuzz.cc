// Fuzz target for the model reader (clean --model, learn --merge): any
// bytes either are refused with flowclean::Error or read as a model that
// writes back canonically, merges with itself (or refuses a count that
// would wrap) and builds a Model. With the first byte's low bit, the rest
// is given a valid 'end' line first, so the fuzzer gets past the checksum
// to the line parser; without it, damaged trailers are fuzzed too.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "flowclean/error.h"
#include "flowclean/model.h"
#include "flowclean/model_file.h"

namespace {

void require(bool condition) {
  if (!condition)
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size == 0)
    return 0;
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  if ((data[0] & 1) != 0) {
    if (!text.empty() && text.back() != '\n')
      text.push_back('\n');
    text = flowclean::with_model_trailer(std::move(text));
  }
  flowclean::Evidence evidence;
  try {
    evidence = flowclean::parse_model(text, "fuzz.model");
  } catch (const flowclean::Error&) {
    return 0;
  }
  // Whatever was read writes back as a model that reads back the same.
  const std::string written = flowclean::render_model(evidence);
  require(flowclean::render_model(
              flowclean::parse_model(written, "fuzz.model")) == written);
  flowclean::Evidence twice = evidence;
  try {
    twice.merge(evidence);
    require(twice.rows() >= evidence.rows());
  } catch (const flowclean::Error&) {
    // a count past 2^64 - 1: refused, as it should be
  }
  const flowclean::Model model(std::move(evidence));
  (void)model.service_ports();
  (void)model.probing_hosts();
  return 0;
}
