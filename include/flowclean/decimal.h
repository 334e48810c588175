// Small unsigned decimals, as ports and protocol numbers are written.
#pragma once

#include <optional>
#include <string_view>

namespace flowclean {

/// Parses digits only (no sign, no blanks), at most `max_digits` of them, to
/// a value <= `max`. Inline: it runs three times a row.
[[nodiscard]] inline std::optional<unsigned> parse_bounded_decimal(
    std::string_view text, std::size_t max_digits, unsigned max) {
  if (text.empty() || text.size() > max_digits)
    return std::nullopt;
  unsigned value = 0;
  for (const char c : text) {
    const auto digit = static_cast<unsigned>(c - '0');
    if (digit > 9)
      return std::nullopt;
    value = value * 10 + digit;
  }
  if (value > max)
    return std::nullopt;
  return value;
}

}  // namespace flowclean
