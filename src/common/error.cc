#include "flowclean/error.h"

#include <cctype>
#include <cstring>

#include <fmt/format.h>

namespace flowclean {

namespace {

std::string locate(const std::string& file, std::uint64_t line) {
  if (line == 0)
    return file;
  return fmt::format("{}:{}", file, line);
}

}  // namespace

Error::Error(const std::string& message) : std::runtime_error(message) {}

Error::Error(const std::string& file, std::uint64_t line,
             const std::string& message)
    : std::runtime_error(fmt::format("{}: {}", locate(file, line), message)) {}

std::string system_error_text(int errnum) {
  std::string text = std::strerror(errnum);
  if (!text.empty()) {
    text[0] =
        static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  }
  return text;
}

}  // namespace flowclean
