// The summary as a table for people, on stderr.
#pragma once

#include <cstdint>
#include <string>

#include "report/summary.h"

namespace flowclean {

/// 1234567 -> "1,234,567": counts of millions of rows must be readable.
[[nodiscard]] std::string grouped(std::uint64_t value);

/// The summary as a table for people (stderr).
[[nodiscard]] std::string render_summary_text(const Summary& summary);

}  // namespace flowclean
