// Small unsigned decimals, as ports and protocol numbers are written.
#pragma once

#include <cstdint>
#include <cstring>
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

/// As parse_bounded_decimal, with no branch on each digit (a branch on
/// every digit of a port mispredicts once a field, as lengths vary):
/// reads the 8 bytes from text.data(), which must all be readable, as they
/// are in a block with its kScanPadding. `max_digits` is at most 5.
[[nodiscard, gnu::always_inline]] inline std::optional<unsigned>
parse_bounded_decimal_padded(std::string_view text, std::size_t max_digits,
                             unsigned max) {
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
  return parse_bounded_decimal(text, max_digits, max);
#else
  const std::size_t length = text.size();
  if (length - 1 >= max_digits)  // empty, or too long
    return std::nullopt;
  std::uint64_t x = 0;
  std::memcpy(&x, text.data(), sizeof x);
  const std::uint64_t keep = ~std::uint64_t{0} >> (64 - 8 * length);
  const std::uint64_t zeros = 0x3030303030303030ULL & keep;
  constexpr std::uint64_t kHigh = 0xF0F0F0F0F0F0F0F0ULL;
  constexpr std::uint64_t kSix = 0x0606060606060606ULL;
  x &= keep;
  // A digit is 0x3N with N + 6 < 16. Little-endian: the text's first
  // digit is the lowest byte.
  const bool digits = ((x & kHigh) == zeros) & (((x + kSix) & kHigh) == zeros);
  // Last digit to the top byte: the top four bytes hold the last four
  // digits (0 where the text is shorter), byte 3 a fifth. The four combine
  // in pairs, then the pairs; two steps, not three for eight digits.
  const std::uint64_t spread = (x - zeros) << (64 - 8 * length);
  auto v = static_cast<std::uint32_t>(spread >> 32);
  v = (v * 10 + (v >> 8)) & 0x00FF00FFU;
  v = (v * 100 + (v >> 16)) & 0xFFFFU;
  v += static_cast<std::uint32_t>((spread >> 24) & 0xFF) * 10000;
  if (!digits || v > max)
    return std::nullopt;
  return static_cast<unsigned>(v);
#endif
}

/// A parsed value as the narrower type its bound fits in.
template <class T>
[[nodiscard]] inline std::optional<T> narrowed(std::optional<unsigned> value) {
  if (!value)
    return std::nullopt;
  return static_cast<T>(*value);
}

/// A count of rows, bytes or packets: up to 19 digits always fits 64 bits.
[[nodiscard]] inline std::optional<std::uint64_t> parse_count(
    std::string_view text) {
  constexpr std::size_t kMaxDigits = 19;
  return parse_decimal<std::uint64_t>(text, kMaxDigits, UINT64_MAX);
}

}  // namespace flowclean
