// What a run did, in counts: the numbers behind the stderr table and JSON.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "rules/ports.h"
#include "rules/protocol.h"
#include "rules/rules.h"
#include "scan/record.h"

namespace flowclean {

struct InputCounts {
  std::string name;
  std::uint64_t rows_read = 0;
  std::uint64_t rows_flipped = 0;
};

/// Plain counters; `merge` adds another summary (per thread, per file).
/// Aligned to a cache line: each worker counts into its own.
/// Invariant: rows_read == rows_written + rows_rejected.
struct alignas(64) Summary {
  std::uint64_t rows_read = 0;
  std::uint64_t rows_written = 0;
  std::uint64_t rows_flipped = 0;
  std::uint64_t rows_rejected = 0;   ///< malformed, sent to --rejects (skip)
  std::uint64_t rows_malformed = 0;  ///< malformed, in any --on-error mode
  std::uint64_t blank_lines = 0;     ///< empty lines: not rows, dropped
  bool learned = false;  ///< a model was used: the learned rules are shown
  std::array<std::uint64_t, kRuleCount> by_rule{};
  std::array<std::uint64_t, kProblemKindCount> malformed_by_kind{};
  /// Rows with meaningless ports, by protocol; codes as first seen.
  std::array<std::uint64_t, kProtocolIdCount> meaningless_by_protocol{};
  std::array<std::string, kProtocolIdCount> protocol_codes;
  std::array<std::uint64_t, 2> port_zero_tcp_udp{};  ///< [0] TCP, [1] UDP
  /// Flips by the source port the record had (a service port); allocated on
  /// the first flip so an idle summary stays small.
  std::vector<std::uint64_t> flips_by_src_port;
  std::vector<InputCounts> inputs;

  void count_flip(Port src_port) {
    if (flips_by_src_port.empty())
      flips_by_src_port.resize(65536);
    ++flips_by_src_port[src_port];
  }
  void merge(const Summary& other);
};

/// 1234567 -> "1,234,567": counts of millions of rows must be readable.
[[nodiscard]] std::string grouped(std::uint64_t value);

/// The summary as a table for people (stderr).
[[nodiscard]] std::string render_summary_text(const Summary& summary);
/// The summary as JSON (--summary-json); keys are documented in README.
[[nodiscard]] std::string render_summary_json(const Summary& summary);
/// The summary back from that JSON, so summaries of separate runs can be
/// added (flowclean combine). Throws Error naming `file` and the key.
[[nodiscard]] Summary parse_summary_json(const std::string& text,
                                         const std::string& file);
[[nodiscard]] Summary read_summary_file(const std::string& path);

/// Throws Error naming `file` unless the summary agrees with itself: rows
/// read = written + rejected; rejected and flipped within what they can
/// be; the rule counts add up to the rows that were not malformed, the
/// flipping rules' to the rows flipped, and the same for the tables by
/// kind, port and protocol, and the inputs. A summary that does not is
/// damaged or edited, and adding it would make a wrong total.
void check_summary(const Summary& summary, const std::string& file);

}  // namespace flowclean
