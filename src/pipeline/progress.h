// Progress of a long run on stderr: bytes done of total, rows, rate, ETA.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

namespace flowclean {

/// What clean() reports after each block it writes.
struct ProgressReport {
  std::uint64_t bytes_done;  ///< input bytes read (compressed, if it is)
  std::optional<std::uint64_t> bytes_total;  ///< when every input has a size
  std::uint64_t rows;
};

/// One status line, redrawn in place at most every kRedrawInterval, cleared
/// by finish(). Only for a terminal: callers decide (--progress, isatty).
class ProgressLine {
 public:
  explicit ProgressLine(std::FILE* out);
  void update(const ProgressReport& report);
  void finish();

 private:
  std::FILE* out_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

/// The line's text, e.g. "1.2 GB of 2.8 GB (43%), 9,876,543 rows, 512 MB/s,
/// ETA 0:03"; `seconds` is the time since the start.
[[nodiscard]] std::string progress_text(const ProgressReport& report,
                                        double seconds);

}  // namespace flowclean
