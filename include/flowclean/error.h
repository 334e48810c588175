// The one error type of flowclean and the exit codes it maps to.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace flowclean {

/// The only exit codes flowclean uses; documented in --help and README.
enum class ExitCode : int { kSuccess = 0, kFailure = 1, kUsage = 2 };

/// A fatal problem with input, output or data. `what()` is the message a user
/// reads after "flowclean: error: ", already prefixed with FILE:LINE when
/// known.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message);
  /// line 0 means "no line" (a problem with the whole file).
  Error(const std::string& file, std::uint64_t line,
        const std::string& message);
};

/// A command-line mistake: exits with ExitCode::kUsage.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// "strerror(errno)" for messages, lowercase like the rest of ours.
[[nodiscard]] std::string system_error_text(int errnum);

}  // namespace flowclean
