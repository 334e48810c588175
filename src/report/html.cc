#include "report/html.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/summary_text.h"

namespace flowclean {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string render_table(const HtmlTable& table) {
  std::string out = fmt::format("<table id=\"{}\">", html_escape(table.id));
  if (!table.caption.empty())
    out += fmt::format("<caption>{}</caption>", table.caption);
  const auto cell = [&](std::size_t column, const char* tag,
                        const std::string& text) {
    const bool right = column < table.numeric.size() && table.numeric[column];
    return fmt::format("<{0}{1}>{2}</{0}>", tag, right ? " class=\"n\"" : "",
                       text);
  };
  out += "<thead><tr>";
  for (std::size_t c = 0; c < table.headers.size(); ++c)
    out += cell(c, "th", table.headers[c]);
  out += "</tr></thead><tbody>";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) out += cell(c, "td", row[c]);
    out += "</tr>";
  }
  if (table.rows.empty()) {
    out += fmt::format("<tr><td colspan=\"{}\">none</td></tr>",
                       std::max<std::size_t>(1, table.headers.size()));
  }
  return out + "</tbody></table>\n";
}

namespace {

// Bar geometry, in SVG units: the charts scale to their box's width.
constexpr int kBarRow = 22;
constexpr int kBarArea = 220;
constexpr int kValueWidth = 84;
// About 6.5 units a character at the charts' 11px font: the longest label
// (a rule name of 20 letters) fits whole.
constexpr double kCharWidth = 6.5;

int label_width(const std::vector<Bar>& bars) {
  std::size_t longest = 4;
  for (const Bar& bar : bars) longest = std::max(longest, bar.label.size());
  return static_cast<int>(kCharWidth * static_cast<double>(longest)) + 10;
}

}  // namespace

std::string svg_bars(std::string_view label, const std::vector<Bar>& bars,
                     std::uint64_t scale, bool after) {
  const int height = std::max<int>(1, static_cast<int>(bars.size())) * kBarRow;
  const int label_room = label_width(bars);
  const int width = label_room + kBarArea + kValueWidth;
  std::string out = fmt::format(
      "<svg class=\"bars\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "aria-label=\"{}\">",
      width, height, html_escape(label));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& bar = bars[i];
    const int y = static_cast<int>(i) * kBarRow;
    const double share = scale == 0 ? 0.0
                                    : static_cast<double>(bar.value) /
                                          static_cast<double>(scale);
    const double length = std::max(bar.value > 0 ? 1.0 : 0.0, share * kBarArea);
    out += fmt::format(
        "<g><title>{0}: {1}</title><text x=\"{2}\" y=\"{3}\" "
        "text-anchor=\"end\">{0}</text><rect class=\"{4}\" x=\"{5}\" "
        "y=\"{6}\" width=\"{7:.1f}\" height=\"{8}\"/><text x=\"{9:.1f}\" "
        "y=\"{3}\">{1}</text></g>",
        html_escape(bar.label), grouped(bar.value), label_room - 6, y + 15,
        after ? "after" : "before", label_room, y + 3, length, kBarRow - 6,
        label_room + length + 4);
  }
  return out + "</svg>";
}

namespace {

// Light to dark blue, by the cell's share of the scale on a log axis: the
// counts span six orders of magnitude in a day of flows.
std::string shade(std::uint64_t value, std::uint64_t scale) {
  if (value == 0)
    return "#ffffff";
  const double t = scale <= 1 ? 1.0
                              : std::log1p(static_cast<double>(value)) /
                                    std::log1p(static_cast<double>(scale));
  const auto mix = [t](int from, int to) {
    return static_cast<int>(std::lround(from + (to - from) * t));
  };
  return fmt::format("#{:02x}{:02x}{:02x}", mix(0xde, 0x08), mix(0xeb, 0x30),
                     mix(0xf7, 0x6b));
}

constexpr int kCell = 18;
constexpr int kAxisRoom = 52;

}  // namespace

std::string svg_density(const Density& d, std::uint64_t scale) {
  const int n = static_cast<int>(d.bins);
  const int side = kAxisRoom + n * kCell;
  std::string out = fmt::format(
      "<svg class=\"density\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
      "aria-label=\"{2}\"><text x=\"{3}\" y=\"{1}\" "
      "text-anchor=\"middle\" dy=\"-2\">{4}</text><text x=\"12\" y=\"{5}\" "
      "transform=\"rotate(-90 12 {5})\" text-anchor=\"middle\">{6}</text>",
      side + 4, side + 16, html_escape(d.label), kAxisRoom + n * kCell / 2,
      html_escape(d.column_title), n * kCell / 2, html_escape(d.row_title));
  for (int r = 0; r < n; ++r) {
    const int y = (n - 1 - r) * kCell;
    for (int c = 0; c < n; ++c) {
      const std::uint64_t value =
          d.cell(static_cast<std::size_t>(r), static_cast<std::size_t>(c));
      out += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" "
          "stroke=\"#e4e4e4\"><title>{} x {}: {}</title></rect>",
          kAxisRoom + c * kCell, y, kCell, kCell, shade(value, scale),
          d.axis(static_cast<std::size_t>(r)),
          d.axis(static_cast<std::size_t>(c)), grouped(value));
    }
    if (r % 2 == 0) {
      out += fmt::format(
          "<text class=\"tick\" x=\"{}\" y=\"{}\" "
          "text-anchor=\"end\">{}</text>",
          kAxisRoom - 3, y + 13, d.axis(static_cast<std::size_t>(r)));
      out += fmt::format(
          "<text class=\"tick\" x=\"{0}\" y=\"{1}\" text-anchor=\"end\" "
          "transform=\"rotate(-60 {0} {1})\">{2}</text>",
          kAxisRoom + r * kCell + 12, n * kCell + 6,
          d.axis(static_cast<std::size_t>(r)));
    }
  }
  return out + "</svg>";
}

}  // namespace flowclean
