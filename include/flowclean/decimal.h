// Small unsigned decimals, as ports and protocol numbers are written.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace flowclean {

/// Parses digits only (no sign, no blanks), at most `max_digits` of them, to
/// a value <= `max`; `max_digits` must be small enough that T cannot
/// overflow. Inline: it runs three times a row.
template <class T>
[[nodiscard]] inline std::optional<T> parse_decimal(std::string_view text,
                                                    std::size_t max_digits,
                                                    T max) {
  if (text.empty() || text.size() > max_digits)
    return std::nullopt;
  T value = 0;
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

/// Ports and protocol numbers.
[[nodiscard]] inline std::optional<unsigned> parse_bounded_decimal(
    std::string_view text, std::size_t max_digits, unsigned max) {
  return parse_decimal<unsigned>(text, max_digits, max);
}

/// A count of rows, bytes or packets: up to 19 digits always fits 64 bits.
[[nodiscard]] inline std::optional<std::uint64_t> parse_count(
    std::string_view text) {
  constexpr std::size_t kMaxDigits = 19;
  return parse_decimal<std::uint64_t>(text, kMaxDigits, UINT64_MAX);
}

}  // namespace flowclean
