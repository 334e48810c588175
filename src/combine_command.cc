// `flowclean combine`: summaries of separate runs added into one.
#include <cstdio>
#include <map>

#include <fmt/format.h>

#include "commands.h"
#include "flowclean/error.h"
#include "flowclean/sink.h"
#include "flowclean/source.h"
#include "flowclean/summary.h"

namespace flowclean {

namespace {

/// A chunk whose summary is given twice (a file listed twice, or a rerun's
/// summary next to the first run's) would count its rows twice, silently.
void check_not_counted_twice(
    const Summary& summary, const std::string& file,
    std::map<std::string, std::string>& first_seen_in) {
  for (const InputCounts& input : summary.inputs) {
    if (input.name == kStdinName)
      continue;  // separate runs may all have read stdin
    const auto [seen, fresh] = first_seen_in.emplace(input.name, file);
    if (!fresh) {
      throw Error(file, 0,
                  fmt::format("input {} is also in {}: its rows would count "
                              "twice",
                              input.name, seen->second));
    }
  }
}

}  // namespace

int run_combine(const CombineCommand& command) {
  check_outputs(named({{"-o", command.output}}), command.inputs);
  Summary total;
  std::map<std::string, std::string> first_seen_in;
  for (const std::string& file : command.inputs) {
    const Summary summary = read_summary_file(file);
    check_not_counted_twice(summary, file, first_seen_in);
    total.merge(summary);
  }
  const std::string json = render_summary_json(total);
  if (command.output.empty()) {
    auto out = stdout_sink();
    out->write(json);
    out->commit();
  } else {
    write_file(command.output, json);
  }
  if (!command.quiet)
    std::fputs(render_summary_text(total).c_str(), stderr);
  return static_cast<int>(ExitCode::kSuccess);
}

}  // namespace flowclean
