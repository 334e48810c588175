// The rule pipeline: an ordered table of named rules, first match wins.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "flowclean/ports.h"
#include "flowclean/protocol.h"

namespace flowclean {

/// What a rule needs to know about one record; views point into the record.
struct FlowKey {
  ProtocolId protocol = 0;
  Port src_port = 0;
  Port dst_port = 0;
  std::string_view dst_address;
};

enum class Action : std::uint8_t { kKeep, kFlip };

enum class RuleId : std::uint8_t {
  kPortsMeaningless,
  kPortZero,
  kGroupDestination,
  kServiceSource,
  kDefault,
};
inline constexpr std::size_t kRuleCount = 5;

struct Rule {
  RuleId id;
  std::string_view name;  ///< stable: used by --annotate, summaries, JSON
  Action action;
  std::string_view summary;  ///< one line for --help and --list-rules
  bool (*matches)(const FlowKey&, const PortPolicy&);
};

/// The rules in the order they are tried; kRules[i].id == RuleId(i).
extern const std::array<Rule, kRuleCount> kRules;

struct Decision {
  Action action;
  RuleId rule;
};

[[nodiscard]] Decision decide(const FlowKey& key, const PortPolicy& policy);

[[nodiscard]] inline const Rule& rule_of(RuleId id) {
  return kRules[static_cast<std::size_t>(id)];
}

[[nodiscard]] inline std::string_view action_name(Action action) {
  return action == Action::kFlip ? "flipped" : "kept";
}

}  // namespace flowclean
