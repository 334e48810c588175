// `flowclean clean`: the options as a run of clean(), its outputs committed
// together.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "app/command_support.h"
#include "app/commands.h"
#include "flowclean/clean.h"
#include "flowclean/error.h"
#include "flowclean/learn.h"
#include "io/compression.h"
#include "io/output_guard.h"
#include "learn/model_file.h"
#include "learn/model_parse.h"
#include "report/report_html.h"
#include "rules/service_ports_file.h"

namespace flowclean {

namespace {

PortPolicy port_policy(const CleanCommand& command) {
  std::vector<Port> ports(std::begin(kDefaultServicePorts),
                          std::end(kDefaultServicePorts));
  if (!command.service_ports.empty()) {
    ports = parse_port_list(command.service_ports);
  } else if (!command.service_ports_file.empty()) {
    ports = read_service_ports_file(command.service_ports_file);
  }
  return PortPolicy(ports, static_cast<Port>(command.ephemeral_min));
}

std::string out_dir_path(const std::string& dir, const std::string& input) {
  return (std::filesystem::path(dir) / std::filesystem::path(input).filename())
      .string();
}

void check_usage(const CleanCommand& command,
                 const std::vector<std::string>& inputs) {
  std::map<std::string, const std::string*> outputs;
  for (const std::string& input : inputs) {
    if (input == "-" && !command.out_dir.empty())
      throw UsageError("--out-dir cannot name an output for stdin");
    if (input == "-" && command.learn)
      throw UsageError("--learn reads its inputs twice: stdin cannot be one");
    if (command.out_dir.empty())
      continue;
    // Two inputs named alike in different folders: one output would
    // silently replace the other.
    const auto [seen, fresh] =
        outputs.emplace(out_dir_path(command.out_dir, input), &input);
    if (!fresh) {
      throw UsageError(fmt::format(
          "--out-dir: {} and {} have the same file name: one output would "
          "replace the other",
          *seen->second, input));
    }
  }
}

}  // namespace

namespace {

CleanOptions clean_options(const CleanCommand& command) {
  CleanOptions options;
  options.rows.ports = port_policy(command);
  options.rows.on_error = on_error_mode(command.on_error);
  options.rows.annotate = command.annotate;
  options.rows.count_ports =
      !command.summary_json.empty() || !command.report.empty();
  options.threads = worker_threads(command.threads);
  return options;
}

/// The sinks of a run and which input goes to which.
struct Outputs {
  std::vector<std::unique_ptr<Sink>> sinks;
  std::vector<CleanTarget> targets;
};

Outputs open_outputs(const CleanCommand& command,
                     const std::vector<std::string>& inputs,
                     const std::vector<std::unique_ptr<ByteSource>>& sources) {
  Outputs outputs;
  if (!command.out_dir.empty()) {
    std::filesystem::create_directories(command.out_dir);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const std::string path = out_dir_path(command.out_dir, inputs[i]);
      outputs.sinks.push_back(compressed(atomic_file_sink(path), path));
      outputs.targets.push_back({sources[i].get(), outputs.sinks.back().get()});
    }
    return outputs;
  }
  outputs.sinks.push_back(
      command.output.empty()
          ? stdout_sink()
          : compressed(atomic_file_sink(command.output), command.output));
  for (const auto& source : sources) {
    outputs.targets.push_back({source.get(), outputs.sinks[0].get()});
  }
  return outputs;
}

}  // namespace

namespace {

/// --model reads a saved model; --learn makes one in a first pass over the
/// inputs (so every chunk is cleaned with what all chunks showed).
std::optional<Model> model_for(const CleanCommand& command,
                               const std::vector<std::string>& inputs,
                               const CleanOptions& options) {
  if (!command.model.empty())
    return Model(read_model_file(command.model));
  if (!command.learn)
    return std::nullopt;
  CleanOptions quiet = options;
  quiet.on_progress = nullptr;
  auto sources = open_inputs(inputs);
  return Model(learn(pointers(sources), nullptr, quiet).evidence);
}

/// Every file `clean` writes, for check_outputs before any is opened.
std::vector<NamedOutput> clean_outputs(const CleanCommand& command,
                                       const std::vector<std::string>& inputs) {
  std::vector<NamedOutput> outputs =
      named({{"-o", command.output},
             {"--rejects", command.rejects},
             {"--summary-json", command.summary_json},
             {"--report", command.report}});
  if (!command.out_dir.empty()) {
    for (const std::string& input : inputs)
      outputs.push_back({"--out-dir", out_dir_path(command.out_dir, input)});
  }
  return outputs;
}

/// The files `clean` reads: the CSV inputs and the model or port list.
std::vector<std::string> clean_reads(const CleanCommand& command,
                                     std::vector<std::string> inputs) {
  for (const std::string* extra :
       {&command.model, &command.service_ports_file, &command.format_file}) {
    if (!extra->empty())
      inputs.push_back(*extra);
  }
  return inputs;
}

}  // namespace

int run_clean(const CleanCommand& command) {
  std::vector<std::string> inputs = command.inputs;
  if (inputs.empty())
    inputs.push_back("-");
  check_usage(command, inputs);
  check_outputs(clean_outputs(command, inputs), clean_reads(command, inputs));
  if (command.learn)
    require_rereadable(inputs, "--learn");
  CleanOptions options = clean_options(command);
  std::optional<Format> described;
  options.format =
      chosen_format(command.format, command.format_file, described);
  std::unique_ptr<Sink> rejects =
      open_rejects(command.rejects, command.on_error);
  const std::optional<Model> model = model_for(command, inputs, options);
  options.rows.model = model ? &*model : nullptr;
  auto sources = open_inputs(inputs);
  Outputs outputs = open_outputs(command, inputs, sources);
  // After --out-dir made its folder, which the summary may be in.
  std::unique_ptr<Sink> summary_json = open_file_or_none(command.summary_json);
  std::unique_ptr<Sink> report = open_file_or_none(command.report);
  std::optional<ProgressLine> progress;
  show_progress(command.progress, command.quiet, options, progress);
  const Summary summary = clean(outputs.targets, rejects.get(), options);
  if (progress)
    progress->finish();
  if (summary_json)
    summary_json->write(render_summary_json(summary));
  if (report)
    report->write(render_report_html(summary, options.rows.model));
  std::vector<Sink*> all{rejects.get(), summary_json.get(), report.get()};
  for (auto& sink : outputs.sinks) all.push_back(sink.get());
  commit_together(all);
  if (!command.quiet)
    std::fputs(render_summary_text(summary).c_str(), stderr);
  return static_cast<int>(ExitCode::kSuccess);
}

}  // namespace flowclean
