#include "flowclean/address.h"

namespace flowclean {

namespace {

constexpr unsigned kMulticastFirstOctetMin = 224;
constexpr unsigned kMulticastFirstOctetMax = 239;

}  // namespace

bool is_group_address(std::string_view address) {
  if (address == "255.255.255.255")
    return true;
  if (address.size() >= 2 && (address[0] == 'f' || address[0] == 'F') &&
      (address[1] == 'f' || address[1] == 'F') &&
      address.find(':') != std::string_view::npos) {
    return true;
  }
  unsigned octet = 0;
  std::size_t i = 0;
  for (; i < address.size() && i < 3; ++i) {
    const char c = address[i];
    if (c < '0' || c > '9')
      break;
    octet = octet * 10 + static_cast<unsigned>(c - '0');
  }
  if (i == 0 || i >= address.size() || address[i] != '.')
    return false;
  return octet >= kMulticastFirstOctetMin && octet <= kMulticastFirstOctetMax;
}

}  // namespace flowclean
