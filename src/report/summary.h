// What a run did, in counts: the numbers behind the stderr table and JSON
// (summary_text.h, summary_json.h), read back by summary_read.h and
// checked by summary_check.h.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "report/port_profile.h"
#include "rules/ports.h"
#include "rules/protocol.h"
#include "rules/rules.h"
#include "scan/record.h"

namespace flowclean {

/// Where a malformed row was: the report lists the first of each kind.
struct LineAt {
  std::string input;
  std::uint64_t line = 0;
  bool operator==(const LineAt& other) const {
    return input == other.input && line == other.line;
  }
};

/// How many malformed rows of each kind the summary names by line.
inline constexpr std::size_t kFirstMalformedKept = 5;

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
  /// Comment and trailer lines (Zeek's '#' lines, nfdump's Summary): not
  /// rows, written byte for byte.
  std::uint64_t lines_kept = 0;
  /// Of rows_flipped, those of one-direction formats (SiLK): marked
  /// `reply`, their bytes unchanged (a flip would misattribute them).
  std::uint64_t rows_marked = 0;
  bool learned = false;  ///< a model was used: the learned rules are shown
  /// Learned from an input of this format, which has no payload columns:
  /// its rows gave port counts only (`stats`); empty when none did.
  std::string format_without_payload;
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
  /// Rows by port before and after cleaning, for the report.
  PortProfile ports;
  /// The first malformed rows of each kind, in the order read.
  std::array<std::vector<LineAt>, kProblemKindCount> first_malformed;

  /// Notes a malformed row's place, while fewer than kFirstMalformedKept of
  /// its kind are noted.
  void note_malformed(ProblemKind kind, const std::string& input,
                      std::uint64_t line) {
    auto& lines = first_malformed[static_cast<std::size_t>(kind)];
    if (lines.size() < kFirstMalformedKept)
      lines.push_back({input, line});
  }

  void count_flip(Port src_port) {
    if (flips_by_src_port.empty())
      flips_by_src_port.resize(65536);
    ++flips_by_src_port[src_port];
  }
  void merge(const Summary& other);
};

}  // namespace flowclean
