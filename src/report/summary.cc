#include "report/summary.h"

#include "common/counts.h"

namespace flowclean {

constexpr const char* kTableRows = "rows in a table of the summary";

void Summary::merge(const Summary& other) {
  add_count(rows_read, other.rows_read, "rows read");
  add_count(rows_written, other.rows_written, "rows written");
  add_count(rows_flipped, other.rows_flipped, "rows flipped");
  add_count(rows_rejected, other.rows_rejected, "rows rejected");
  add_count(rows_malformed, other.rows_malformed, "malformed rows");
  add_count(blank_lines, other.blank_lines, "blank lines");
  add_count(lines_kept, other.lines_kept, "lines kept");
  add_count(rows_marked, other.rows_marked, "rows marked");
  learned = learned || other.learned;
  if (format_without_payload.empty())
    format_without_payload = other.format_without_payload;
  add_counts(by_rule, other.by_rule, kTableRows);
  add_counts(malformed_by_kind, other.malformed_by_kind, kTableRows);
  add_counts(meaningless_by_protocol, other.meaningless_by_protocol,
             kTableRows);
  add_counts(port_zero_tcp_udp, other.port_zero_tcp_udp, kTableRows);
  for (std::size_t i = 0; i < protocol_codes.size(); ++i) {
    // Smallest code wins, so the text does not depend on thread timing.
    const std::string& code = other.protocol_codes[i];
    if (!code.empty() &&
        (protocol_codes[i].empty() || code < protocol_codes[i])) {
      protocol_codes[i] = code;
    }
  }
  if (!other.flips_by_src_port.empty()) {
    if (flips_by_src_port.empty())
      flips_by_src_port.resize(65536);
    add_counts(flips_by_src_port, other.flips_by_src_port, kTableRows);
  }
  inputs.insert(inputs.end(), other.inputs.begin(), other.inputs.end());
  ports.merge(other.ports);
  // In input order, as one run over the inputs of both would note them.
  for (std::size_t k = 0; k < kProblemKindCount; ++k) {
    for (const LineAt& at : other.first_malformed[k])
      note_malformed(static_cast<ProblemKind>(k), at.input, at.line);
  }
}

}  // namespace flowclean
