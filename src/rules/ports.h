// Transport ports and the policy that says which ones are services.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/decimal.h"
#include "common/text.h"

namespace flowclean {

using Port = std::uint16_t;

inline constexpr std::size_t kPortMaxDigits = 5;

/// Parses a decimal port 0-65535. Rejects "", "-1", "70000", " 80", "8O".
/// Inline: it runs twice per row.
[[nodiscard]] inline std::optional<Port> parse_port(std::string_view text) {
  return narrowed<Port>(parse_bounded_decimal(text, kPortMaxDigits, 65535));
}

/// parse_port for a field of a block: see parse_bounded_decimal_padded.
[[nodiscard, gnu::always_inline]] inline std::optional<Port> parse_port_padded(
    std::string_view text) {
  return narrowed<Port>(
      parse_bounded_decimal_padded(text, kPortMaxDigits, 65535));
}

/// The list the VAST 2013 write-up ends with (see README "Rules").
inline constexpr Port kDefaultServicePorts[] = {
    20, 21, 25, 53, 80, 123, 137, 138, 389, 1900, 1984, 3389, 5355};

/// Ports above this are taken as ephemeral (client) ports by default: the
/// well-known and historic BSD reserved range ends at 1024.
inline constexpr Port kDefaultEphemeralMin = 1024;

/// Which ports are services, and where client (ephemeral) ports start.
class PortPolicy {
 public:
  PortPolicy();  ///< the defaults above
  PortPolicy(const std::vector<Port>& service_ports, Port ephemeral_min);

  [[nodiscard]] bool is_service(Port port) const {
    return (service_[port / 32] >> (port % 32)) & 1U;
  }
  /// True when `port` is above the ephemeral threshold (strictly greater).
  [[nodiscard]] bool is_ephemeral(Port port) const {
    return port > ephemeral_min_;
  }
  [[nodiscard]] Port ephemeral_min() const { return ephemeral_min_; }
  [[nodiscard]] std::vector<Port> service_ports() const;
  /// One bit a port, port p at bit p % 32 of word p / 32: what the batch
  /// rules (batch_rules.h) gather from.
  [[nodiscard]] const std::uint32_t* service_words() const {
    return service_.data();
  }

 private:
  std::array<std::uint32_t, 65536 / 32> service_{};
  Port ephemeral_min_;
};

/// Parses "20,21,80" (spaces around items allowed). Throws UsageError naming
/// the bad item.
[[nodiscard]] std::vector<Port> parse_port_list(std::string_view text);

}  // namespace flowclean
