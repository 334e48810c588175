// "ports": {"tcp": {"src": RUNS, "dst": RUNS, "flipped_src": RUNS,
// "flipped_dst": RUNS, "density": [[src_bin, dst_bin, rows, flipped], ...]},
// "udp": ...}. RUNS is a port table from port 0 up: a count of 1 or more is
// the next port's, a negative number -k skips k ports that have none, and
// the ports after the last count have none. Sparse where ports are few
// (the sample chunks: 3,000 rows, 26 KB; a list of [port, count] pairs took
// 61 KB), about five bytes a port where every port has rows.
#include "report/port_profile_json.h"

#include <fmt/format.h>

namespace flowclean {

namespace {

void render_runs(const std::vector<std::uint64_t>& counts, std::string& out) {
  out += "[";
  const char* sep = "";
  std::size_t gap = 0;
  for (const std::uint64_t count : counts) {
    if (count == 0) {
      ++gap;
      continue;
    }
    if (gap > 0)
      out += fmt::format("{}-{}", sep, gap);
    out += fmt::format("{}{}", gap > 0 ? ", " : sep, count);
    gap = 0;
    sep = ", ";
  }
  out += "]";
}

void render_protocol(const ProtocolPorts& p, std::string& out) {
  const std::pair<const char*, const std::vector<std::uint64_t>*> tables[] = {
      {"src", &p.src},
      {"dst", &p.dst},
      {"flipped_src", &p.flipped_src},
      {"flipped_dst", &p.flipped_dst}};
  out += "{";
  for (const auto& [name, counts] : tables) {
    out += fmt::format("\"{}\": ", name);
    render_runs(*counts, out);
    out += ",\n      ";
  }
  out += "\"density\": [";
  const char* sep = "";
  for (std::size_t cell = 0; cell < p.density.size(); ++cell) {
    if (p.density[cell] == 0)
      continue;
    out +=
        fmt::format("{}[{}, {}, {}, {}]", sep, cell / kPortBins,
                    cell % kPortBins, p.density[cell], p.flipped_density[cell]);
    sep = ", ";
  }
  out += "]}";
}

std::vector<std::uint64_t> entry(const JsonFields& fields, const Json& value,
                                 const std::string& key, std::size_t size) {
  fields.list(value, key);
  if (value.size() != size)
    fields.fail(key, fmt::format("expected a list of {} counts", size));
  std::vector<std::uint64_t> numbers;
  for (std::size_t i = 0; i < size; ++i)
    numbers.push_back(fields.number(value[i], fmt::format("{}[{}]", key, i)));
  return numbers;
}

void read_runs(const JsonFields& fields, const Json& list,
               const std::string& key, std::vector<std::uint64_t>& counts) {
  fields.list(list, key);
  std::size_t port = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = fmt::format("{}[{}]", key, i);
    const Json& value = list[i];
    std::uint64_t ports = 1;
    if (value.is_number_integer() && !value.is_number_unsigned()) {
      ports = static_cast<std::uint64_t>(-(value.get<std::int64_t>() + 1)) + 1;
    } else if (fields.number(value, at) == 0) {
      fields.fail(at, "a count of 0 is written as a skip (-1)");
    }
    if (ports > ProtocolPorts::kPorts - port)
      fields.fail(at, "runs past port 65535");
    if (value.is_number_unsigned())
      counts[port] = value.get<std::uint64_t>();
    port += static_cast<std::size_t>(ports);
  }
}

void read_density(const JsonFields& fields, const Json& list,
                  const std::string& key, ProtocolPorts& p) {
  fields.list(list, key);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = fmt::format("{}[{}]", key, i);
    const auto n = entry(fields, list[i], at, 4);
    if (n[0] >= kPortBins || n[1] >= kPortBins)
      fields.fail(at, fmt::format("not a port bin (0-{})", kPortBins - 1));
    const std::size_t cell = n[0] * kPortBins + n[1];
    if (p.density[cell] != 0)
      fields.fail(at, "cell given twice");
    if (n[2] == 0)
      fields.fail(at, "a cell with no rows is not listed");
    p.density[cell] = n[2];
    p.flipped_density[cell] = n[3];
  }
}

}  // namespace

void render_ports_json(const Summary& s, std::string& out) {
  if (!s.ports.missing) {
    out += "  \"ports\": {";
    const char* sep = "";
    const auto& protocols = s.ports.protocols();
    for (std::size_t i = 0; i < protocols.size(); ++i) {
      if (protocols[i].empty())
        continue;
      out += fmt::format("{}\n    \"{}\": ", sep, PortProfile::kNames[i]);
      render_protocol(protocols[i], out);
      sep = ",";
    }
    out += *sep == '\0' ? "},\n" : "\n  },\n";
  }
  out += "  \"first_malformed\": {";
  const char* sep = "";
  for (std::size_t k = 0; k < kProblemKindCount; ++k) {
    if (s.first_malformed[k].empty())
      continue;
    out += fmt::format("{}\"{}\": [", sep,
                       problem_name(static_cast<ProblemKind>(k)));
    const char* item_sep = "";
    for (const LineAt& at : s.first_malformed[k]) {
      out +=
          fmt::format("{}[{}, {}]", item_sep, Json(at.input).dump(), at.line);
      item_sep = ", ";
    }
    out += "]";
    sep = ", ";
  }
  out += "},\n";
}

void read_ports(const JsonFields& fields, const Json& ports,
                PortProfile& profile) {
  fields.object(ports, "ports");
  fields.check_keys(ports, "ports.", {"tcp", "udp"}, false);
  for (std::size_t i = 0; i < PortProfile::kNames.size(); ++i) {
    const std::string name = PortProfile::kNames[i];
    if (!ports.contains(name))
      continue;
    const std::string key = "ports." + name;
    const Json& protocol = fields.object(ports.at(name), key);
    fields.check_keys(protocol, key + ".",
                      {"src", "dst", "flipped_src", "flipped_dst", "density"});
    ProtocolPorts& p = profile.protocol_to_fill(i);
    p.allocate();
    read_runs(fields, protocol.at("src"), key + ".src", p.src);
    read_runs(fields, protocol.at("dst"), key + ".dst", p.dst);
    read_runs(fields, protocol.at("flipped_src"), key + ".flipped_src",
              p.flipped_src);
    read_runs(fields, protocol.at("flipped_dst"), key + ".flipped_dst",
              p.flipped_dst);
    read_density(fields, protocol.at("density"), key + ".density", p);
  }
}

void read_first_malformed(const JsonFields& fields, const Json& kinds,
                          Summary& s) {
  fields.object(kinds, "first_malformed");
  for (const auto& item : kinds.items()) {
    const std::string key = "first_malformed." + item.key();
    const std::size_t k = fields.problem_kind(item.key(), key);
    fields.list(item.value(), key);
    if (item.value().size() > kFirstMalformedKept)
      fields.fail(key, fmt::format("more than {} lines", kFirstMalformedKept));
    for (std::size_t i = 0; i < item.value().size(); ++i) {
      const std::string at = fmt::format("{}[{}]", key, i);
      const Json& pair = fields.list(item.value()[i], at);
      if (pair.size() != 2 || !pair[0].is_string())
        fields.fail(at, "expected [input, line]");
      s.first_malformed[k].push_back(
          {pair[0].get<std::string>(), fields.number(pair[1], at + "[1]")});
    }
  }
}

}  // namespace flowclean
