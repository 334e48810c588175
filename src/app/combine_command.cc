// `flowclean combine`: summaries of separate runs added into one.
#include <cstdio>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "app/command_support.h"
#include "app/commands.h"
#include "flowclean/error.h"
#include "flowclean/summary.h"
#include "io/output_guard.h"
#include "io/sink.h"
#include "io/source.h"

namespace flowclean {

namespace {

/// A chunk whose summary is given twice (a file listed twice, or a rerun's
/// summary next to the first run's) would count its rows twice, silently.
/// Within one summary an input may stand twice: that run read it twice.
class InputsSeen {
 public:
  void add(const Summary& summary, const std::string& file) {
    std::map<std::string, const std::string*> here;
    for (const InputCounts& input : summary.inputs) {
      if (input.name == kStdinName)
        continue;  // separate runs may all have read stdin
      // `data/C1.csv`, `./data/C1.csv` and its absolute path are one chunk.
      here.emplace(file_key(input.name), &input.name);
    }
    for (const auto& [identity, name] : here) {
      const auto [seen, fresh] = first_seen_in_.emplace(identity, file);
      if (!fresh) {
        throw Error(file, 0,
                    fmt::format("input {} is also in {}: its rows would count "
                                "twice",
                                *name, seen->second));
      }
    }
  }

 private:
  std::map<std::string, std::string> first_seen_in_;
};

/// Learned rules and the default rules decide differently: a total of both
/// would describe no run, and its rule table would mix two rule sets.
void check_same_rules(const Summary& summary, const std::string& file,
                      const Summary& first, const std::string& first_file) {
  if (summary.learned == first.learned)
    return;
  const auto rules = [](const Summary& s) {
    return s.learned ? "learned rules (--learn or --model)"
                     : "the default rules";
  };
  throw Error(file, 0,
              fmt::format("cleaned with {}, but {} with {}: combine the "
                          "summaries of each kind apart",
                          rules(summary), first_file, rules(first)));
}

}  // namespace

Summary add_summaries(const std::vector<std::string>& files) {
  Summary total;
  InputsSeen seen;
  std::optional<Summary> first;
  for (const std::string& file : files) {
    const Summary summary = read_summary_file(file);
    if (first)
      check_same_rules(summary, file, *first, files.front());
    else
      first = summary;
    seen.add(summary, file);
    total.merge(summary);
  }
  return total;
}

int run_combine(const CombineCommand& command) {
  check_outputs(named({{"-o", command.output}}), command.inputs);
  const Summary total = add_summaries(command.inputs);
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
