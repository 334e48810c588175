// `flowclean learn`: one pass over the inputs, a model and a report.
#include <cstdio>

#include "app/command_support.h"
#include "app/commands.h"
#include "flowclean/error.h"
#include "flowclean/learn.h"
#include "learn/model_binary.h"
#include "learn/model_file.h"
#include "learn/model_parse.h"
#include "report/learn_report.h"

namespace flowclean {

namespace {

constexpr unsigned kLearnReportTop = 10;

}  // namespace

int run_learn(const LearnCommand& command) {
  if (command.output.empty() && command.model.empty() &&
      command.binary_model.empty())
    throw UsageError(
        "learn needs -o FILE, --model FILE or --binary-model FILE");
  std::vector<std::string> reads = command.inputs;
  reads.insert(reads.end(), command.merge.begin(), command.merge.end());
  if (!command.format_file.empty())
    reads.push_back(command.format_file);
  check_outputs(named({{"-o", command.output},
                       {"--model", command.model},
                       {"--binary-model", command.binary_model},
                       {"--rejects", command.rejects}}),
                reads);
  Evidence evidence;
  // Models first, then inputs; --merge alone reads no CSV at all.
  for (const std::string& path : command.merge)
    evidence.merge(read_model_file(path));
  std::unique_ptr<Sink> rejects;
  if (!command.inputs.empty() || command.merge.empty()) {
    CleanOptions options = reading_options(command.on_error, command.threads);
    std::optional<Format> described;
    options.format =
        chosen_format(command.format, command.format_file, described);
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
  auto binary_file = open_file_or_none(command.binary_model);
  auto ports_file = open_file_or_none(command.output);
  if (model_file)
    model_file->write(render_model(model.evidence()));
  if (binary_file)
    binary_file->write(render_binary_model(model.evidence()));
  if (ports_file)
    ports_file->write(render_service_ports_file(model));
  commit_together(
      {rejects.get(), model_file.get(), binary_file.get(), ports_file.get()});
  if (!command.quiet)
    std::fputs(render_learn_text(model, kLearnReportTop).c_str(), stderr);
  return static_cast<int>(ExitCode::kSuccess);
}

}  // namespace flowclean
