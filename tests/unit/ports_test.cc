#include "rules/ports.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "flowclean/error.h"
#include "rules/protocol.h"

using flowclean::parse_port;

TEST_CASE("ports 0 to 65535 parse as numbers", "[ports]") {
  CHECK(parse_port("0") == flowclean::Port{0});
  CHECK(parse_port("80") == flowclean::Port{80});
  CHECK(parse_port("65535") == flowclean::Port{65535});
  CHECK(parse_port("00080") == flowclean::Port{80});
}

TEST_CASE("text that is not a port 0-65535 is refused", "[ports]") {
  const auto text = GENERATE(as<std::string>{}, "", "-1", "70000", "65536",
                             " 80", "80 ", "8O", "+80", "123456", "1e3");
  CAPTURE(text);
  CHECK_FALSE(parse_port(text));
}

TEST_CASE("a field of a block parses as the plain parser reads it", "[ports]") {
  // Every byte in every position of 1 to 9 byte fields, followed by digits
  // the padded parser reads but must not count.
  std::vector<std::string> texts = {"",      "0",     "7",       "80",
                                    "65535", "65536", "99999",   "00080",
                                    "255",   "256",   "12345678"};
  for (std::size_t length = 1; length <= 9; ++length) {
    for (std::size_t at = 0; at < length; ++at) {
      for (int byte = 0; byte < 256; byte += 7) {
        std::string text(length, '5');
        text[at] = static_cast<char>(byte);
        texts.push_back(text);
      }
    }
  }
  for (const std::string& text : texts) {
    const std::string block = text + "12345678";
    const std::string_view field(block.data(), text.size());
    CAPTURE(text);
    CHECK(flowclean::parse_port_padded(field) == parse_port(text));
    CHECK(flowclean::parse_protocol_number_padded(field) ==
          flowclean::parse_protocol_number(text));
  }
  const std::string row = "80,1234567";
  CHECK(flowclean::parse_port_padded(std::string_view(row.data(), 2)) ==
        flowclean::Port{80});
}

TEST_CASE("the default service ports are the write-up's list", "[ports]") {
  const flowclean::PortPolicy policy;
  CHECK(policy.service_ports() ==
        std::vector<flowclean::Port>{20, 21, 25, 53, 80, 123, 137, 138, 389,
                                     1900, 1984, 3389, 5355});
  CHECK(policy.is_ephemeral(1025));
  CHECK_FALSE(policy.is_ephemeral(1024));
}

TEST_CASE("a port list parses with spaces and refuses bad items", "[ports]") {
  CHECK(flowclean::parse_port_list("80, 443,8080") ==
        std::vector<flowclean::Port>{80, 443, 8080});
  CHECK_THROWS_WITH(flowclean::parse_port_list("80,http"),
                    "'http' is not a port (0-65535)");
  CHECK_THROWS_AS(flowclean::parse_port_list("80,,25"), flowclean::UsageError);
}

TEST_CASE("protocol numbers are 0-255 and codes map to numbers", "[protocol]") {
  CHECK(flowclean::parse_protocol_number("6") == flowclean::ProtocolId{6});
  CHECK(flowclean::parse_protocol_number("255") == flowclean::ProtocolId{255});
  CHECK_FALSE(flowclean::parse_protocol_number("256"));
  CHECK_FALSE(flowclean::parse_protocol_number("TCP"));
  CHECK_FALSE(flowclean::parse_protocol_number(""));
  CHECK(flowclean::protocol_from_code("tcp") == flowclean::kTcp);
  CHECK(flowclean::protocol_from_code("UDP") == flowclean::kUdp);
  CHECK(flowclean::protocol_from_code("ICMP") == 1);
  CHECK(flowclean::protocol_from_code("OTHER") ==
        flowclean::kUnnumberedProtocol);
}
