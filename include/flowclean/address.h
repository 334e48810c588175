// Addresses that can only ever be destinations.
#pragma once

#include <string_view>

namespace flowclean {

/// True for IPv4 multicast (224.0.0.0/4), the limited broadcast
/// 255.255.255.255 and IPv6 multicast (ff00::/8). A packet is never sent *from*
/// such an address, so a record with one as destination is never inverted.
[[nodiscard]] bool is_group_address(std::string_view address);

}  // namespace flowclean
