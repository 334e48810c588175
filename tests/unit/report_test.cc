// The report page as text: what a browser test cannot easily tell.
#include <catch2/catch.hpp>

#include "report/report_html.h"
#include "test_support.h"

using flowclean::render_report_html;
using flowclean::test::kHeader;
using flowclean::test::row;
using flowclean::test::run_clean;

namespace {

flowclean::Summary counted(const std::string& rows) {
  flowclean::CleanOptions options;
  options.rows.count_ports = true;
  return run_clean(kHeader + rows, options).summary;
}

/// The text of the table with this id, from its <tbody> on.
std::string table_body(const std::string& page, const std::string& id) {
  const auto start = page.find("<table id=\"" + id + "\">");
  REQUIRE(start != std::string::npos);
  const auto body = page.find("<tbody>", start);
  return page.substr(body, page.find("</table>", body) - body);
}

}  // namespace

TEST_CASE("the report names inputs as text, never as markup", "[report]") {
  auto summary = counted(row(6, "10.0.0.1", "10.0.0.2", 5000, 80));
  summary.inputs[0].name = "<img src=x onerror=alert(1)>&.csv";
  const std::string page = render_report_html(summary, nullptr);
  CHECK(page.find("<img") == std::string::npos);
  CHECK(page.find("&lt;img src=x onerror=alert(1)&gt;&amp;.csv") !=
        std::string::npos);
}

TEST_CASE("the report loads nothing from outside the page", "[report]") {
  const auto summary = counted(row(6, "172.10.0.4", "10.0.0.1", 80, 5000) +
                               row(17, "10.0.0.1", "10.0.0.3", 5353, 53));
  const std::string page = render_report_html(summary, nullptr);
  for (const char* outside :
       {"http:", "https:", "<script", "src=", "href=", "url(", "@import"}) {
    CAPTURE(outside);
    CHECK(page.find(outside) == std::string::npos);
  }
  CHECK(page.find("Content-Security-Policy") != std::string::npos);
}

TEST_CASE("top ports rank by rows, then by port number", "[report]") {
  // 443 and 80 have two rows each, 22 one: 80 before 443 on the tie.
  const auto summary = counted(row(6, "10.0.0.1", "10.0.0.2", 40000, 443) +
                               row(6, "10.0.0.1", "10.0.0.2", 40001, 22) +
                               row(6, "10.0.0.1", "10.0.0.2", 40002, 80) +
                               row(6, "10.0.0.1", "10.0.0.2", 40003, 443) +
                               row(6, "10.0.0.1", "10.0.0.2", 40004, 80));
  const std::string body =
      table_body(render_report_html(summary, nullptr), "tcp-dst-before");
  const auto p80 = body.find(">80<");
  const auto p443 = body.find(">443<");
  const auto p22 = body.find(">22<");
  REQUIRE(p22 != std::string::npos);
  CHECK(p80 < p443);
  CHECK(p443 < p22);
}

TEST_CASE("the report shows a flipped row on its new side", "[report]") {
  // Inverted: the server's port 80 is the source before, the destination
  // after; the client's 5000 the other way round.
  const auto summary = counted(row(6, "172.10.0.4", "10.0.0.1", 80, 5000));
  const std::string page = render_report_html(summary, nullptr);
  CHECK(table_body(page, "tcp-src-before").find(">80<") != std::string::npos);
  CHECK(table_body(page, "tcp-dst-after").find(">80<") != std::string::npos);
  CHECK(table_body(page, "tcp-src-after").find(">5000<") != std::string::npos);
  CHECK(table_body(page, "tcp-dst-after").find(">5000<") == std::string::npos);
}

TEST_CASE("a summary without port tables draws the rest and says why",
          "[report]") {
  auto summary = run_clean(kHeader + row(6, "10.0.0.1", "10.0.0.2", 5000, 80))
                     .summary;  // ports not counted
  const std::string page = render_report_html(summary, nullptr);
  CHECK(page.find("The summary has no port tables") != std::string::npos);
  CHECK(page.find("id=\"rows_read\">1<") != std::string::npos);
}
