// The summary JSON read back (flowclean combine). Strict: a file that is not
// a summary in this layout is an error naming the file and the key, since a
// combined total that quietly dropped a count would be wrong without a trace.
// So a key given twice is an error too (JSON parsers keep the last), and so
// is a port key not spelled as flowclean writes it ("080" beside "80").
#include "report/summary_read.h"

#include <algorithm>
#include <set>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "flowclean/error.h"
#include "io/source.h"
#include "report/json_fields.h"
#include "report/port_profile_json.h"
#include "report/summary_check.h"

namespace flowclean {

namespace {

/// Reads one summary; every complaint names the file and the key path.
class SummaryReader : JsonFields {
 public:
  explicit SummaryReader(const std::string& file) : JsonFields(file) {}

  Summary read(const Json& top) {
    const Json& root = object(top, "the file");
    check_keys(
        root, "",
        {"rows_read", "rows_written", "rows_flipped", "rows_rejected",
         "rows_malformed", "blank_lines", "lines_kept", "rows_marked", "rules",
         "flips_by_src_port", "meaningless_by_protocol", "port_zero",
         "malformed_by_kind", "inputs", "ports", "first_malformed"});
    Summary s;
    s.rows_read = count(root, "rows_read");
    s.rows_written = count(root, "rows_written");
    s.rows_flipped = count(root, "rows_flipped");
    s.rows_rejected = count(root, "rows_rejected");
    s.rows_malformed = count(root, "rows_malformed");
    s.blank_lines = count(root, "blank_lines");
    // Summaries from before formats with comment lines have none: 0.
    if (root.contains("lines_kept"))
      s.lines_kept = count(root, "lines_kept");
    if (root.contains("rows_marked"))
      s.rows_marked = count(root, "rows_marked");
    read_rules(root.at("rules"), s);
    read_flips(root.at("flips_by_src_port"), s);
    read_meaningless(root.at("meaningless_by_protocol"), s);
    const Json& zero = object(root.at("port_zero"), "port_zero");
    check_keys(zero, "port_zero.", {"tcp", "udp"});
    s.port_zero_tcp_udp = {count(zero, "tcp", "port_zero."),
                           count(zero, "udp", "port_zero.")};
    read_malformed(root.at("malformed_by_kind"), s);
    read_inputs(root.at("inputs"), s);
    // Summaries from before the report have neither: their total has no
    // port tables (PortProfile::missing), and names no malformed line.
    if (root.contains("ports"))
      read_ports(*this, root.at("ports"), s.ports);
    else
      s.ports.missing = true;
    if (root.contains("first_malformed"))
      read_first_malformed(*this, root.at("first_malformed"), s);
    return s;
  }

 private:
  void read_rules(const Json& rules, Summary& s) const {
    object(rules, "rules");
    std::size_t learned = 0;
    for (const auto& item : rules.items()) {
      const auto rule =
          std::find_if(kRules.begin(), kRules.end(),
                       [&](const Rule& r) { return r.name == item.key(); });
      if (rule == kRules.end())
        fail("rules." + item.key(), "unknown rule");
      learned += rule->learned ? 1 : 0;
      s.by_rule[static_cast<std::size_t>(rule->id)] =
          number(item.value(), "rules." + item.key());
    }
    s.learned = learned > 0;
    for (const Rule& rule : kRules) {
      // Summaries written before the handshake rules, or before the
      // dynamic-port pair, lack them: 0.
      const bool newer = rule.id == RuleId::kHandshakeSource ||
                         rule.id == RuleId::kHandshakeDestination ||
                         rule.id == RuleId::kDynamicPortDestination ||
                         rule.id == RuleId::kDynamicPortSource;
      if (!rules.contains(rule.name) && (s.learned || !rule.learned) && !newer)
        fail(fmt::format("rules.{}", rule.name), "missing");
    }
  }

  void read_flips(const Json& flips, Summary& s) const {
    object(flips, "flips_by_src_port");
    for (const auto& item : flips.items()) {
      const std::string key = "flips_by_src_port." + item.key();
      const auto port = parse_port(item.key());
      if (!port || std::to_string(*port) != item.key())
        fail(key, "not a port number as flowclean writes it (0-65535)");
      s.count_flip(*port);  // makes the table on the first port
      s.flips_by_src_port[*port] = number(item.value(), key);
    }
  }

  void read_meaningless(const Json& entries, Summary& s) const {
    list(entries, "meaningless_by_protocol");
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const std::string key = fmt::format("meaningless_by_protocol[{}]", i);
      const Json& entry = object(entries[i], key);
      check_keys(entry, key + ".", {"protocol", "code", "rows"});
      std::size_t id = kUnnumberedProtocol;
      if (!entry.at("protocol").is_null()) {
        id = number(entry.at("protocol"), key + ".protocol");
        if (id >= kUnnumberedProtocol)
          fail(key + ".protocol", "not a protocol number (0-255 or null)");
      }
      if (!s.protocol_codes[id].empty() || s.meaningless_by_protocol[id] != 0)
        fail(key + ".protocol", "given twice");
      s.protocol_codes[id] = text(entry, "code", key + ".");
      s.meaningless_by_protocol[id] = count(entry, "rows", key + ".");
    }
  }

  void read_malformed(const Json& kinds, Summary& s) const {
    object(kinds, "malformed_by_kind");
    for (const auto& item : kinds.items()) {
      const std::string key = "malformed_by_kind." + item.key();
      const std::size_t k = problem_kind(item.key(), key);
      s.malformed_by_kind[k] = number(item.value(), key);
    }
    for (std::size_t k = 0; k < kProblemKindCount; ++k) {
      const std::string name(problem_name(static_cast<ProblemKind>(k)));
      // Summaries written before JSON lines were read have no not-json:
      // they combine with new ones, their count 0.
      if (!kinds.contains(name) &&
          k != static_cast<std::size_t>(ProblemKind::kNotJson))
        fail("malformed_by_kind." + name, "missing");
    }
  }

  void read_inputs(const Json& entries, Summary& s) const {
    list(entries, "inputs");
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const std::string key = fmt::format("inputs[{}]", i);
      const Json& entry = object(entries[i], key);
      check_keys(entry, key + ".", {"name", "rows_read", "rows_flipped"});
      s.inputs.push_back({text(entry, "name", key + "."),
                          count(entry, "rows_read", key + "."),
                          count(entry, "rows_flipped", key + ".")});
    }
  }
};

/// Parses JSON, refusing a key given twice in one object.
Json parse_strictly(const std::string& text, const std::string& file) {
  std::vector<std::set<std::string>> keys;
  const Json::parser_callback_t on_event =
      [&](int /*depth*/, Json::parse_event_t event, Json& parsed) {
        if (event == Json::parse_event_t::object_start) {
          keys.emplace_back();
        } else if (event == Json::parse_event_t::object_end) {
          keys.pop_back();
        } else if (event == Json::parse_event_t::key &&
                   !keys.back().insert(parsed.get<std::string>()).second) {
          throw Error(file, 0,
                      fmt::format("\"{}\": given twice in one object",
                                  parsed.get<std::string>()));
        }
        return true;
      };
  try {
    return Json::parse(text, on_event);
  } catch (const Json::exception& error) {
    // nlohmann's text starts "[json.exception.parse_error.101] parse error
    // at line L, column C: ..."; the bracketed id means nothing to a user.
    // Not only parse errors: a number too big for a double (5e2222) is an
    // out_of_range error, and escaped to main without the file's name
    // (found by tests/fuzz/summary_fuzz.cc).
    const std::string_view what = error.what();
    const std::size_t start = what.find("] ");
    throw Error(
        file, 0,
        std::string(start == std::string_view::npos ? what
                                                    : what.substr(start + 2)));
  }
}

}  // namespace

Summary parse_summary_json(const std::string& text, const std::string& file) {
  Summary summary = SummaryReader(file).read(parse_strictly(text, file));
  check_summary(summary, file);
  return summary;
}

Summary read_summary_file(const std::string& path) {
  return parse_summary_json(read_whole_file(path), path);
}

}  // namespace flowclean
