// Options every reading subcommand shares (inputs, bad input, threads),
// and the learn and stats subcommands' setup. Included only by the cli*.cc
// files, which are the only code that sees CLI11.
#pragma once

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/cli.h"

namespace flowclean {

/// An empty name is refused, not taken to mean a default: `-o ''` must
/// not write to stdout, nor `--service-ports ''` mean the default list.
inline CLI::Validator not_empty() {
  return CLI::Validator(
      [](const std::string& value) {
        return value.empty() ? std::string("an empty value names nothing")
                             : std::string();
      },
      "");
}

template <class Command>
void add_input_options(CLI::App& clean, Command& options, const char* verb,
                       const char* pass_means = "write unchanged") {
  clean
      .add_option("INPUT", options.inputs,
                  fmt::format("CSV files to {}, in order, plain, gzip or zstd; "
                              "'-' or none reads stdin",
                              verb))
      ->type_name("FILE")
      ->check(not_empty());
  auto* format =
      clean
          .add_option("--format", options.format,
                      "The inputs' format: auto (found from each header) or "
                      "a name 'flowclean formats' lists")
          ->type_name("NAME")
          ->capture_default_str()
          ->group("Format");
  clean
      .add_option("--format-file", options.format_file,
                  "The inputs' format, described in FILE (doc/formats.md; "
                  "'flowclean formats show vast' prints one to start from)")
      ->type_name("FILE")
      ->check(not_empty())
      ->excludes(format)
      ->group("Format");
  const char* group = "Bad input and speed";
  clean
      .add_option("--on-error", options.on_error,
                  fmt::format("Malformed rows: fail (stop, exit 1), skip (to "
                              "--rejects), pass ({})",
                              pass_means))
      ->type_name("fail|skip|pass")
      ->check(CLI::IsMember({"fail", "skip", "pass"}).description(""))
      ->capture_default_str()
      ->group(group);
  clean
      .add_option("--rejects", options.rejects,
                  "With --on-error skip: write malformed rows, verbatim "
                  "after the header, to FILE")
      ->type_name("FILE")
      ->check(not_empty())
      ->group(group);
  clean
      .add_option("--threads", options.threads,
                  "Worker threads, at most one per core; 0 means one per "
                  "core. Output bytes never depend on it")
      ->type_name("N")
      ->check(CLI::Range(0, 256))
      ->default_str("0")
      ->group(group);
}

/// -q and --progress: `quiet_what` is what -q silences.
template <class Command>
void add_quiet_and_progress(CLI::App& app, Command& options,
                            const char* quiet_what, const char* group) {
  app.add_flag(
         "-q,--quiet", options.quiet,
         fmt::format("Do not print {} (or progress) on stderr", quiet_what))
      ->group(group);
  app.add_flag("--progress", options.progress,
               "Show progress on stderr even when it is not a terminal")
      ->group(group);
}

extern const char* const kLearnDescription;
extern const char* const kStatsDescription;
void setup_learn(CLI::App& learn, LearnCommand& options);
void setup_stats(CLI::App& stats, StatsCommand& options);
extern const char* const kCombineDescription;
void setup_combine(CLI::App& combine, CombineCommand& options);
extern const char* const kReportDescription;
void setup_report(CLI::App& report, ReportCommand& options);

}  // namespace flowclean
