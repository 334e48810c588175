// Addresses that can only ever be destinations.
#pragma once

#include <string_view>

namespace flowclean {

/// True for IPv4 multicast (224.0.0.0/4), the limited broadcast
/// 255.255.255.255 and IPv6 multicast (ff00::/8). A packet is never sent *from*
/// such an address, so a record with one as destination is never inverted.
/// Inline, and tested with one branch for the common case (an address not
/// starting with '2' or 'f'): it runs for every TCP/UDP row, and a loop over
/// the first octet's digits mispredicted as their count varied.
[[nodiscard]] inline bool is_group_address(std::string_view address) {
  if (address.size() < 4)
    return false;
  const char first = address[0];
  if (first != '2') {
    return (first | 0x20) == 'f' && (address[1] | 0x20) == 'f' &&
           address.find(':') != std::string_view::npos;
  }
  // 224. to 239. : the first octet has three digits and is followed by '.'.
  const auto second = static_cast<unsigned char>(address[1]);
  const auto third = static_cast<unsigned>(address[2] - '0');
  const bool multicast =
      address[3] == '.' &&
      ((second == '2' && third - 4 <= 5) | (second == '3' && third <= 9));
  return multicast || address == "255.255.255.255";
}

}  // namespace flowclean
