// The pieces of the report page (report_html.cc): escaped text, tables, and
// the two kinds of chart, as inline SVG. Every chart is drawn from the same
// numbers as the table printed with it: a chart alone is not accessible.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace flowclean {

/// Text for HTML content and attribute values.
[[nodiscard]] std::string html_escape(std::string_view text);

/// A table: `numeric` columns are right-aligned. Cells are HTML already
/// (escape text with html_escape). `id` names it for tests and links.
struct HtmlTable {
  std::string id;
  std::string caption;
  std::vector<std::string> headers;
  std::vector<bool> numeric;
  std::vector<std::vector<std::string>> rows;
};
[[nodiscard]] std::string render_table(const HtmlTable& table);

/// One bar of a bar chart.
struct Bar {
  std::string label;
  std::uint64_t value = 0;
};

/// Horizontal bars, longest for `scale` (the larger of the charts shown
/// side by side, so their bars compare). `label` names the chart for
/// screen readers.
[[nodiscard]] std::string svg_bars(std::string_view label,
                                   const std::vector<Bar>& bars,
                                   std::uint64_t scale, bool after);

/// A bins x bins grid, cell(row, column) rows, darker for more on a log
/// scale up to `scale`; `axis` labels the bins. Rows are drawn from the
/// bottom up, as a plot's y axis.
struct Density {
  std::string label;
  std::size_t bins = 0;
  std::function<std::uint64_t(std::size_t, std::size_t)> cell;
  std::function<std::string(std::size_t)> axis;
  std::string row_title;
  std::string column_title;
};
[[nodiscard]] std::string svg_density(const Density& density,
                                      std::uint64_t scale);

}  // namespace flowclean
