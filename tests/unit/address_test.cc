#include "rules/address.h"

#include <catch2/catch.hpp>

TEST_CASE("multicast and broadcast addresses are group addresses",
          "[address]") {
  const auto address =
      GENERATE(as<std::string>{}, "224.0.0.1", "239.255.255.250",
               "255.255.255.255", "ff02::1", "FF05::2");
  CAPTURE(address);
  CHECK(flowclean::is_group_address(address));
}

TEST_CASE("unicast addresses are not group addresses", "[address]") {
  const auto address =
      GENERATE(as<std::string>{}, "172.10.0.4", "10.0.0.12", "223.255.255.255",
               "240.0.0.1", "255.255.255.254", "2001:db8::1", "", "224");
  CAPTURE(address);
  CHECK_FALSE(flowclean::is_group_address(address));
}
