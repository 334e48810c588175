// Summaries of separate runs read back from their JSON (flowclean combine).
#pragma once

#include <string>

#include "report/summary.h"

namespace flowclean {

/// The summary back from render_summary_json's JSON, so summaries of
/// separate runs can be added (flowclean combine). Throws Error naming
/// `file` and the key.
[[nodiscard]] Summary parse_summary_json(const std::string& text,
                                         const std::string& file);
[[nodiscard]] Summary read_summary_file(const std::string& path);

}  // namespace flowclean
