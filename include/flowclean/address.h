// Addresses that can only ever be destinations.
#pragma once

#include <string_view>

namespace flowclean {

/// True for IPv4 multicast (224.0.0.0/4), the limited broadcast
/// 255.255.255.255 and IPv6 multicast (ff00::/8). A packet is never sent *from*
/// such an address, so a record with one as destination is never inverted.
/// Inline: it runs for every TCP/UDP row.
[[nodiscard]] inline bool is_group_address(std::string_view address) {
  constexpr unsigned kMulticastFirstOctetMin = 224;
  constexpr unsigned kMulticastFirstOctetMax = 239;
  if (address == "255.255.255.255")
    return true;
  if (address.size() >= 2 && (address[0] | 0x20) == 'f' &&
      (address[1] | 0x20) == 'f' &&
      address.find(':') != std::string_view::npos) {
    return true;
  }
  unsigned octet = 0;
  std::size_t i = 0;
  for (; i < address.size() && i < 3; ++i) {
    const auto digit = static_cast<unsigned>(address[i] - '0');
    if (digit > 9)
      break;
    octet = octet * 10 + digit;
  }
  if (i == 0 || i >= address.size() || address[i] != '.')
    return false;
  return octet >= kMulticastFirstOctetMin && octet <= kMulticastFirstOctetMax;
}

}  // namespace flowclean
