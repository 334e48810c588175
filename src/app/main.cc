// flowclean's entry point: parse the command line, run the command, and turn
// every failure into a message and one of the documented exit codes.
#include <csignal>
#include <cstdio>
#include <new>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include "app/cli.h"
#include "app/commands.h"
#include "flowclean/error.h"
#include "io/sink.h"
#include "io/temp_files.h"
#include "simd/kernels.h"

namespace {

// Input files are mapped (source.cc): one cut short while it is read
// raises SIGBUS where its bytes are gone. Only async-signal-safe calls.
extern "C" void on_sigbus(int /*signal*/) {
  static const char kMessage[] =
      "flowclean: error: an input file was truncated while it was read\n";
  (void)!::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  ::_exit(static_cast<int>(flowclean::ExitCode::kFailure));
}

int fail(flowclean::ExitCode code, const char* message) {
  fmt::print(stderr, "flowclean: error: {}\n", message);
  return static_cast<int>(code);
}

// Parses the command line; returns an exit code when the run ends here
// (help, version, a usage error).
std::optional<int> parse(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    // CLI11's own codes (100-127) are not ours: every parse failure is a
    // usage error, worded like our other messages.
    fmt::print(stderr,
               "flowclean: error: {}\nRun 'flowclean --help' for usage.\n",
               error.what());
    return static_cast<int>(flowclean::ExitCode::kUsage);
  }
  return std::nullopt;
}

int run(int argc, char** argv) {
  CLI::App app{"", "flowclean"};
  flowclean::CliOptions options;
  flowclean::setup_cli(app, options);
  if (const auto done = parse(app, argc, argv))
    return *done;
  // A FLOWCLEAN_FORCE_ISA this CPU cannot run is refused before any work.
  (void)flowclean::simd::active_kernels();
  if (options.rules_chosen)
    return flowclean::run_rules();
  if (options.formats_chosen)
    return flowclean::run_formats(options.formats);
  if (options.learn_chosen)
    return flowclean::run_learn(options.learn);
  if (options.stats_chosen)
    return flowclean::run_stats(options.stats);
  if (options.combine_chosen)
    return flowclean::run_combine(options.combine);
  if (options.report_chosen)
    return flowclean::run_report(options.report);
  return flowclean::run_clean(options.clean);
}

}  // namespace

// The one place errors become messages and exit codes.
int main(int argc, char** argv) {
  using flowclean::ExitCode;
  std::signal(SIGBUS, on_sigbus);
  flowclean::remove_temp_files_on_signals();
  try {
    return run(argc, argv);
  } catch (const flowclean::UsageError& error) {
    return fail(ExitCode::kUsage, error.what());
  } catch (const flowclean::Error& error) {
    return fail(ExitCode::kFailure, error.what());
  } catch (const flowclean::BrokenPipe&) {
    return static_cast<int>(ExitCode::kSuccess);  // the reader has enough
  } catch (const std::bad_alloc&) {
    return fail(ExitCode::kFailure, "out of memory");
  } catch (const std::exception& error) {
    return fail(ExitCode::kFailure, error.what());
  } catch (...) {
    return fail(ExitCode::kFailure, "unexpected error");
  }
}
