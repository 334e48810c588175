#include "rules/rules.h"

#include <catch2/catch.hpp>

#include "rules/handshake.h"

using flowclean::Action;
using flowclean::decide;
using flowclean::FlowKey;
using flowclean::RuleId;

namespace {

FlowKey key(flowclean::ProtocolId protocol, flowclean::Port src,
            flowclean::Port dst, std::string_view dst_address = "172.10.2.64") {
  return FlowKey{protocol, src, dst, "10.0.0.9", dst_address};
}

// No model, and models whose answers make each learned rule match.
std::vector<const flowclean::RowEvidence*> learned_cases() {
  using flowclean::RowEvidence;
  // scanner src/dst, probed src/dst, server src/dst, port src/dst.
  auto make = [](bool scan_s, bool scan_d, double probed_s, double probed_d,
                 double server_s, double server_d, double port_s,
                 double port_d) {
    RowEvidence row;
    row.src_scanner = scan_s;
    row.dst_scanner = scan_d;
    row.src_probed = probed_s;
    row.dst_probed = probed_d;
    row.src_server = server_s;
    row.dst_server = server_d;
    row.src_port = port_s;
    row.dst_port = port_d;
    row.src_client = port_d;  // reuses the port figures: 500 is a client
    row.dst_client = port_s;
    return row;
  };
  static std::vector<RowEvidence> cases = {
      {},
      make(true, false, 0, 0, 0, 0, 0, 0),
      make(false, true, 0, 0, 0, 0, 0, 0),
      make(true, true, 0, 0, 0, 0, 0, 0),
      make(false, false, 100, 0, 0, 0, 0, 0),
      make(false, false, 0, 100, 0, 0, 0, 0),
      make(false, false, 100, 100, 0, 0, 0, 0),
      make(false, false, 0, 0, 100, 2, 0, 0),
      make(false, false, 0, 0, 2, 100, 0, 0),
      make(false, false, 0, 0, 100, 100, 0, 0),
      make(false, false, 0, 0, 0, 0, 500, 3),
      make(false, false, 0, 0, 0, 0, 3, 500),
      make(false, false, 100, 0, 100, 2, 3, 500),
      make(true, false, 0, 100, 2, 100, 500, 3),
      make(false, false, 400, 20, 0, 0, 0, 0),
      make(false, false, 20, 400, 0, 0, 0, 0),
  };
  // A swept host (400 probe peers) and a server nobody reaches (20: probed,
  // not swept), both ways round.
  cases[cases.size() - 2].src_swept = true;
  cases[cases.size() - 1].dst_swept = true;
  std::vector<const RowEvidence*> out = {nullptr};
  for (const auto& c : cases) out.push_back(&c);
  return out;
}

}  // namespace

TEST_CASE("port 80 to an ephemeral port is flipped", "[rules]") {
  const auto d = decide(key(6, 80, 14545), {});
  CHECK(d.action == Action::kFlip);
  CHECK(d.rule == RuleId::kServiceSource);
}

TEST_CASE("rules decide by the table's order", "[rules]") {
  using Row =
      std::tuple<flowclean::ProtocolId, int, int, const char*, RuleId, Action>;
  const auto [protocol, src, dst, address, rule, action] = GENERATE(
      table<flowclean::ProtocolId, int, int, const char*, RuleId, Action>({
          Row{1, 0, 0, "172.10.0.6", RuleId::kPortsMeaningless, Action::kKeep},
          Row{1, 80, 14545, "172.10.0.6", RuleId::kPortsMeaningless,
              Action::kKeep},
          Row{flowclean::kUnnumberedProtocol, 80, 5000, "10.0.0.1",
              RuleId::kPortsMeaningless, Action::kKeep},
          Row{6, 0, 80, "10.0.0.1", RuleId::kPortZero, Action::kKeep},
          Row{17, 80, 0, "10.0.0.1", RuleId::kPortZero, Action::kKeep},
          Row{17, 1900, 5000, "239.255.255.250", RuleId::kGroupDestination,
              Action::kKeep},
          Row{17, 138, 40000, "255.255.255.255", RuleId::kGroupDestination,
              Action::kKeep},
          Row{17, 53, 33000, "172.10.1.5", RuleId::kServiceSource,
              Action::kFlip},
          Row{6, 9130, 80, "10.0.0.12", RuleId::kDefault, Action::kKeep},
          Row{6, 80, 1024, "10.0.0.12", RuleId::kDefault, Action::kKeep},
          Row{6, 80, 1025, "10.0.0.12", RuleId::kServiceSource, Action::kFlip},
          Row{6, 1984, 3389, "10.0.0.12", RuleId::kDefault, Action::kKeep},
          Row{17, 123, 123, "10.0.0.12", RuleId::kDefault, Action::kKeep},
          Row{6, 62559, 37321, "172.10.0.40", RuleId::kDefault, Action::kKeep},
      }));
  CAPTURE(protocol, src, dst, address);
  const auto d = decide(key(protocol, static_cast<flowclean::Port>(src),
                            static_cast<flowclean::Port>(dst), address),
                        {});
  CHECK(d.rule == rule);
  CHECK(d.action == action);
}

TEST_CASE(
    "a service port as destination is never flipped, so cleaning is "
    "idempotent",
    "[rules]") {
  // The write-up's one-liner flips 1984 <-> 3389 back and forth.
  CHECK(decide(key(6, 3389, 1984), {}).action == Action::kKeep);
  CHECK(decide(key(6, 1984, 3389), {}).action == Action::kKeep);
}

TEST_CASE("the service list and ephemeral threshold come from the policy",
          "[rules]") {
  const flowclean::PortPolicy policy({443}, 5000);
  CHECK(decide(key(6, 443, 5001), policy).action == Action::kFlip);
  CHECK(decide(key(6, 443, 5000), policy).action == Action::kKeep);
  CHECK(decide(key(6, 80, 14545), policy).action == Action::kKeep);
}

TEST_CASE("rule names are stable and the table is in RuleId order", "[rules]") {
  const char* names[] = {"ports-meaningless",
                         "port-zero",
                         "group-destination",
                         "handshake-source",
                         "handshake-destination",
                         "scanner-source",
                         "scanner-destination",
                         "server-source",
                         "server-destination",
                         "learned-port-source",
                         "learned-port-destination",
                         "probed-source",
                         "probed-destination",
                         "client-destination",
                         "client-source",
                         "service-source",
                         "dynamic-port-destination",
                         "dynamic-port-source",
                         "default"};
  REQUIRE(std::size(names) == flowclean::kRules.size());
  for (std::size_t i = 0; i < flowclean::kRules.size(); ++i) {
    CHECK(flowclean::kRules[i].name == names[i]);
    CHECK(static_cast<std::size_t>(flowclean::kRules[i].id) == i);
  }
}

TEST_CASE("decide agrees with the first matching rule of the table",
          "[rules]") {
  const flowclean::PortPolicy policy;
  const flowclean::ProtocolId protocols[] = {1, 6, 17,
                                             flowclean::kUnnumberedProtocol};
  const flowclean::Port ports[] = {0, 53, 80, 1024, 1025, 3389, 14545, 49170};
  const char* addresses[] = {"10.0.0.1", "239.255.255.250", "255.255.255.255"};
  for (const auto protocol : protocols) {
    for (const auto src : ports) {
      for (const auto dst : ports) {
        for (const char* address : addresses) {
          FlowKey k = key(protocol, src, dst, address);
          for (const int payload : {0, 1, 2})
            for (const auto* learned : learned_cases())
              for (const int started : {0, 1, -1}) {
                k.probe = payload == 1;
                k.conversation = payload == 2;
                k.started = static_cast<std::int8_t>(started);
                const flowclean::RuleContext context{policy, learned};
                const flowclean::Rule* first = nullptr;
                for (const auto& rule : flowclean::kRules) {
                  if (rule.matches(k, context)) {
                    first = &rule;
                    break;
                  }
                }
                REQUIRE(first != nullptr);
                const auto d = decide(k, context);
                CHECK(d.rule == first->id);
                CHECK(d.action == first->action);
              }
        }
      }
    }
  }
}

TEST_CASE("who sent the first SYN is read from Zeek's history",
          "[rules][handshake]") {
  using flowclean::HandshakeKind;
  const auto started = [](std::string_view history) {
    return flowclean::handshake_started(HandshakeKind::kZeekHistory, history);
  };
  CHECK(started("ShADadFf") == 1);  // the originator's SYN
  CHECK(started("Sr") == 1);        // a refused attempt
  CHECK(started("hADad") == 1);     // the responder's SYN-ACK: a reply
  CHECK(started("sHAd") == -1);     // the responder's SYN first
  CHECK(started("HaDd") == -1);     // the originator's SYN-ACK: the server
  CHECK(started("^hADad") == 1);    // flipped by Zeek, read as written
  CHECK(started("ADadFf") == 0);    // seen mid-stream
  CHECK(started("Dd") == 0);
  CHECK(started("-") == 0);
}

TEST_CASE("who sent the first SYN is read from Argus's per-side State",
          "[rules][handshake]") {
  using flowclean::HandshakeKind;
  const auto started = [](std::string_view state) {
    return flowclean::handshake_started(HandshakeKind::kArgusState, state);
  };
  CHECK(started("S_RA") == 1);      // a SYN answered with a reset
  CHECK(started("S_") == 1);        // a SYN unanswered
  CHECK(started("RA_S") == -1);     // the same, recorded backwards
  CHECK(started("SA_S") == -1);     // the destination's bare SYN
  CHECK(started("SRPA_SPA") == 0);  // both sides' SYN came with ACKs
  CHECK(started("FSPA_FSPA") == 0);
  CHECK(started("PA_PA") == 0);  // mid-stream
  CHECK(started("CON") == 0);    // not TCP's flags
  CHECK(started("S_S_S") == 0);
}

TEST_CASE("the handshake decides before the ports and the model",
          "[rules][handshake]") {
  FlowKey k = key(6, 80, 50000);  // service-source would flip it
  k.started = 1;
  CHECK(decide(k, {}).rule == RuleId::kHandshakeSource);
  CHECK(decide(k, {}).action == Action::kKeep);
  k = key(6, 50000, 80);  // the default would keep it
  k.started = -1;
  CHECK(decide(k, {}).rule == RuleId::kHandshakeDestination);
  CHECK(decide(k, {}).action == Action::kFlip);
}

TEST_CASE(
    "with a model, a reply nothing else decides is turned toward the "
    "dynamic port, unless the other host is a client",
    "[rules][learn]") {
  const flowclean::PortPolicy policy;
  flowclean::RowEvidence none;
  // 443 is not on the write-up's list: the plain rules keep the reply.
  const FlowKey reply = key(6, 443, 49170);
  CHECK(decide(reply, {policy}).rule == RuleId::kDefault);
  const auto learned = decide(reply, {policy, &none});
  CHECK(learned.rule == RuleId::kDynamicPortDestination);
  CHECK(learned.action == Action::kFlip);
  // The flipped row meets the keep twin: cleaning twice changes nothing.
  const auto again = decide(key(6, 49170, 443), {policy, &none});
  CHECK(again.rule == RuleId::kDynamicPortSource);
  CHECK(again.action == Action::kKeep);
  // An old Windows client's port 3000 to a peer-to-peer server on 40000:
  // the source host used many ports of its own, so it is not a server.
  flowclean::RowEvidence client_source;
  client_source.src_client = 40;
  CHECK(decide(key(6, 3000, 40000), {policy, &client_source}).rule ==
        RuleId::kDefault);
  // Both ports dynamic: nothing to tell them apart.
  CHECK(decide(key(6, 50000, 40000), {policy, &none}).rule == RuleId::kDefault);
  // A service port in the dynamic range is not a client's.
  const flowclean::PortPolicy high({49170}, 1024);
  CHECK(decide(reply, {high, &none}).rule == RuleId::kDefault);
}

TEST_CASE("a scanner verdict does not decide a conversation",
          "[rules][learn]") {
  const flowclean::PortPolicy policy;
  flowclean::RowEvidence scanner_serves;
  scanner_serves.src_scanner = true;
  scanner_serves.src_server = 12;  // its SSH endpoint served 12 peers
  FlowKey ssh = key(6, 22, 45000);
  ssh.probe = true;
  CHECK(decide(ssh, {policy, &scanner_serves}).rule == RuleId::kScannerSource);
  ssh.probe = false;
  ssh.conversation = true;
  const auto d = decide(ssh, {policy, &scanner_serves});
  CHECK(d.rule == RuleId::kServerSource);
  CHECK(d.action == Action::kFlip);
}

TEST_CASE(
    "a swept client retrying a dead server is the source, however many "
    "probe peers it has",
    "[rules][learn]") {
  const flowclean::PortPolicy policy;
  // An infected client swept by the network's scanners (400 probe peers)
  // retrying a command server on 449 that nobody reaches (20 tries), with
  // the client on the source side or the destination side.
  const auto evidence = [](bool client_first) {
    flowclean::RowEvidence e;
    (client_first ? e.src_probed : e.dst_probed) = 400;
    (client_first ? e.src_swept : e.dst_swept) = true;
    (client_first ? e.dst_probed : e.src_probed) = 20;
    return e;
  };
  const auto probe = [](flowclean::Port src, flowclean::Port dst) {
    FlowKey k = key(6, src, dst);
    k.probe = true;
    return k;
  };
  const flowclean::RowEvidence e = evidence(true);
  const auto kept = decide(probe(3000, 449), {policy, &e});
  CHECK(kept.rule == RuleId::kProbedDestination);
  CHECK(kept.action == Action::kKeep);
  // Recorded backwards, it is turned round, and back is kept.
  const flowclean::RowEvidence back = evidence(false);
  const auto flipped = decide(probe(449, 3000), {policy, &back});
  CHECK(flipped.rule == RuleId::kProbedSource);
  CHECK(flipped.action == Action::kFlip);
  // On a port in the dynamic range, or facing a well-known port, the
  // counts decide as before: the swept host, with 20x the peers.
  CHECK(decide(probe(3000, 40000), {policy, &e}).rule == RuleId::kProbedSource);
  CHECK(decide(probe(80, 449), {policy, &e}).rule == RuleId::kProbedSource);
}
