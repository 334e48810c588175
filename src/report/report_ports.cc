// The write-up's two tables, top destination and top source ports, before
// and after cleaning, and the source x destination port density.
#include <algorithm>

#include <fmt/format.h>

#include "report/html.h"
#include "report/report_sections.h"
#include "report/summary_text.h"

namespace flowclean {

namespace {

using PortCount = std::pair<std::uint64_t, Port>;

/// The ports with the most rows, most first, then by port number.
template <typename CountOf>
std::vector<PortCount> top_ports(CountOf count_of) {
  std::vector<PortCount> all;
  for (std::size_t port = 0; port < ProtocolPorts::kPorts; ++port) {
    const std::uint64_t n = count_of(static_cast<Port>(port));
    if (n > 0)
      all.emplace_back(n, static_cast<Port>(port));
  }
  const auto first = [](const PortCount& a, const PortCount& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  };
  const std::size_t shown = std::min(all.size(), kTopPorts);
  std::partial_sort(all.begin(), all.begin() + static_cast<long>(shown),
                    all.end(), first);
  all.resize(shown);
  return all;
}

std::string top_figure(const std::string& id, const std::string& title,
                       const std::vector<PortCount>& top, std::uint64_t rows,
                       std::uint64_t scale, bool after) {
  HtmlTable table{id, "", {"port", "rows", "share"}, {true, true, true}, {}};
  std::vector<Bar> bars;
  for (const auto& [count, port] : top) {
    table.rows.push_back(
        {std::to_string(port), grouped(count), share(count, rows)});
    bars.push_back({std::to_string(port), count});
  }
  return fmt::format("<figure><figcaption>{}</figcaption>{}{}</figure>", title,
                     svg_bars(title, bars, scale, after), render_table(table));
}

std::string top_pair(const ProtocolPorts& p, const char* name,
                     const char* title, bool destination) {
  const auto before = top_ports(
      [&](Port port) { return destination ? p.dst[port] : p.src[port]; });
  const auto after = top_ports([&](Port port) {
    return destination ? p.dst_after(port) : p.src_after(port);
  });
  std::uint64_t scale = 0;
  for (const auto* top : {&before, &after}) {
    if (!top->empty())
      scale = std::max(scale, top->front().first);
  }
  const char* side = destination ? "destination" : "source";
  const std::string id =
      fmt::format("{}-{}", name, destination ? "dst" : "src");
  return fmt::format(
      "<h3>{0}: top {1} ports</h3><div class=\"pair\">{2}{3}</div>\n", title,
      side,
      top_figure(id + "-before", "before cleaning", before, p.rows(), scale,
                 false),
      top_figure(id + "-after", "after cleaning", after, p.rows(), scale,
                 true));
}

std::string bin_label(std::size_t bin) {
  const unsigned low = bin_low(bin);
  return low >= 1024 ? fmt::format("{}K", low / 1024) : std::to_string(low);
}

std::string bin_range(std::size_t bin) {
  const unsigned low = bin_low(bin);
  const unsigned high = bin == 0 ? 0 : 2 * low - 1;
  return low == high ? std::to_string(low) : fmt::format("{}-{}", low, high);
}

std::string density_cells(const ProtocolPorts& p, const std::string& id) {
  HtmlTable table{id,
                  "",
                  {"source ports", "destination ports", "before", "after"},
                  {true, true, true, true},
                  {}};
  for (std::size_t s = 0; s < kPortBins; ++s) {
    for (std::size_t d = 0; d < kPortBins; ++d) {
      const std::uint64_t before = p.density[s * kPortBins + d];
      const std::uint64_t after = p.density_after(s, d);
      if (before == 0 && after == 0)
        continue;
      table.rows.push_back(
          {bin_range(s), bin_range(d), grouped(before), grouped(after)});
    }
  }
  return fmt::format(
      "<details><summary>the {} cells with rows</summary>{}"
      "</details>",
      table.rows.size(), render_table(table));
}

std::string density_pair(const ProtocolPorts& p, const char* name) {
  std::uint64_t scale = 0;
  for (std::size_t s = 0; s < kPortBins; ++s) {
    for (std::size_t d = 0; d < kPortBins; ++d) {
      scale = std::max(
          {scale, p.density[s * kPortBins + d], p.density_after(s, d)});
    }
  }
  std::string out;
  for (const bool after : {false, true}) {
    Density d;
    d.label = fmt::format("{} rows by source and destination port, {}", name,
                          after ? "after cleaning" : "before cleaning");
    d.bins = kPortBins;
    d.cell = [&p, after](std::size_t r, std::size_t c) {
      return after ? p.density_after(r, c) : p.density[r * kPortBins + c];
    };
    d.axis = bin_label;
    d.row_title = "source port";
    d.column_title = "destination port";
    out += fmt::format("<figure><figcaption>{}</figcaption>{}</figure>",
                       after ? "after cleaning" : "before cleaning",
                       svg_density(d, scale));
  }
  return "<div class=\"pair\">" + out + "</div>" +
         density_cells(p, fmt::format("{}-density", name));
}

}  // namespace

std::string ports_sections(const Summary& s) {
  if (s.ports.missing) {
    return "<section id=\"ports\"><h2>Ports</h2><p class=\"note\">The "
           "summary has no port tables: it was written by a flowclean before "
           "they were counted, or added to one that was. Clean again with "
           "<code>--summary-json</code> or <code>--report</code>.</p>"
           "</section>\n";
  }
  const auto& protocols = s.ports.protocols();
  std::string tops;
  std::string densities;
  for (std::size_t i = 0; i < protocols.size(); ++i) {
    const ProtocolPorts& p = protocols[i];
    if (p.empty() || p.rows() == 0)
      continue;
    const char* name = PortProfile::kNames[i];
    const char* title = PortProfile::kTitles[i];
    tops += top_pair(p, name, title, true) + top_pair(p, name, title, false);
    densities += fmt::format("<h3>{}</h3>", title) + density_pair(p, name);
  }
  return "<section id=\"ports\"><h2>Top ports, before and after</h2><p "
         "class=\"note\">Inverted records put a service's port on the source "
         "side: before cleaning, service ports stand among the top source "
         "ports and clients' ephemeral ports among the top destination "
         "ports. After cleaning they should not.</p>" +
         (tops.empty() ? "<p>No TCP or UDP rows.</p>" : tops) +
         "</section>\n<section id=\"density\"><h2>Source port x destination "
         "port</h2><p class=\"note\">Rows by the power-of-two range of each "
         "port, darker for more (log scale, the same in both). Inverted "
         "records form a band of low source ports toward high destination "
         "ports, which cleaning should empty.</p>" +
         densities + "</section>\n";
}

}  // namespace flowclean
