// The summary as JSON (--summary-json); summary_read.cc reads it back.
// The keys are documented in README.
#include "report/summary_json.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "flowclean/error.h"
#include "report/port_profile_json.h"

namespace flowclean {

namespace {

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (byte < 0x20) {
      out += fmt::format("\\u{:04x}", byte);
    } else {
      out.push_back(c);
    }
  }
  return out + "\"";
}

void render_counts_json(const Summary& s, std::string& out) {
  out += fmt::format(
      "  \"rows_read\": {},\n  \"rows_written\": {},\n  \"rows_flipped\": {},\n"
      "  \"rows_rejected\": {},\n  \"rows_malformed\": {},\n"
      "  \"blank_lines\": {},\n  \"lines_kept\": {},\n"
      "  \"rows_marked\": {},\n",
      s.rows_read, s.rows_written, s.rows_flipped, s.rows_rejected,
      s.rows_malformed, s.blank_lines, s.lines_kept, s.rows_marked);
  out += "  \"rules\": {";
  for (const Rule& rule : kRules) {
    if (rule.learned && !s.learned)
      continue;
    out += fmt::format("{}\"{}\": {}", rule.id == RuleId{} ? "" : ", ",
                       rule.name, s.by_rule[static_cast<std::size_t>(rule.id)]);
  }
  out += "},\n  \"flips_by_src_port\": {";
  const char* sep = "";
  for (std::size_t port = 0; port < s.flips_by_src_port.size(); ++port) {
    if (s.flips_by_src_port[port] == 0)
      continue;
    out += fmt::format("{}\"{}\": {}", sep, port, s.flips_by_src_port[port]);
    sep = ", ";
  }
  out += "},\n";
}

void render_tables_json(const Summary& s, std::string& out) {
  out += "  \"meaningless_by_protocol\": [";
  const char* sep = "";
  for (std::size_t id = 0; id < kProtocolIdCount; ++id) {
    if (s.meaningless_by_protocol[id] == 0)
      continue;
    out += fmt::format(
        "{}{{\"protocol\": {}, \"code\": {}, \"rows\": {}}}", sep,
        id == kUnnumberedProtocol ? "null" : fmt::format("{}", id),
        json_string(s.protocol_codes[id]), s.meaningless_by_protocol[id]);
    sep = ", ";
  }
  out += fmt::format("],\n  \"port_zero\": {{\"tcp\": {}, \"udp\": {}}},\n",
                     s.port_zero_tcp_udp[0], s.port_zero_tcp_udp[1]);
  out += "  \"malformed_by_kind\": {";
  sep = "";
  for (std::size_t k = 0; k < kProblemKindCount; ++k) {
    out += fmt::format("{}\"{}\": {}", sep,
                       problem_name(static_cast<ProblemKind>(k)),
                       s.malformed_by_kind[k]);
    sep = ", ";
  }
  out += "},\n";
  render_ports_json(s, out);
  out += "  \"inputs\": [";
  sep = "";
  for (const InputCounts& input : s.inputs) {
    out += fmt::format(
        "{}\n    {{\"name\": {}, \"rows_read\": {}, "
        "\"rows_flipped\": {}}}",
        sep, json_string(input.name), input.rows_read, input.rows_flipped);
    sep = ",";
  }
  out += s.inputs.empty() ? "]\n}\n" : "\n  ]\n}\n";
}

}  // namespace

std::string render_summary_json(const Summary& summary) {
  std::string out = "{\n";
  render_counts_json(summary, out);
  render_tables_json(summary, out);
  return out;
}

}  // namespace flowclean
