// What the subcommands share: inputs, outputs, threads and progress as
// the command line gives them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/cli.h"
#include "flowclean/clean.h"
#include "io/output_guard.h"

namespace flowclean {

[[nodiscard]] OnError on_error_mode(const std::string& name);

/// --threads as run: 0 is one per core, and more than the cores is the
/// cores. Extra workers only cost memory (each holds blocks in flight and,
/// learning, its tables): --threads 256 took 1.2 GB to clean 300 MB.
[[nodiscard]] unsigned worker_threads(unsigned requested);

/// Opens every input up front: a typo in the last name fails before any
/// output. An empty list means stdin.
[[nodiscard]] std::vector<std::unique_ptr<ByteSource>> open_inputs(
    const std::vector<std::string>& inputs);

[[nodiscard]] std::vector<ByteSource*> pointers(
    const std::vector<std::unique_ptr<ByteSource>>& sources);

/// Writes `text` to `path` atomically (compressed for *.gz, *.zst).
void write_file(const std::string& path, const std::string& text);

/// A progress line on stderr when asked for or when stderr is a terminal;
/// hooks it into `options`.
void show_progress(bool forced, bool quiet, CleanOptions& options,
                   std::optional<ProgressLine>& line);

/// An atomic file sink for `path` (compressed by its name), or none when
/// `path` is empty.
[[nodiscard]] std::unique_ptr<Sink> open_file_or_none(const std::string& path);

/// The outputs among `outputs` that are named (a path not empty).
[[nodiscard]] std::vector<NamedOutput> named(std::vector<NamedOutput> outputs);

/// The rejects file of --rejects, or none.
[[nodiscard]] std::unique_ptr<Sink> open_rejects(const std::string& path,
                                                 const std::string& on_error);

/// The format --format or --format-file names, for CleanOptions::format:
/// null for auto, a built-in, or the described one, kept in `described`.
[[nodiscard]] const Format* chosen_format(const std::string& name,
                                          const std::string& file,
                                          std::optional<Format>& described);

/// The options of a pass that only reads (learn, stats).
[[nodiscard]] CleanOptions reading_options(const std::string& on_error,
                                           unsigned threads);

}  // namespace flowclean
