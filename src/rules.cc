#include "flowclean/rules.h"

#include "flowclean/address.h"

namespace flowclean {

namespace {

bool ports_meaningless(const FlowKey& key, const PortPolicy& /*policy*/) {
  return !has_ports(key.protocol);
}

bool port_zero(const FlowKey& key, const PortPolicy& /*policy*/) {
  return key.src_port == 0 || key.dst_port == 0;
}

// Checked before service-source so that a multicast or broadcast destination
// is never made a source, whatever the ports say (SSDP 1900, NetBIOS 137/138).
bool group_destination(const FlowKey& key, const PortPolicy& /*policy*/) {
  return is_group_address(key.dst_address);
}

// The destination must not itself be a service port: that keeps cleaning
// idempotent (the write-up's one-liner flips 1984 <-> 3389 back and forth).
bool service_source(const FlowKey& key, const PortPolicy& policy) {
  return policy.is_service(key.src_port) && !policy.is_service(key.dst_port) &&
         policy.is_ephemeral(key.dst_port);
}

bool always(const FlowKey& /*key*/, const PortPolicy& /*policy*/) {
  return true;
}

}  // namespace

const std::array<Rule, kRuleCount> kRules = {{
    {RuleId::kPortsMeaningless, "ports-meaningless", Action::kKeep,
     "protocol is not TCP or UDP (ICMP, OTHER): ports carry no direction",
     ports_meaningless},
    {RuleId::kPortZero, "port-zero", Action::kKeep,
     "TCP/UDP record with port 0 on either side", port_zero},
    {RuleId::kGroupDestination, "group-destination", Action::kKeep,
     "destination is multicast or broadcast, so it cannot be the source",
     group_destination},
    {RuleId::kServiceSource, "service-source", Action::kFlip,
     "source port is a service port, destination port is not and is "
     "ephemeral",
     service_source},
    {RuleId::kDefault, "default", Action::kKeep, "no rule applies", always},
}};

Decision decide(const FlowKey& key, const PortPolicy& policy) {
  for (const Rule& rule : kRules) {
    if (rule.matches(key, policy))
      return {rule.action, rule.id};
  }
  return {Action::kKeep, RuleId::kDefault};
}

}  // namespace flowclean
