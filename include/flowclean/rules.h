// The rule pipeline: an ordered table of named rules, first match wins.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "flowclean/address.h"
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

/// The rule predicates: plain named functions, in the order they are tried.
namespace rule_checks {

inline bool ports_meaningless(const FlowKey& key,
                              const PortPolicy& /*policy*/) {
  return !has_ports(key.protocol);
}

inline bool port_zero(const FlowKey& key, const PortPolicy& /*policy*/) {
  return key.src_port == 0 || key.dst_port == 0;
}

// Checked before service-source so that a multicast or broadcast destination
// is never made a source, whatever the ports say (SSDP 1900, NetBIOS 137/138).
inline bool group_destination(const FlowKey& key,
                              const PortPolicy& /*policy*/) {
  return is_group_address(key.dst_address);
}

// The destination must not itself be a service port: that keeps cleaning
// idempotent (the write-up's one-liner flips 1984 <-> 3389 back and forth).
inline bool service_source(const FlowKey& key, const PortPolicy& policy) {
  return policy.is_service(key.src_port) && !policy.is_service(key.dst_port) &&
         policy.is_ephemeral(key.dst_port);
}

inline bool always(const FlowKey& /*key*/, const PortPolicy& /*policy*/) {
  return true;
}

}  // namespace rule_checks

struct Rule {
  RuleId id;
  std::string_view name;  ///< stable: used by --annotate, summaries, JSON
  Action action;
  std::string_view summary;  ///< one line for --help and `flowclean rules`
  bool (*matches)(const FlowKey&, const PortPolicy&);
};

/// The rules in the order they are tried; kRules[i].id == RuleId(i).
/// constexpr and inline, so decide()'s loop unrolls into direct, inlined
/// calls: through function pointers it cost 14 ns a row (bench/micro_bench).
inline constexpr std::array<Rule, kRuleCount> kRules = {{
    {RuleId::kPortsMeaningless, "ports-meaningless", Action::kKeep,
     "protocol is not TCP or UDP (ICMP, OTHER): ports carry no direction",
     rule_checks::ports_meaningless},
    {RuleId::kPortZero, "port-zero", Action::kKeep,
     "TCP/UDP record with port 0 on either side", rule_checks::port_zero},
    {RuleId::kGroupDestination, "group-destination", Action::kKeep,
     "destination is multicast or broadcast, so it cannot be the source",
     rule_checks::group_destination},
    {RuleId::kServiceSource, "service-source", Action::kFlip,
     "source port is a service port, destination port is not and is "
     "ephemeral",
     rule_checks::service_source},
    {RuleId::kDefault, "default", Action::kKeep, "no rule applies",
     rule_checks::always},
}};

struct Decision {
  Action action;
  RuleId rule;
};

/// First match wins. Spelled out in kRules' order rather than looping over
/// the table: GCC does not inline calls through the table's function
/// pointers, and they cost 5% of a run (perf). rules_test checks that this
/// agrees with the table on every combination of predicates.
[[nodiscard]] inline Decision decide(const FlowKey& key,
                                     const PortPolicy& policy) {
  using namespace rule_checks;
  if (ports_meaningless(key, policy)) {
    return {Action::kKeep, RuleId::kPortsMeaningless};
  }
  if (port_zero(key, policy))
    return {Action::kKeep, RuleId::kPortZero};
  if (group_destination(key, policy)) {
    return {Action::kKeep, RuleId::kGroupDestination};
  }
  if (service_source(key, policy)) {
    return {Action::kFlip, RuleId::kServiceSource};
  }
  return {Action::kKeep, RuleId::kDefault};
}

[[nodiscard]] inline const Rule& rule_of(RuleId id) {
  return kRules[static_cast<std::size_t>(id)];
}

[[nodiscard]] inline std::string_view action_name(Action action) {
  return action == Action::kFlip ? "flipped" : "kept";
}

}  // namespace flowclean
