// What each subcommand does with its parsed options.
#pragma once

#include "cli.h"

namespace flowclean {

/// Runs `flowclean clean`; returns the exit code, throws Error/UsageError.
int run_clean(const CleanCommand& command);

/// Prints the rule table (`flowclean rules`).
int run_rules();

}  // namespace flowclean
