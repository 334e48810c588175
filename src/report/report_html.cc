#include "report/report_html.h"

#include <algorithm>

#include <fmt/format.h>

#include "report/html.h"
#include "report/report_sections.h"
#include "report/summary_text.h"

namespace flowclean {

namespace {

// Print and phone first: one column that wraps pairs of charts, system
// fonts, and colours that survive greyscale printing (bars differ in
// lightness, not only hue).
constexpr const char* kStyle = R"(
:root{--ink:#1d2430;--muted:#5b6472;--line:#d9dde3;--before:#c2571a;--after:#2a64b8}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0 auto;padding:16px;max-width:1100px}
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;margin:1.6em 0 .4em;border-bottom:1px solid var(--line)}
h3{font-size:1.05em;margin:.8em 0 .3em}p.note{color:var(--muted);margin:.3em 0}
.pair{display:flex;flex-wrap:wrap;gap:16px}.pair>figure{flex:1 1 320px;margin:0;min-width:0;overflow-x:auto}
figcaption{font-weight:600;margin:.3em 0}
figure.wide{margin:0;max-width:560px}
svg{width:100%;height:auto;font-size:11px;fill:var(--ink)}svg.density{max-width:420px}
rect.before{fill:var(--before)}rect.after{fill:var(--after)}text.tick{font-size:9px;fill:var(--muted)}
table{border-collapse:collapse;margin:.4em 0;font-variant-numeric:tabular-nums;width:100%}
caption{text-align:left;color:var(--muted);font-size:.9em}
th,td{padding:2px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th.n,td.n{text-align:right}details{margin:.4em 0}summary{cursor:pointer;color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:.6em 0}
.card{border:1px solid var(--line);border-radius:6px;padding:6px 12px;min-width:120px}
.card b{display:block;font-size:1.35em}
@media print{body{max-width:none;font-size:11px}.pair>figure,table,svg{break-inside:avoid}details{display:block}}
)";

std::string head() {
  // The policy forbids every load the page does not make itself: a report
  // shared by mail cannot call anywhere when opened.
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\"><meta http-equiv=\"Content-Security-Policy\" "
      "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
      "<title>flowclean report</title><style>{}</style></head>\n<body>\n",
      kStyle);
}

}  // namespace

std::string render_report_html(const Summary& s, const Model* model) {
  std::string out = head();
  out += "<h1>flowclean report</h1>\n";
  out += headline_section(s);
  out += ports_sections(s);
  out += flips_section(s);
  if (model != nullptr)
    out += model_section(*model);
  out += malformed_section(s);
  out +=
      "<p class=\"note\">Made by <code>flowclean report</code> from the "
      "run's summary; every chart's numbers are in the table with it.</p>\n"
      "</body></html>\n";
  return out;
}

}  // namespace flowclean
