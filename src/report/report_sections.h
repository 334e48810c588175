// The sections of the report page (report_html.cc), each an HTML fragment
// with its charts and the tables of their numbers.
#pragma once

#include <cstdint>
#include <string>

#include "learn/model.h"
#include "report/summary.h"

namespace flowclean {

/// Rows shown in each top-ports table and chart.
inline constexpr std::size_t kTopPorts = 10;

/// Rows read, written, flipped, rejected; the rules; the inputs.
[[nodiscard]] std::string headline_section(const Summary& s);
/// Per protocol: top destination and source ports before and after, and
/// the source x destination port density before and after
/// (report_ports.cc).
[[nodiscard]] std::string ports_sections(const Summary& s);
/// Flips by the source port the record had, and by rule.
[[nodiscard]] std::string flips_section(const Summary& s);
/// What a model learned: service ports with their evidence, scanners and
/// probed hosts with what they did.
[[nodiscard]] std::string model_section(const Model& model);
/// Malformed rows by kind, with the first lines of each.
[[nodiscard]] std::string malformed_section(const Summary& s);

/// "12.3%" of a whole; "-" of nothing.
[[nodiscard]] std::string share(std::uint64_t part, std::uint64_t whole);

}  // namespace flowclean
