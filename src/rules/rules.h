// The rule pipeline: an ordered table of named rules, first match wins.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "learn/model.h"
#include "rules/address.h"
#include "rules/ports.h"
#include "rules/protocol.h"

namespace flowclean {

/// What a rule needs to know about one record; views point into the record.
struct FlowKey {
  ProtocolId protocol = 0;
  Port src_port = 0;
  Port dst_port = 0;
  std::string_view src_address;
  std::string_view dst_address;
  /// No payload either way, or payload both ways (read only with a model):
  /// the probed-host rules, learned from probes, apply only to probes; the
  /// client-host rules, learned from conversations, only to conversations.
  bool probe = false;
  bool conversation = false;
  /// Who sent the first SYN, where the format records it (handshake.h):
  /// 1 the source, -1 the destination, 0 unknown.
  std::int8_t started = 0;
};

/// What the rules may consult besides the record: the static port policy,
/// and with a learned model (--learn, --model) its answers for this row.
struct RuleContext {
  const PortPolicy& ports;
  const RowEvidence* learned = nullptr;
};

enum class Action : std::uint8_t { kKeep, kFlip };

enum class RuleId : std::uint8_t {
  kPortsMeaningless,
  kPortZero,
  kGroupDestination,
  kHandshakeSource,
  kHandshakeDestination,
  kScannerSource,
  kScannerDestination,
  kServerSource,
  kServerDestination,
  kLearnedPortSource,
  kLearnedPortDestination,
  kProbedSource,
  kProbedDestination,
  kClientDestination,
  kClientSource,
  kServiceSource,
  kDynamicPortDestination,
  kDynamicPortSource,
  kDefault,
};
inline constexpr std::size_t kRuleCount = 19;

/// The rule predicates: plain named functions, in the order they are tried.
namespace rule_checks {

inline bool ports_meaningless(const FlowKey& key,
                              const RuleContext& /*context*/) {
  return !has_ports(key.protocol);
}

inline bool port_zero(const FlowKey& key, const RuleContext& /*context*/) {
  return key.src_port == 0 || key.dst_port == 0;
}

// Checked before service-source so that a multicast or broadcast destination
// is never made a source, whatever the ports say (SSDP 1900, NetBIOS 137/138).
inline bool group_destination(const FlowKey& key,
                              const RuleContext& /*context*/) {
  return is_group_address(key.dst_address);
}

// The format's own record of the handshake (Zeek's history, Argus's
// per-side State) says who sent the first SYN: stronger than any port or
// anything learned, which only guess it. A flip swaps the record too, so
// the flipped row meets handshake-source (idempotence).
inline bool handshake_source(const FlowKey& key,
                             const RuleContext& /*context*/) {
  return key.started > 0;
}
inline bool handshake_destination(const FlowKey& key,
                                  const RuleContext& /*context*/) {
  return key.started < 0;
}
// The destination must not itself be a service port: that keeps cleaning
// idempotent (the write-up's one-liner flips 1984 <-> 3389 back and forth).
inline bool service_source(const FlowKey& key, const RuleContext& context) {
  const PortPolicy& policy = context.ports;
  return policy.is_service(key.src_port) && !policy.is_service(key.dst_port) &&
         policy.is_ephemeral(key.dst_port);
}

// The learned rules: each pair is one comparison read both ways, so that a
// flipped row meets the keep twin of the rule that flipped it (idempotence).
// Without a model they never match.

/// `a` outweighs `b`: at least `least`, and `ratio` times b (b at least 1).
inline bool outweighs(double a, double b, double least, double ratio) {
  return a >= least && a >= ratio * (b < 1 ? 1 : b);
}

// A scanner starts every exchange it is in, whatever its ports say: its
// fixed source port 53 or 80 must not make its probes look like replies.
// Not a conversation, though (payload both ways): a scanner that also
// serves SSH, or a scanned server asking the scanner's ident port 113, is
// an exchange whose server the endpoints and ports tell.
inline bool scanner_source(const FlowKey& key, const RuleContext& c) {
  return c.learned && !key.conversation && c.learned->src_scanner &&
         !c.learned->dst_scanner;
}
inline bool scanner_destination(const FlowKey& key, const RuleContext& c) {
  return c.learned && !key.conversation && c.learned->dst_scanner &&
         !c.learned->src_scanner;
}
inline bool server_source(const FlowKey& /*key*/, const RuleContext& c) {
  return c.learned &&
         outweighs(c.learned->src_server, c.learned->dst_server,
                   learned::kServerMinPeers, learned::kServerRatio);
}
inline bool server_destination(const FlowKey& /*key*/, const RuleContext& c) {
  return c.learned &&
         outweighs(c.learned->dst_server, c.learned->src_server,
                   learned::kServerMinPeers, learned::kServerRatio);
}
inline bool learned_port_source(const FlowKey& /*key*/, const RuleContext& c) {
  return c.learned && outweighs(c.learned->src_port, c.learned->dst_port,
                                c.learned->port_floor, learned::kPortRatio);
}
inline bool learned_port_destination(const FlowKey& /*key*/,
                                     const RuleContext& c) {
  return c.learned && outweighs(c.learned->dst_port, c.learned->src_port,
                                c.learned->port_floor, learned::kPortRatio);
}

// The last word of the learned mode, for rows its evidence leaves open
// (a server seen once or twice: a reply from 443 to a Windows client's
// 49170 that no conversation taught): the endpoint whose port is in the
// dynamic range is the client, if the other's port is not and the other
// host is not a client itself (an old Windows client's port 1025-5000 to a
// peer-to-peer command server on 40000). Not in the plain mode, which
// keeps the write-up's rules. A service port in the dynamic range (a
// --service-ports list may name one) is not a client's, which keeps the
// pair clear of service-source, and so idempotent.
inline bool dynamic_port(Port port, Port other, double other_client,
                         const PortPolicy& policy) {
  return port >= learned::kDynamicPortMin && other < learned::kDynamicPortMin &&
         !policy.is_service(port) && other_client < learned::kClientMinPorts;
}
inline bool dynamic_port_destination(const FlowKey& key, const RuleContext& c) {
  return c.learned && dynamic_port(key.dst_port, key.src_port,
                                   c.learned->src_client, c.ports);
}
inline bool dynamic_port_source(const FlowKey& key, const RuleContext& c) {
  return c.learned && dynamic_port(key.src_port, key.dst_port,
                                   c.learned->dst_client, c.ports);
}

inline bool always(const FlowKey& /*key*/, const RuleContext& /*context*/) {
  return true;
}

// A host probed by many (a scan target, a dead server) is the destination
// of the probes it is in: decides probe rows nothing else decided. A swept
// host also makes failed connections of its own; those go to hosts it has
// exchanged data with, which scanners never do.
inline bool probed(double host, bool swept, double other, bool other_talks) {
  return outweighs(host, other, learned::kTargetMinPeers,
                   learned::kProbedRatio) &&
         !(swept && other_talks);
}
// A client swept by the network's scanners, retrying a dead command server
// on 447 or 6667 from a new port each time, had more probe peers than the
// server and was taken for it. A server nobody reaches, on a port below the
// dynamic range, facing a swept host's port above 1024, is the destination
// whatever the counts. Without the port test, the same shape taken from
// Internet scanners probing a swept workstation from one port or a few
// made the four CTU captures' recall fall from 0.998 to 0.97.
/// One side of a probe row, as the probed-host rules read it.
struct ProbeSide {
  double probed;  ///< probe peers if a probed host, else 0
  bool swept;     ///< probed by many hosts' scans; probed and not swept: a
                  ///< server nobody reaches
  bool talks;
  Port port;
};
inline bool dead_server(const ProbeSide& server, const ProbeSide& client) {
  return server.probed > 0 && !server.swept && client.swept &&
         server.port < learned::kDynamicPortMin &&
         client.port > learned::kLastWellKnownPort;
}
inline bool probed_row(const RowEvidence& e, const FlowKey& key, bool source) {
  const ProbeSide src{e.src_probed, e.src_swept, e.src_talks, key.src_port};
  const ProbeSide dst{e.dst_probed, e.dst_swept, e.dst_talks, key.dst_port};
  const ProbeSide& host = source ? src : dst;
  const ProbeSide& other = source ? dst : src;
  if (dead_server(other, host))
    return false;
  if (dead_server(host, other))
    return true;
  return probed(host.probed, host.swept, other.probed, other.talks);
}
inline bool probed_source(const FlowKey& key, const RuleContext& c) {
  return c.learned && key.probe && probed_row(*c.learned, key, true);
}
inline bool probed_destination(const FlowKey& key, const RuleContext& c) {
  return c.learned && key.probe && probed_row(*c.learned, key, false);
}

// A host that used many ports of its own is a client: one new port per
// connection. Decides rows between hosts nothing more specific knows.
inline bool client_destination(const FlowKey& key, const RuleContext& c) {
  return c.learned && key.conversation &&
         outweighs(c.learned->dst_client, c.learned->src_client,
                   learned::kClientMinPorts, learned::kClientRatio);
}
inline bool client_source(const FlowKey& key, const RuleContext& c) {
  return c.learned && key.conversation &&
         outweighs(c.learned->src_client, c.learned->dst_client,
                   learned::kClientMinPorts, learned::kClientRatio);
}

}  // namespace rule_checks

struct Rule {
  RuleId id;
  std::string_view name;  ///< stable: used by --annotate, summaries, JSON
  Action action;
  std::string_view summary;  ///< one line for --help and `flowclean rules`
  bool (*matches)(const FlowKey&, const RuleContext&);
  bool learned;  ///< consults the learned model (--learn, --model)
};

/// The rules in the order they are tried; kRules[i].id == RuleId(i).
/// constexpr and inline, so decide()'s loop unrolls into direct, inlined
/// calls: through function pointers it cost 14 ns a row (bench/micro_bench).
inline constexpr std::array<Rule, kRuleCount> kRules = {{
    {RuleId::kPortsMeaningless, "ports-meaningless", Action::kKeep,
     "protocol is not TCP or UDP (ICMP, OTHER): ports carry no direction",
     rule_checks::ports_meaningless, false},
    {RuleId::kPortZero, "port-zero", Action::kKeep,
     "TCP/UDP record with port 0 on either side", rule_checks::port_zero,
     false},
    {RuleId::kGroupDestination, "group-destination", Action::kKeep,
     "destination is multicast or broadcast, so it cannot be the source",
     rule_checks::group_destination, false},
    {RuleId::kHandshakeSource, "handshake-source", Action::kKeep,
     "the record shows the source sent the first SYN (Zeek history, Argus "
     "State)",
     rule_checks::handshake_source, false},
    {RuleId::kHandshakeDestination, "handshake-destination", Action::kFlip,
     "the record shows the destination sent the first SYN",
     rule_checks::handshake_destination, false},
    {RuleId::kScannerSource, "scanner-source", Action::kKeep,
     "learned: not a conversation, and the source host is a scanner (it "
     "starts what it is in)",
     rule_checks::scanner_source, true},
    {RuleId::kScannerDestination, "scanner-destination", Action::kFlip,
     "learned: not a conversation, and the destination host is a scanner, "
     "the source is not",
     rule_checks::scanner_destination, true},
    {RuleId::kServerSource, "server-source", Action::kFlip,
     "learned: the source endpoint serves 4x the peers of the destination",
     rule_checks::server_source, true},
    {RuleId::kServerDestination, "server-destination", Action::kKeep,
     "learned: the destination endpoint serves 4x the peers of the source",
     rule_checks::server_destination, true},
    {RuleId::kLearnedPortSource, "learned-port-source", Action::kFlip,
     "learned: the source port met 8x the peer ports of the destination port",
     rule_checks::learned_port_source, true},
    {RuleId::kLearnedPortDestination, "learned-port-destination", Action::kKeep,
     "learned: the destination port met 8x the peer ports of the source port",
     rule_checks::learned_port_destination, true},
    {RuleId::kProbedSource, "probed-source", Action::kFlip,
     "learned: a row with no payload whose source is a host probed by many",
     rule_checks::probed_source, true},
    {RuleId::kProbedDestination, "probed-destination", Action::kKeep,
     "learned: a row with no payload whose destination is a probed host",
     rule_checks::probed_destination, true},
    {RuleId::kClientDestination, "client-destination", Action::kFlip,
     "learned: the destination host used 4x the ports of the source host",
     rule_checks::client_destination, true},
    {RuleId::kClientSource, "client-source", Action::kKeep,
     "learned: the source host used 4x the ports of the destination host",
     rule_checks::client_source, true},
    {RuleId::kServiceSource, "service-source", Action::kFlip,
     "source port is a service port, destination port is not and is "
     "ephemeral",
     rule_checks::service_source, false},
    {RuleId::kDynamicPortDestination, "dynamic-port-destination", Action::kFlip,
     "learned mode: the destination port is in the dynamic range (32768 and "
     "up), the source port is not and its host is not a client",
     rule_checks::dynamic_port_destination, true},
    {RuleId::kDynamicPortSource, "dynamic-port-source", Action::kKeep,
     "learned mode: the source port is in the dynamic range, the destination "
     "port is not and its host is not a client",
     rule_checks::dynamic_port_source, true},
    {RuleId::kDefault, "default", Action::kKeep, "no rule applies",
     rule_checks::always, false},
}};

struct Decision {
  Action action;
  RuleId rule;
};

/// First match wins, in kRules' order, given the row's learned evidence (or
/// none). Spelled out rather than looping over the table: GCC does not
/// inline calls through the table's function pointers, and they cost 5% of
/// a run (perf). rules_test checks that this agrees with the table on every
/// combination of predicates.
[[nodiscard, gnu::always_inline]] inline Decision decide(
    const FlowKey& key, const RuleContext& context) {
  using namespace rule_checks;
  if (ports_meaningless(key, context))
    return {Action::kKeep, RuleId::kPortsMeaningless};
  if (port_zero(key, context))
    return {Action::kKeep, RuleId::kPortZero};
  if (group_destination(key, context))
    return {Action::kKeep, RuleId::kGroupDestination};
  if (handshake_source(key, context))
    return {Action::kKeep, RuleId::kHandshakeSource};
  if (handshake_destination(key, context))
    return {Action::kFlip, RuleId::kHandshakeDestination};
  if (context.learned != nullptr) {
    if (scanner_source(key, context))
      return {Action::kKeep, RuleId::kScannerSource};
    if (scanner_destination(key, context))
      return {Action::kFlip, RuleId::kScannerDestination};
    if (server_source(key, context))
      return {Action::kFlip, RuleId::kServerSource};
    if (server_destination(key, context))
      return {Action::kKeep, RuleId::kServerDestination};
    if (learned_port_source(key, context))
      return {Action::kFlip, RuleId::kLearnedPortSource};
    if (learned_port_destination(key, context))
      return {Action::kKeep, RuleId::kLearnedPortDestination};
    if (probed_source(key, context))
      return {Action::kFlip, RuleId::kProbedSource};
    if (probed_destination(key, context))
      return {Action::kKeep, RuleId::kProbedDestination};
    if (client_destination(key, context))
      return {Action::kFlip, RuleId::kClientDestination};
    if (client_source(key, context))
      return {Action::kKeep, RuleId::kClientSource};
  }
  if (service_source(key, context))
    return {Action::kFlip, RuleId::kServiceSource};
  if (context.learned != nullptr) {
    if (dynamic_port_destination(key, context))
      return {Action::kFlip, RuleId::kDynamicPortDestination};
    if (dynamic_port_source(key, context))
      return {Action::kKeep, RuleId::kDynamicPortSource};
  }
  return {Action::kKeep, RuleId::kDefault};
}

/// Decides a row with the static rules and, given a model, the learned
/// ones. The model is consulted only for rows the port-free rules leave
/// open: a lookup hashes both addresses.
[[nodiscard, gnu::always_inline]] inline Decision decide(
    const FlowKey& key, const PortPolicy& policy,
    const Model* model = nullptr) {
  using namespace rule_checks;
  const RuleContext plain{policy};
  if (model == nullptr || ports_meaningless(key, plain) ||
      port_zero(key, plain) || group_destination(key, plain) ||
      key.started != 0) {
    return decide(key, plain);
  }
  const RowEvidence row =
      model->lookup(key.protocol == kUdp, key.src_address, key.src_port,
                    key.dst_address, key.dst_port);
  return decide(key, RuleContext{policy, &row});
}

[[nodiscard]] inline const Rule& rule_of(RuleId id) {
  return kRules[static_cast<std::size_t>(id)];
}

[[nodiscard]] inline std::string_view action_name(Action action) {
  return action == Action::kFlip ? "flipped" : "kept";
}

}  // namespace flowclean
