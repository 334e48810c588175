// The summary as JSON (--summary-json), for programs and combine.
#pragma once

#include <string>

#include "report/summary.h"

namespace flowclean {

/// The summary as JSON (--summary-json); keys are documented in README.
[[nodiscard]] std::string render_summary_json(const Summary& summary);

}  // namespace flowclean
