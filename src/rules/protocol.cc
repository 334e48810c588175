#include "rules/protocol.h"

namespace flowclean {

namespace {

// ASCII only, inline: std::toupper is a libc call that asks the locale,
// 2% of a clean of Zeek JSON, where every row names its protocol.
bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char c =
        a[i] >= 'a' && a[i] <= 'z' ? static_cast<char>(a[i] - 32) : a[i];
    if (c != b[i])
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
