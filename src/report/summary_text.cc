// Renders a Summary for people (stderr).
#include "report/summary_text.h"

#include <algorithm>

#include <fmt/format.h>

namespace flowclean {

std::string grouped(std::uint64_t value) {
  std::string digits = fmt::format("{}", value);
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0)
      out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

namespace {

std::string protocol_label(std::size_t id) {
  return id == kUnnumberedProtocol ? std::string("-") : fmt::format("{}", id);
}

// Only formats that record the handshake (Zeek, Argus) have rows these
// decide: shown where they did, so other formats' tables stay as they were.
bool is_handshake_rule(RuleId id) {
  return id == RuleId::kHandshakeSource || id == RuleId::kHandshakeDestination;
}

void render_rules(const Summary& s, std::string& out) {
  const auto shown = [&s](const Rule& rule) {
    return (!rule.learned || s.learned) &&
           (!is_handshake_rule(rule.id) ||
            s.by_rule[static_cast<std::size_t>(rule.id)] > 0);
  };
  // As wide as the longest name shown (the learned rules' are longer).
  std::size_t width = 20;
  for (const Rule& rule : kRules) {
    if (shown(rule))
      width = std::max(width, rule.name.size());
  }
  out +=
      fmt::format("  {:<{}} {:<8} {:>14}\n", "rule", width, "action", "rows");
  for (const Rule& rule : kRules) {
    if (!shown(rule))
      continue;
    out += fmt::format("  {:<{}} {:<8} {:>14}\n", rule.name, width,
                       action_name(rule.action),
                       grouped(s.by_rule[static_cast<std::size_t>(rule.id)]));
  }
}

void render_flips(const Summary& s, std::string& out) {
  if (s.rows_flipped == 0)
    return;
  out += "flipped, by the source port the record had:\n";
  out += fmt::format("  {:>8} {:>14}\n", "port", "rows");
  for (std::size_t port = 0; port < s.flips_by_src_port.size(); ++port) {
    if (s.flips_by_src_port[port] == 0)
      continue;
    out += fmt::format("  {:>8} {:>14}\n", port,
                       grouped(s.flips_by_src_port[port]));
  }
}

void render_meaningless(const Summary& s, std::string& out) {
  const std::uint64_t total =
      s.by_rule[static_cast<std::size_t>(RuleId::kPortsMeaningless)];
  if (total == 0)
    return;
  out += "ports meaningless (not TCP or UDP), by protocol:\n";
  out += fmt::format("  {:>8} {:<8} {:>14}\n", "protocol", "code", "rows");
  for (std::size_t id = 0; id < kProtocolIdCount; ++id) {
    if (s.meaningless_by_protocol[id] == 0)
      continue;
    out +=
        fmt::format("  {:>8} {:<8} {:>14}\n", protocol_label(id),
                    s.protocol_codes[id].empty() ? "-" : s.protocol_codes[id],
                    grouped(s.meaningless_by_protocol[id]));
  }
}

void render_malformed(const Summary& s, std::string& out) {
  if (s.rows_malformed == 0 && s.blank_lines == 0 && s.lines_kept == 0)
    return;
  if (s.rows_malformed > 0) {
    out += fmt::format("malformed rows: {} ({} rejected, {} passed through)\n",
                       grouped(s.rows_malformed), grouped(s.rows_rejected),
                       grouped(s.rows_malformed - s.rows_rejected));
    for (std::size_t k = 0; k < kProblemKindCount; ++k) {
      if (s.malformed_by_kind[k] == 0)
        continue;
      out += fmt::format("  {:<20} {:>14}\n",
                         problem_name(static_cast<ProblemKind>(k)),
                         grouped(s.malformed_by_kind[k]));
    }
  }
  if (s.blank_lines > 0) {
    out += fmt::format("blank lines dropped: {}\n", grouped(s.blank_lines));
  }
  if (s.lines_kept > 0) {
    out += fmt::format("comment and trailer lines kept: {}\n",
                       grouped(s.lines_kept));
  }
}

}  // namespace

std::string render_summary_text(const Summary& s) {
  const std::uint64_t kept = s.rows_written - s.rows_flipped;
  std::string out =
      fmt::format("flowclean: {} rows read: {} kept, {} flipped, {} rejected\n",
                  grouped(s.rows_read), grouped(kept), grouped(s.rows_flipped),
                  grouped(s.rows_rejected));
  if (s.rows_marked > 0) {
    out += fmt::format(
        "of the flipped, {} are rows of one direction (SiLK): marked reply "
        "in flowcleanAction, their bytes unchanged\n",
        grouped(s.rows_marked));
  }
  render_rules(s, out);
  render_flips(s, out);
  render_meaningless(s, out);
  const auto& zero = s.port_zero_tcp_udp;
  if (zero[0] + zero[1] > 0) {
    out += fmt::format("port 0 on TCP/UDP (kept): {} TCP, {} UDP\n",
                       grouped(zero[0]), grouped(zero[1]));
  }
  render_malformed(s, out);
  return out;
}

}  // namespace flowclean
