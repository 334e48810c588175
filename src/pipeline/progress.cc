#include "pipeline/progress.h"

#include <cmath>

#include <fmt/format.h>

#include "report/summary_text.h"

namespace flowclean {

namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(250);
constexpr double kMega = 1e6;
constexpr double kGiga = 1e9;

std::string bytes_text(double bytes) {
  if (bytes >= kGiga)
    return fmt::format("{:.1f} GB", bytes / kGiga);
  return fmt::format("{:.0f} MB", bytes / kMega);
}

std::string duration_text(double seconds) {
  const long total = std::lround(seconds);
  if (total >= 3600) {
    return fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60,
                       total % 60);
  }
  return fmt::format("{}:{:02}", total / 60, total % 60);
}

}  // namespace

std::string progress_text(const ProgressReport& report, double seconds) {
  const auto done = static_cast<double>(report.bytes_done);
  const double rate = seconds > 0 ? done / seconds : 0;
  std::string text = bytes_text(done);
  if (report.bytes_total && *report.bytes_total > 0) {
    const auto total = static_cast<double>(*report.bytes_total);
    text += fmt::format(" of {} ({:.0f}%)", bytes_text(total),
                        100.0 * done / total);
  }
  text +=
      fmt::format(", {} rows, {}/s", grouped(report.rows), bytes_text(rate));
  if (report.bytes_total && rate > 0 &&
      report.bytes_done <= *report.bytes_total) {
    const double left = static_cast<double>(*report.bytes_total) - done;
    text += fmt::format(", ETA {}", duration_text(left / rate));
  }
  return text;
}

ProgressLine::ProgressLine(std::FILE* out)
    : out_(out), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

void ProgressLine::update(const ProgressReport& report) {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < kRedrawInterval)
    return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  // \r and "erase to end of line": redraw in place.
  fmt::print(out_, "\r{}\x1b[K", progress_text(report, seconds));
  std::fflush(out_);
  drawn_ = true;
}

void ProgressLine::finish() {
  if (!drawn_)
    return;
  fmt::print(out_, "\r\x1b[K");
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace flowclean
