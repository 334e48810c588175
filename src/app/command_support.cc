#include "app/command_support.h"

#include <algorithm>
#include <thread>

#include <unistd.h>

#include "flowclean/error.h"
#include "formats/builtin.h"
#include "io/compression.h"

namespace flowclean {

unsigned worker_threads(unsigned requested) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return requested == 0 ? cores : std::min(requested, cores);
}

OnError on_error_mode(const std::string& name) {
  if (name == "skip")
    return OnError::kSkip;
  if (name == "pass")
    return OnError::kPass;
  return OnError::kFail;
}

void write_file(const std::string& path, const std::string& text) {
  auto sink = compressed(atomic_file_sink(path), path);
  sink->write(text);
  sink->commit();
}

std::vector<std::unique_ptr<ByteSource>> open_inputs(
    const std::vector<std::string>& inputs) {
  std::vector<std::unique_ptr<ByteSource>> sources;
  sources.reserve(inputs.size());
  for (const std::string& input : inputs) sources.push_back(open_source(input));
  if (inputs.empty())
    sources.push_back(open_source("-"));
  return sources;
}

std::vector<ByteSource*> pointers(
    const std::vector<std::unique_ptr<ByteSource>>& sources) {
  std::vector<ByteSource*> out;
  out.reserve(sources.size());
  for (const auto& source : sources) out.push_back(source.get());
  return out;
}

void show_progress(bool forced, bool quiet, CleanOptions& options,
                   std::optional<ProgressLine>& line) {
  if (!forced && (quiet || ::isatty(STDERR_FILENO) == 0))
    return;
  line.emplace(stderr);
  options.on_progress = [&line](const ProgressReport& report) {
    line->update(report);
  };
}

std::unique_ptr<Sink> open_rejects(const std::string& path,
                                   const std::string& on_error) {
  if (path.empty())
    return nullptr;
  if (on_error != "skip")
    throw UsageError("--rejects needs --on-error skip");
  return compressed(atomic_file_sink(path), path);
}

std::unique_ptr<Sink> open_file_or_none(const std::string& path) {
  return path.empty() ? nullptr : compressed(atomic_file_sink(path), path);
}

std::vector<NamedOutput> named(std::vector<NamedOutput> outputs) {
  outputs.erase(std::remove_if(outputs.begin(), outputs.end(),
                               [](const NamedOutput& output) {
                                 return output.path.empty();
                               }),
                outputs.end());
  return outputs;
}

CleanOptions reading_options(const std::string& on_error, unsigned threads) {
  CleanOptions options;
  options.rows.on_error = on_error_mode(on_error);
  options.threads = worker_threads(threads);
  return options;
}

const Format* chosen_format(const std::string& name, const std::string& file,
                            std::optional<Format>& described) {
  if (!file.empty()) {
    described = read_format_file(file);
    return &*described;
  }
  return name == "auto" ? nullptr : &builtin_format(name);
}

}  // namespace flowclean
