#include "rules/protocol.h"

#include <cctype>

namespace flowclean {

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) != b[i])
      return false;
  }
  return true;
}

struct NamedProtocol {
  std::string_view code;
  ProtocolId number;
};

// IANA protocol numbers of the codes flow exporters print.
constexpr NamedProtocol kNamedProtocols[] = {
    {"ICMP", 1}, {"IGMP", 2}, {"TCP", 6},     {"UDP", 17},
    {"GRE", 47}, {"ESP", 50}, {"ICMPV6", 58}, {"SCTP", 132}};

}  // namespace

ProtocolId protocol_from_code(std::string_view code) {
  for (const auto& named : kNamedProtocols) {
    if (equals_ignoring_case(code, named.code))
      return named.number;
  }
  return kUnnumberedProtocol;
}

}  // namespace flowclean
