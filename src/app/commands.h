// The subcommands, one source each: clean_command.cc, learn_command.cc,
// stats_command.cc, combine_command.cc, report_command.cc, formats_command.cc,
// rules_command.cc.
#pragma once

#include "app/cli.h"
#include "report/summary.h"

namespace flowclean {

/// Runs `flowclean clean`; returns the exit code, throws Error/UsageError.
int run_clean(const CleanCommand& command);

/// Runs `flowclean learn`.
int run_learn(const LearnCommand& command);

/// Runs `flowclean stats`.
int run_stats(const StatsCommand& command);

/// Runs `flowclean combine`.
int run_combine(const CombineCommand& command);

/// The summaries' total, as `combine` adds them: an input in two of them,
/// or summaries of learned and default rules together, are errors.
Summary add_summaries(const std::vector<std::string>& files);

/// Runs `flowclean report`.
int run_report(const ReportCommand& command);

/// Lists the formats, or prints one (`flowclean formats [show NAME]`).
int run_formats(const FormatsCommand& command);

/// Prints the rule table (`flowclean rules`).
int run_rules();

}  // namespace flowclean
