#include "report/learn_report.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "report/summary_text.h"

namespace flowclean {

namespace {

std::string approx(double estimate) {
  return grouped(static_cast<std::uint64_t>(std::llround(estimate)));
}

std::string port_line(const RankedPort& p) {
  return fmt::format(
      "{:<6} # {}: {} peer ports, {} conversations, {} as source, {} as "
      "destination\n",
      p.port, transport_name(p.udp), approx(p.peer_ports),
      grouped(p.evidence->conversations), grouped(p.evidence->as_src),
      grouped(p.evidence->as_dst));
}

}  // namespace

std::string render_service_ports_file(const Model& model) {
  std::string out = fmt::format(
      "# Service ports learned by `flowclean learn` from {} rows.\n"
      "# Most evidence first: distinct peer ports met in conversations\n"
      "# (payload both ways). Use: flowclean clean --service-ports-file FILE\n",
      grouped(model.evidence().rows()));
  std::set<Port> written;
  for (const RankedPort& p : model.service_ports()) {
    if (written.insert(p.port).second)
      out += port_line(p);
  }
  for (const HostVerdict& host : model.probing_hosts()) {
    if (!host.scanner)
      continue;
    out +=
        fmt::format("# scanner {}: probed {} endpoints on {} hosts, {} ports\n",
                    host.host->address, approx(host.peers),
                    approx(host.peer_hosts), approx(host.peer_ports));
  }
  return out;
}

namespace {

void render_scanners(const Model& model, unsigned top, std::string& out) {
  out += fmt::format("  {:<32} {:>9} {:>9} {:>7} {:>7} {:>7} {:>9} {}\n",
                     "host", "probes", "endpoints", "hosts", "ports", "<=1024",
                     "own ports", "verdict");
  unsigned shown = 0;
  for (const HostVerdict& host : model.probing_hosts()) {
    if (shown++ == top)
      break;
    out += fmt::format(
        "  {:<32} {:>9} {:>9} {:>7} {:>7} {:>7} {:>9} {}\n", host.host->address,
        grouped(host.host->probes), approx(host.peers), approx(host.peer_hosts),
        approx(host.peer_ports), approx(host.low_ports), approx(host.own_ports),
        host.scanner  ? "scanner"
        : host.probed ? "probed"
                      : "-");
  }
}

void render_ranked(const Model& model, unsigned top, std::string& out) {
  out += fmt::format("  {:<6} {:>6} {:>12} {:>14}\n", "proto", "port",
                     "peer ports", "conversations");
  unsigned shown = 0;
  for (const RankedPort& p : model.service_ports()) {
    if (shown++ == top)
      break;
    out += fmt::format("  {:<6} {:>6} {:>12} {:>14}\n", transport_name(p.udp),
                       p.port, approx(p.peer_ports),
                       grouped(p.evidence->conversations));
  }
}

}  // namespace

constexpr const char* kEstimateNote =
    "  (distinct counts above 16 are estimates, within about 25%)\n";

std::string render_learn_text(const Model& model, unsigned top) {
  const auto ports = model.service_ports();
  const auto hosts = model.probing_hosts();
  const auto scanners = std::count_if(hosts.begin(), hosts.end(),
                                      [](const auto& h) { return h.scanner; });
  std::string out = fmt::format(
      "flowclean: learned from {} rows: {} service ports, {} server "
      "endpoints kept, {} scanners\n",
      grouped(model.evidence().rows()), ports.size(),
      grouped(model.evidence().endpoints.size()), scanners);
  const Dropped& dropped = model.evidence().dropped();
  if (dropped.any()) {
    out += fmt::format(
        "memory cap reached: left out {} hosts with {} probes and {} "
        "endpoints with {} conversations, the lightest, to bound memory: the "
        "model is approximate (doc/bad-input.md)\n",
        grouped(dropped.hosts), grouped(dropped.probes),
        grouped(dropped.endpoints), grouped(dropped.conversations));
  }
  render_ranked(model, top, out);
  if (scanners > 0)
    render_scanners(model, static_cast<unsigned>(scanners), out);
  return out + kEstimateNote;
}

namespace {

void render_recorded(const Model& model, bool as_destination, unsigned top,
                     std::string& out) {
  struct Row {
    std::uint64_t count;
    bool udp;
    Port port;
  };
  std::vector<Row> rows;
  for (const bool udp : {false, true}) {
    for (unsigned p = 0; p < 65536; ++p) {
      const auto& e = model.evidence().port(udp, static_cast<Port>(p));
      const std::uint64_t n = as_destination ? e.as_dst : e.as_src;
      if (n > 0)
        rows.push_back({n, udp, static_cast<Port>(p)});
    }
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.count != b.count
               ? a.count > b.count
               : std::tie(a.udp, a.port) < std::tie(b.udp, b.port);
  });
  out += fmt::format("top {} ports, as recorded:\n  {:<6} {:>6} {:>14}\n",
                     as_destination ? "destination" : "source", "proto", "port",
                     "rows");
  for (std::size_t i = 0; i < rows.size() && i < top; ++i) {
    out += fmt::format("  {:<6} {:>6} {:>14}\n", transport_name(rows[i].udp),
                       rows[i].port, grouped(rows[i].count));
  }
}

std::uint64_t flips_at(const Summary& s, unsigned port) {
  return s.flips_by_src_port.empty() ? 0 : s.flips_by_src_port[port];
}

// `after` is null when nothing was learned: the default rules alone.
void render_flip_change(const Summary& before, const Summary* after,
                        unsigned top, std::string& out) {
  const auto learned_at = [after](unsigned p) {
    return after != nullptr ? flips_at(*after, p) : 0;
  };
  std::vector<std::pair<std::uint64_t, Port>> ports;
  for (unsigned p = 0; p < 65536; ++p) {
    const std::uint64_t most = std::max(flips_at(before, p), learned_at(p));
    if (most > 0)
      ports.push_back({most, static_cast<Port>(p)});
  }
  std::stable_sort(
      ports.begin(), ports.end(),
      [](const auto& a, const auto& b) { return a.first > b.first; });
  const std::string_view what =
      before.rows_marked > 0 ? "marked as replies" : "flipped";
  const auto learned_text = [after](std::uint64_t n) {
    return after != nullptr ? grouped(n) : std::string("-");
  };
  out += fmt::format(
      "{}, by the source port the record had (default rules -> "
      "learned):\n  {:>6} {:>14} {:>14}\n",
      what, "port", "default", "learned");
  for (std::size_t i = 0; i < ports.size() && i < top; ++i) {
    const Port p = ports[i].second;
    out +=
        fmt::format("  {:>6} {:>14} {:>14}\n", p, grouped(flips_at(before, p)),
                    learned_text(learned_at(p)));
  }
  out += fmt::format("  {:>6} {:>14} {:>14}\n", "all",
                     grouped(before.rows_flipped),
                     learned_text(after != nullptr ? after->rows_flipped : 0));
}

}  // namespace

std::string render_stats(const Model& model, const Summary& by_default,
                         const std::optional<Summary>& learned,
                         std::string_view no_payload, unsigned top) {
  std::string out = fmt::format("{} rows\n", grouped(by_default.rows_read));
  render_recorded(model, true, top, out);
  render_recorded(model, false, top, out);
  if (!no_payload.empty()) {
    // Probes and conversations are told apart by the payload each side
    // sent: without it, a guess would be the learned rules' only evidence.
    out += fmt::format(
        "not learned: format {} has no payload columns, which probing hosts, "
        "service ports and the learned rules are found by (doc/formats.md)\n",
        no_payload);
  } else {
    out += "hosts that probe (records with no payload either way):\n";
    render_scanners(model, top, out);
    out += "learned service ports:\n";
    render_ranked(model, top, out);
  }
  render_flip_change(by_default, learned ? &*learned : nullptr, top, out);
  return no_payload.empty() ? out + kEstimateNote : out;
}

}  // namespace flowclean
