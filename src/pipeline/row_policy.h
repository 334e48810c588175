// What a run does with each row: the options the block loop, the cleaner
// and the writer share.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rules/ports.h"
#include "rules/rules.h"

namespace flowclean {

enum class OnError : std::uint8_t { kFail, kSkip, kPass };

/// Rows longer than this are malformed (row-too-long). VAST rows are about
/// 130 bytes; a limit keeps memory bounded whatever the input holds.
inline constexpr std::size_t kDefaultMaxRowBytes = std::size_t{1} << 20;

struct RowPolicy {
  PortPolicy ports;
  OnError on_error = OnError::kFail;
  bool annotate = false;
  std::size_t max_row_bytes = kDefaultMaxRowBytes;
  /// With a learned model, the learned rules are tried too (not owned).
  const Model* model = nullptr;
  /// Decide sixteen rows at once where the CPU and the options allow
  /// (batch_rules.h). False takes every row the one-at-a-time way: the
  /// fuzzer and the tests compare the two.
  bool batches = true;
  /// Count rows by port for the report (Summary::ports): only when a
  /// summary JSON or a report is written, since the counting costs about
  /// 5 ns a row, a third of clean's time (doc/performance.md).
  bool count_ports = false;
};

/// The flowcleanRule of a malformed row written with --on-error pass.
inline constexpr std::string_view kMalformedRule = "malformed";

/// The flowcleanAction of a row of a one-direction format (SiLK) that the
/// rules would flip: its source is the server, and it stays as it is.
inline constexpr std::string_view kReplyAction = "reply";

}  // namespace flowclean
