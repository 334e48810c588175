// With --model: what the model learned, as the report shows it.
#include <cmath>

#include <fmt/format.h>

#include "report/html.h"
#include "report/report_sections.h"
#include "report/summary_text.h"

namespace flowclean {

namespace {

/// Rows shown of the learned services and of the probing hosts.
constexpr std::size_t kTopLearned = 20;

std::string approx(double estimate) {
  return grouped(static_cast<std::uint64_t>(std::llround(estimate)));
}

std::string services(const Model& model) {
  const auto ports = model.service_ports();
  HtmlTable table{
      "learned-services",
      fmt::format("{} service ports learned; the {} with most "
                  "evidence",
                  ports.size(), std::min(ports.size(), kTopLearned)),
      {"proto", "port", "peer ports", "conversations", "as source",
       "as destination"},
      {false, true, true, true, true, true},
      {}};
  std::vector<Bar> bars;
  for (std::size_t i = 0; i < ports.size() && i < kTopLearned; ++i) {
    const RankedPort& p = ports[i];
    table.rows.push_back(
        {std::string(transport_name(p.udp)), std::to_string(p.port),
         approx(p.peer_ports), grouped(p.evidence->conversations),
         grouped(p.evidence->as_src), grouped(p.evidence->as_dst)});
    bars.push_back({fmt::format("{} {}", transport_name(p.udp), p.port),
                    static_cast<std::uint64_t>(std::llround(p.peer_ports))});
  }
  std::uint64_t most = 0;
  for (const Bar& bar : bars) most = std::max(most, bar.value);
  // Six columns: the table gets the page's width, under its chart.
  return "<h3>Learned services</h3><figure class=\"wide\"><figcaption>"
         "Distinct peer ports met in conversations</figcaption>" +
         svg_bars("Learned service ports by distinct peer ports", bars, most,
                  true) +
         "</figure>" + render_table(table) + "\n";
}

std::string probing_hosts(const Model& model) {
  HtmlTable table{"probing-hosts",
                  "",
                  {"host", "verdict", "probes", "endpoints", "hosts", "ports",
                   "ports 1-1024", "conversations"},
                  {false, false, true, true, true, true, true, true},
                  {}};
  std::size_t shown = 0;
  for (const HostVerdict& host : model.probing_hosts()) {
    if (!host.scanner && !host.probed)
      continue;
    if (shown++ == kTopLearned)
      break;
    table.rows.push_back(
        {html_escape(host.host->address),
         host.scanner ? "scanner" : (host.swept ? "probed (swept)" : "probed"),
         grouped(host.host->probes), approx(host.peers),
         approx(host.peer_hosts), approx(host.peer_ports),
         approx(host.low_ports), grouped(host.conversations)});
  }
  return "<h3>Scanners and probed hosts</h3><p class=\"note\">A scanner "
         "starts what it is in, so rows toward it are replies; a probed host "
         "is the target of probes. Counts above 16 are estimates, within "
         "about 25%.</p>" +
         render_table(table);
}

}  // namespace

std::string model_section(const Model& model) {
  return fmt::format(
             "<section id=\"model\"><h2>What the model learned</h2><p>From "
             "{} rows.</p>",
             grouped(model.evidence().rows())) +
         services(model) + probing_hosts(model) + "</section>\n";
}

}  // namespace flowclean
