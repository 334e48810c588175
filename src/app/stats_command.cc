// `flowclean stats`: the tables of a learn pass, without a model.
#include <algorithm>
#include <cstdio>
#include <optional>

#include "app/command_support.h"
#include "app/commands.h"
#include "flowclean/error.h"
#include "flowclean/learn.h"
#include "learn/model_file.h"
#include "learn/model_parse.h"
#include "report/learn_report.h"

namespace flowclean {

int run_stats(const StatsCommand& command) {
  if (std::find(command.inputs.begin(), command.inputs.end(), "-") !=
          command.inputs.end() ||
      command.inputs.empty()) {
    throw UsageError("stats reads its inputs three times: stdin cannot be one");
  }
  require_rereadable(command.inputs, "stats");
  std::vector<std::string> reads = command.inputs;
  for (const std::string* extra : {&command.model, &command.format_file}) {
    if (!extra->empty())
      reads.push_back(*extra);
  }
  check_outputs(named({{"--rejects", command.rejects}}), reads);
  CleanOptions options = reading_options(command.on_error, command.threads);
  std::optional<Format> described;
  options.format =
      chosen_format(command.format, command.format_file, described);
  auto rejects = open_rejects(command.rejects, command.on_error);
  std::optional<ProgressLine> progress;
  show_progress(command.progress, false, options, progress);
  auto sources = open_inputs(command.inputs);
  options.ports_without_payload = true;
  Learned learned = learn(pointers(sources), rejects.get(), options);
  options.ports_without_payload = false;
  if (rejects)
    rejects->commit();
  const Model recorded(std::move(learned.evidence));
  const std::optional<Model> saved =
      command.model.empty()
          ? std::nullopt
          : std::optional<Model>(Model(read_model_file(command.model)));
  DiscardSink discard;
  sources = open_inputs(command.inputs);
  const Summary by_default =
      clean(pointers(sources), discard, nullptr, options);
  // Without payload there is nothing learned to clean with: the learned
  // columns say why instead (render_stats).
  std::optional<Summary> with_model;
  if (learned.summary.format_without_payload.empty()) {
    options.rows.model = saved ? &*saved : &recorded;
    sources = open_inputs(command.inputs);
    with_model = clean(pointers(sources), discard, nullptr, options);
  }
  if (progress)
    progress->finish();
  std::fputs(render_stats(recorded, by_default, with_model,
                          learned.summary.format_without_payload, command.top)
                 .c_str(),
             stdout);
  return static_cast<int>(ExitCode::kSuccess);
}

}  // namespace flowclean
