// `flowclean rules`: the rule table, as the rules are tried.
#include <fmt/format.h>

#include "app/commands.h"
#include "flowclean/error.h"
#include "rules/rules.h"

namespace flowclean {

int run_rules() {
  for (const Rule& rule : kRules) {
    fmt::print("{:<24} {:<7} {}\n", rule.name, action_name(rule.action),
               rule.summary);
  }
  return static_cast<int>(ExitCode::kSuccess);
}

}  // namespace flowclean
