// IP protocol numbers, and which of them carry ports.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/decimal.h"

namespace flowclean {

/// A protocol as flowclean counts it: 0-255 is an IP protocol number;
/// kUnnumberedProtocol is a code text with no known number (VAST's "OTHER").
using ProtocolId = std::uint16_t;
inline constexpr ProtocolId kTcp = 6;
inline constexpr ProtocolId kUdp = 17;
inline constexpr ProtocolId kUnnumberedProtocol = 256;
inline constexpr std::size_t kProtocolIdCount = 257;

/// Only TCP and UDP records carry ports; in any other protocol the port
/// fields are 0 or ICMP type/code and say nothing about direction.
[[nodiscard]] inline bool has_ports(ProtocolId protocol) {
  return protocol == kTcp || protocol == kUdp;
}

inline constexpr std::size_t kProtocolMaxDigits = 3;

/// Parses ipLayerProtocol: a decimal number 0-255. Inline: it runs per row.
[[nodiscard]] inline std::optional<ProtocolId> parse_protocol_number(
    std::string_view text) {
  return narrowed<ProtocolId>(
      parse_bounded_decimal(text, kProtocolMaxDigits, 255));
}

/// parse_protocol_number for a field of a block: see
/// parse_bounded_decimal_padded.
[[nodiscard]] inline std::optional<ProtocolId> parse_protocol_number_padded(
    std::string_view text) {
  return narrowed<ProtocolId>(
      parse_bounded_decimal_padded(text, kProtocolMaxDigits, 255));
}

/// Maps ipLayerProtocolCode ("TCP", "udp", "ICMP", "OTHER", ...) to a number,
/// any case; unknown text gives kUnnumberedProtocol.
[[nodiscard]] ProtocolId protocol_from_code(std::string_view code);

}  // namespace flowclean
