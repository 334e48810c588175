// `flowclean learn` and `flowclean stats`.
#include <algorithm>
#include <cstdio>

#include "app/commands.h"
#include "flowclean/error.h"
#include "flowclean/learn.h"
#include "io/output_guard.h"
#include "learn/model_file.h"
#include "report/learn_report.h"

namespace flowclean {

namespace {

constexpr unsigned kLearnReportTop = 10;

CleanOptions reading_options(const std::string& on_error, unsigned threads) {
  CleanOptions options;
  options.rows.on_error = on_error_mode(on_error);
  options.threads = worker_threads(threads);
  return options;
}

}  // namespace

int run_learn(const LearnCommand& command) {
  if (command.output.empty() && command.model.empty())
    throw UsageError("learn needs -o FILE, --model FILE or both");
  std::vector<std::string> reads = command.inputs;
  reads.insert(reads.end(), command.merge.begin(), command.merge.end());
  check_outputs(named({{"-o", command.output},
                       {"--model", command.model},
                       {"--rejects", command.rejects}}),
                reads);
  Evidence evidence;
  // Models first, then inputs; --merge alone reads no CSV at all.
  for (const std::string& path : command.merge)
    evidence.merge(read_model_file(path));
  std::unique_ptr<Sink> rejects;
  if (!command.inputs.empty() || command.merge.empty()) {
    CleanOptions options = reading_options(command.on_error, command.threads);
    rejects = open_rejects(command.rejects, command.on_error);
    std::optional<ProgressLine> progress;
    show_progress(command.progress, command.quiet, options, progress);
    auto sources = open_inputs(command.inputs);
    Learned learned = learn(pointers(sources), rejects.get(), options);
    if (progress)
      progress->finish();
    if (command.merge.empty())
      evidence = std::move(learned.evidence);  // no copy of its tables
    else
      evidence.merge(learned.evidence);
  }
  const Model model(std::move(evidence));
  auto model_file = open_file_or_none(command.model);
  auto ports_file = open_file_or_none(command.output);
  if (model_file)
    model_file->write(render_model(model.evidence()));
  if (ports_file)
    ports_file->write(render_service_ports_file(model));
  commit_together({rejects.get(), model_file.get(), ports_file.get()});
  if (!command.quiet)
    std::fputs(render_learn_text(model, kLearnReportTop).c_str(), stderr);
  return static_cast<int>(ExitCode::kSuccess);
}

int run_stats(const StatsCommand& command) {
  if (std::find(command.inputs.begin(), command.inputs.end(), "-") !=
          command.inputs.end() ||
      command.inputs.empty()) {
    throw UsageError("stats reads its inputs three times: stdin cannot be one");
  }
  require_rereadable(command.inputs, "stats");
  std::vector<std::string> reads = command.inputs;
  if (!command.model.empty())
    reads.push_back(command.model);
  check_outputs(named({{"--rejects", command.rejects}}), reads);
  CleanOptions options = reading_options(command.on_error, command.threads);
  auto rejects = open_rejects(command.rejects, command.on_error);
  std::optional<ProgressLine> progress;
  show_progress(command.progress, false, options, progress);
  auto sources = open_inputs(command.inputs);
  Learned learned = learn(pointers(sources), rejects.get(), options);
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
  options.rows.model = saved ? &*saved : &recorded;
  sources = open_inputs(command.inputs);
  const Summary with_model =
      clean(pointers(sources), discard, nullptr, options);
  if (progress)
    progress->finish();
  std::fputs(
      render_stats(recorded, by_default, with_model, command.top).c_str(),
      stdout);
  return static_cast<int>(ExitCode::kSuccess);
}

}  // namespace flowclean
