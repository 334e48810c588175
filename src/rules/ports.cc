#include "rules/ports.h"

#include <charconv>

#include <fmt/format.h>

#include "flowclean/error.h"

namespace flowclean {

PortPolicy::PortPolicy()
    : PortPolicy(std::vector<Port>(std::begin(kDefaultServicePorts),
                                   std::end(kDefaultServicePorts)),
                 kDefaultEphemeralMin) {}

PortPolicy::PortPolicy(const std::vector<Port>& service_ports,
                       Port ephemeral_min)
    : ephemeral_min_(ephemeral_min) {
  for (const Port port : service_ports)
    service_[port / 32] |= 1U << (port % 32);
}

std::vector<Port> PortPolicy::service_ports() const {
  std::vector<Port> ports;
  for (std::size_t p = 0; p <= 65535; ++p) {
    if (is_service(static_cast<Port>(p)))
      ports.push_back(static_cast<Port>(p));
  }
  return ports;
}

std::vector<Port> parse_port_list(std::string_view text) {
  std::vector<Port> ports;
  while (true) {
    const auto comma = text.find(',');
    const std::string_view item = trim_blanks(text.substr(0, comma));
    const auto port = parse_port(item);
    if (!port) {
      throw UsageError(fmt::format("'{}' is not a port (0-65535)", item));
    }
    ports.push_back(*port);
    if (comma == std::string_view::npos)
      break;
    text.remove_prefix(comma + 1);
  }
  return ports;
}

}  // namespace flowclean
