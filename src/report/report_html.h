// `flowclean report`: one self-contained HTML page of what a run (or the
// combined runs of a summary) found and changed: the write-up's two
// tables, top destination and top source ports, before and after; the
// source x destination port density; flips by port and rule; the learned
// services and scanners of a model; malformed rows with their first lines.
// Inline SVG and CSS, no script, no request: it reads the same offline, on
// a phone and printed.
#pragma once

#include <string>

#include "learn/model.h"
#include "report/summary.h"

namespace flowclean {

/// The page; `model` (may be null) adds what it learned. Depends only on
/// the summary and the model, so combined summaries give the page of one
/// run over the same inputs.
[[nodiscard]] std::string render_report_html(const Summary& summary,
                                             const Model* model);

}  // namespace flowclean
