#include "commands.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <unistd.h>

#include "flowclean/clean.h"
#include "flowclean/compression.h"
#include "flowclean/error.h"
#include "flowclean/service_ports_file.h"

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

OnError on_error_mode(const std::string& name) {
  if (name == "skip")
    return OnError::kSkip;
  if (name == "pass")
    return OnError::kPass;
  return OnError::kFail;
}

void check_usage(const CleanCommand& command,
                 const std::vector<std::string>& inputs) {
  if (!command.rejects.empty() && command.on_error != "skip") {
    throw UsageError("--rejects needs --on-error skip");
  }
  if (!command.out_dir.empty()) {
    for (const std::string& input : inputs) {
      if (input == "-")
        throw UsageError("--out-dir cannot name an output for stdin");
    }
  }
}

std::string out_dir_path(const std::string& dir, const std::string& input) {
  return (std::filesystem::path(dir) / std::filesystem::path(input).filename())
      .string();
}

void write_file(const std::string& path, const std::string& text) {
  auto sink = atomic_file_sink(path);
  sink->write(text);
  sink->commit();
}

}  // namespace

namespace {

CleanOptions clean_options(const CleanCommand& command) {
  CleanOptions options;
  options.rows.ports = port_policy(command);
  options.rows.on_error = on_error_mode(command.on_error);
  options.rows.annotate = command.annotate;
  options.threads = command.threads;
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

int run_clean(const CleanCommand& command) {
  std::vector<std::string> inputs = command.inputs;
  if (inputs.empty())
    inputs.push_back("-");
  check_usage(command, inputs);
  CleanOptions options = clean_options(command);
  // Open every input first: a typo in the last name fails before any output.
  std::vector<std::unique_ptr<ByteSource>> sources;
  sources.reserve(inputs.size());
  for (const std::string& input : inputs) sources.push_back(open_source(input));
  Outputs outputs = open_outputs(command, inputs, sources);
  std::unique_ptr<Sink> rejects;
  if (!command.rejects.empty()) {
    rejects = compressed(atomic_file_sink(command.rejects), command.rejects);
  }
  std::optional<ProgressLine> progress;
  if (command.progress || (!command.quiet && ::isatty(STDERR_FILENO) != 0)) {
    progress.emplace(stderr);
    options.on_progress = [&progress](const ProgressReport& report) {
      progress->update(report);
    };
  }
  const Summary summary = clean(outputs.targets, rejects.get(), options);
  if (progress)
    progress->finish();
  for (auto& sink : outputs.sinks) sink->commit();
  if (rejects)
    rejects->commit();
  if (!command.summary_json.empty()) {
    write_file(command.summary_json, render_summary_json(summary));
  }
  if (!command.quiet)
    std::fputs(render_summary_text(summary).c_str(), stderr);
  return static_cast<int>(ExitCode::kSuccess);
}

int run_rules() {
  for (const Rule& rule : kRules) {
    fmt::print("{:<18} {:<7} {}\n", rule.name, action_name(rule.action),
               rule.summary);
  }
  return static_cast<int>(ExitCode::kSuccess);
}

}  // namespace flowclean
