// Fuzz target for the model reader (clean --model, learn --merge): the
// promises of reader_checks.h, and every model read builds a Model. With
// the first byte's low bit, the rest is given a valid 'end' line first, so
// the fuzzer gets past the checksum to the line parser; without it, damaged
// trailers are fuzzed too. With the third bit the rest is read as a binary
// model instead (refused or read, never a crash); with the second, a model
// read is written in binary and read back to the same evidence.
#include <cstdint>
#include <string>

#include "learn/model.h"
#include "learn/model_binary.h"
#include "learn/model_file.h"
#include "learn/model_parse.h"
#include "reader_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size == 0)
    return 0;
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  if ((data[0] & 4) != 0) {
    (void)flowclean::fuzz::read_or_refused(
        [](const std::string& b) {
          return flowclean::parse_binary_model(b, "m.fcm");
        },
        text);
    return 0;
  }
  if ((data[0] & 1) != 0) {
    if (!text.empty() && text.back() != '\n')
      text.push_back('\n');
    text = flowclean::with_model_trailer(std::move(text));
  }
  auto evidence = flowclean::fuzz::check_reader(
      text, [](const std::string& t) { return flowclean::parse_model(t, "m"); },
      [](const flowclean::Evidence& e) { return flowclean::render_model(e); },
      [](flowclean::Evidence& into, const flowclean::Evidence& from) {
        into.merge(from);
      });
  if (!evidence)
    return 0;
  if ((data[0] & 2) != 0) {
    const std::string binary = flowclean::render_binary_model(*evidence);
    flowclean::fuzz::require(
        flowclean::render_model(flowclean::parse_binary_model(binary, "m")) ==
        flowclean::render_model(*evidence));
  }
  const flowclean::Model model(std::move(*evidence));
  (void)model.service_ports();
  (void)model.probing_hosts();
  return 0;
}
