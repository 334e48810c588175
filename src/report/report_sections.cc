#include "report/report_sections.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/html.h"
#include "report/summary_text.h"

namespace flowclean {

std::string share(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0)
    return "-";
  return fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) /
                                    static_cast<double>(whole));
}

namespace {

std::string card(const char* id, const char* label, std::uint64_t value) {
  return fmt::format("<div class=\"card\">{}<b id=\"{}\">{}</b></div>", label,
                     id, grouped(value));
}

std::string rules_table(const Summary& s) {
  HtmlTable table{"rules",
                  "Rows by the rule that decided them",
                  {"rule", "action", "rows", "share"},
                  {false, false, true, true},
                  {}};
  std::vector<Bar> bars;
  const std::uint64_t decided = s.rows_read - s.rows_malformed;
  for (const Rule& rule : kRules) {
    const std::uint64_t rows = s.by_rule[static_cast<std::size_t>(rule.id)];
    if (rule.learned && !s.learned)
      continue;
    table.rows.push_back({html_escape(rule.name),
                          std::string(action_name(rule.action)), grouped(rows),
                          share(rows, decided)});
    if (rows > 0)
      bars.push_back({std::string(rule.name), rows});
  }
  std::uint64_t most = 0;
  for (const Bar& bar : bars) most = std::max(most, bar.value);
  return "<div class=\"pair\"><figure><figcaption>Rows by rule</figcaption>" +
         svg_bars("Rows by the rule that decided them", bars, most, true) +
         "</figure><figure>" + render_table(table) + "</figure></div>\n";
}

std::string inputs_table(const Summary& s) {
  HtmlTable table{"inputs",
                  "",
                  {"input", "rows read", "flipped", "share"},
                  {false, true, true, true},
                  {}};
  for (const InputCounts& input : s.inputs) {
    table.rows.push_back({html_escape(input.name), grouped(input.rows_read),
                          grouped(input.rows_flipped),
                          share(input.rows_flipped, input.rows_read)});
  }
  return "<h3>Inputs</h3>" + render_table(table);
}

}  // namespace

std::string headline_section(const Summary& s) {
  const std::uint64_t changed = s.rows_flipped - s.rows_marked;
  std::string out = "<section id=\"headline\"><h2>What was done</h2>";
  out += fmt::format(
      "<p>{} rows read from {} input{}: {} flipped ({}), {} kept as they "
      "were.</p>",
      grouped(s.rows_read), s.inputs.size(), s.inputs.size() == 1 ? "" : "s",
      grouped(changed), share(changed, s.rows_read),
      grouped(s.rows_written - s.rows_flipped));
  out += "<div class=\"cards\">" + card("rows_read", "rows read", s.rows_read) +
         card("rows_written", "written", s.rows_written) +
         card("rows_flipped", "flipped", changed) +
         card("rows_rejected", "rejected", s.rows_rejected) +
         card("rows_malformed", "malformed", s.rows_malformed);
  if (s.rows_marked > 0)
    out += card("rows_marked", "marked as replies", s.rows_marked);
  out += "</div>";
  if (s.rows_marked > 0) {
    out +=
        "<p class=\"note\">Rows of a one-direction format (SiLK, nfdump "
        "without -b) that are a server's replies are marked "
        "<code>reply</code>, not flipped: their bytes are what the server "
        "sent.</p>";
  }
  return out + rules_table(s) + inputs_table(s) + "</section>\n";
}

std::string flips_section(const Summary& s) {
  std::vector<std::pair<std::uint64_t, std::size_t>> ports;
  for (std::size_t port = 0; port < s.flips_by_src_port.size(); ++port) {
    if (s.flips_by_src_port[port] > 0)
      ports.emplace_back(s.flips_by_src_port[port], port);
  }
  std::sort(ports.begin(), ports.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  HtmlTable table{"flips-by-port",
                  "Flipped rows by the source port the record had",
                  {"port", "flipped", "share of flips"},
                  {true, true, true},
                  {}};
  std::vector<Bar> bars;
  for (std::size_t i = 0; i < ports.size(); ++i) {
    const auto& [rows, port] = ports[i];
    table.rows.push_back(
        {std::to_string(port), grouped(rows), share(rows, s.rows_flipped)});
    if (i < 15)
      bars.push_back({std::to_string(port), rows});
  }
  std::string out =
      "<section id=\"flips\"><h2>Flips by service port</h2><p "
      "class=\"note\">A flipped record had the service's port as its "
      "source: these are the services whose records were written "
      "backwards.</p>";
  out +=
      "<div class=\"pair\"><figure><figcaption>Most flipped source "
      "ports</figcaption>" +
      svg_bars("Flipped rows by source port", bars,
               ports.empty() ? 0 : ports.front().first, true) +
      "</figure><figure>";
  if (ports.size() > 15) {
    out += fmt::format("<details><summary>all {} ports</summary>{}</details>",
                       ports.size(), render_table(table));
  } else {
    out += render_table(table);
  }
  return out + "</figure></div></section>\n";
}

std::string malformed_section(const Summary& s) {
  HtmlTable table{"malformed",
                  "",
                  {"kind", "rows", "first lines"},
                  {false, true, false},
                  {}};
  for (std::size_t k = 0; k < kProblemKindCount; ++k) {
    if (s.malformed_by_kind[k] == 0)
      continue;
    std::string lines;
    for (const LineAt& at : s.first_malformed[k]) {
      lines += fmt::format("{}{}:{}", lines.empty() ? "" : ", ",
                           html_escape(at.input), at.line);
    }
    table.rows.push_back(
        {std::string(problem_name(static_cast<ProblemKind>(k))),
         grouped(s.malformed_by_kind[k]), lines.empty() ? "-" : lines});
  }
  return "<section id=\"malformed-rows\"><h2>Malformed rows</h2>" +
         render_table(table) +
         "<p class=\"note\">doc/bad-input.md says what each kind means.</p>"
         "</section>\n";
}

}  // namespace flowclean
