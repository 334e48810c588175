// The summary as JSON (--summary-json) and back again (flowclean combine).
// The keys are documented in README. Reading is strict: a file that is not
// a summary in this layout is an error naming the file and the key, since a
// combined total that quietly dropped a count would be wrong without a trace.
#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "flowclean/error.h"
#include "flowclean/source.h"
#include "flowclean/summary.h"

namespace flowclean {

namespace {

using Json = nlohmann::json;

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
      "  \"blank_lines\": {},\n",
      s.rows_read, s.rows_written, s.rows_flipped, s.rows_rejected,
      s.rows_malformed, s.blank_lines);
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
  out += "},\n  \"inputs\": [";
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

/// Reads one summary; every complaint names the file and the key path.
class SummaryReader {
 public:
  explicit SummaryReader(const std::string& file) : file_(file) {}

  Summary read(const Json& top) {
    const Json& root = object(top, "the file");
    check_keys(root, "",
               {"rows_read", "rows_written", "rows_flipped", "rows_rejected",
                "rows_malformed", "blank_lines", "rules", "flips_by_src_port",
                "meaningless_by_protocol", "port_zero", "malformed_by_kind",
                "inputs"});
    Summary s;
    s.rows_read = count(root, "rows_read");
    s.rows_written = count(root, "rows_written");
    s.rows_flipped = count(root, "rows_flipped");
    s.rows_rejected = count(root, "rows_rejected");
    s.rows_malformed = count(root, "rows_malformed");
    s.blank_lines = count(root, "blank_lines");
    if (s.rows_read != s.rows_written + s.rows_rejected)
      fail("", "rows_read is not rows_written + rows_rejected");
    read_rules(root.at("rules"), s);
    read_flips(root.at("flips_by_src_port"), s);
    read_meaningless(root.at("meaningless_by_protocol"), s);
    const Json& zero = object(root.at("port_zero"), "port_zero");
    check_keys(zero, "port_zero.", {"tcp", "udp"});
    s.port_zero_tcp_udp = {count(zero, "tcp", "port_zero."),
                           count(zero, "udp", "port_zero.")};
    read_malformed(root.at("malformed_by_kind"), s);
    read_inputs(root.at("inputs"), s);
    return s;
  }

 private:
  [[noreturn]] void fail(const std::string& key,
                         const std::string& what) const {
    throw Error(file_, 0,
                key.empty() ? what : fmt::format("\"{}\": {}", key, what));
  }

  const Json& object(const Json& value, const std::string& key) const {
    if (!value.is_object())
      fail(key, "expected an object");
    return value;
  }

  const Json& list(const Json& value, const std::string& key) const {
    if (!value.is_array())
      fail(key, "expected a list");
    return value;
  }

  std::string text(const Json& object, const std::string& key,
                   const std::string& prefix) const {
    const Json& value = object.at(key);
    if (!value.is_string())
      fail(prefix + key, "expected a string");
    return value.get<std::string>();
  }

  std::uint64_t number(const Json& value, const std::string& key) const {
    if (!value.is_number_unsigned())
      fail(key, "expected a count (a whole number, 0 or more)");
    return value.get<std::uint64_t>();
  }

  std::uint64_t count(const Json& object, const std::string& key,
                      const std::string& prefix = "") const {
    return number(object.at(key), prefix + key);
  }

  void check_keys(const Json& object, const std::string& prefix,
                  std::initializer_list<const char*> keys) const {
    for (const char* key : keys) {
      if (!object.contains(key))
        fail(prefix + key, "missing");
    }
    for (const auto& item : object.items()) {
      if (std::none_of(keys.begin(), keys.end(),
                       [&](const char* key) { return item.key() == key; }))
        fail(prefix + item.key(), "unknown key (not a flowclean summary?)");
    }
  }

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
      if (!rules.contains(rule.name) && (s.learned || !rule.learned))
        fail(fmt::format("rules.{}", rule.name), "missing");
    }
  }

  void read_flips(const Json& flips, Summary& s) const {
    object(flips, "flips_by_src_port");
    for (const auto& item : flips.items()) {
      const std::string key = "flips_by_src_port." + item.key();
      const auto port = parse_port(item.key());
      if (!port)
        fail(key, "not a port number");
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
      s.protocol_codes[id] = text(entry, "code", key + ".");
      s.meaningless_by_protocol[id] = count(entry, "rows", key + ".");
    }
  }

  void read_malformed(const Json& kinds, Summary& s) const {
    object(kinds, "malformed_by_kind");
    for (const auto& item : kinds.items()) {
      const std::string key = "malformed_by_kind." + item.key();
      std::size_t k = 0;
      while (k < kProblemKindCount &&
             problem_name(static_cast<ProblemKind>(k)) != item.key())
        ++k;
      if (k == kProblemKindCount)
        fail(key, "unknown kind of malformed row");
      s.malformed_by_kind[k] = number(item.value(), key);
    }
    for (std::size_t k = 0; k < kProblemKindCount; ++k) {
      const std::string name(problem_name(static_cast<ProblemKind>(k)));
      if (!kinds.contains(name))
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

  const std::string& file_;
};

}  // namespace

std::string render_summary_json(const Summary& summary) {
  std::string out = "{\n";
  render_counts_json(summary, out);
  render_tables_json(summary, out);
  return out;
}

Summary parse_summary_json(const std::string& text, const std::string& file) {
  Json root;
  try {
    root = Json::parse(text);
  } catch (const Json::parse_error& error) {
    // nlohmann's text starts "[json.exception.parse_error.101] parse error
    // at line L, column C: ..."; the bracketed id means nothing to a user.
    const std::string_view what = error.what();
    const std::size_t start = what.find("] ");
    throw Error(
        file, 0,
        std::string(start == std::string_view::npos ? what
                                                    : what.substr(start + 2)));
  }
  return SummaryReader(file).read(root);
}

Summary read_summary_file(const std::string& path) {
  return parse_summary_json(read_whole_file(path), path);
}

}  // namespace flowclean
