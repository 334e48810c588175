// The format description language: what it accepts, what it refuses and
// how it says so, and how a header picks a format.
#include "formats/format.h"

#include <string>

#include <catch2/catch.hpp>

#include "flowclean/error.h"
#include "formats/builtin.h"
#include "scan/schema.h"

using flowclean::Format;
using flowclean::parse_format;

namespace {

const std::string kMine =
    "# a collector's own CSV\n"
    "format mine\n"
    "about my CSV\n"
    "source-address \" Source IP\"\n"
    "destination-address dst\n"
    "source-port sport\r\n"
    "destination-port dport\n"
    "protocol-name proto\n"
    "swap \" Source IP\" dst\n"
    "swap sport dport\n";

}  // namespace

TEST_CASE("a description names roles and swaps, quoted names keep blanks",
          "[format]") {
  const Format mine = parse_format(kMine, "mine.txt");
  CHECK(mine.name == "mine");
  CHECK(mine.about == "my CSV");
  CHECK(mine.src_address == " Source IP");
  CHECK(mine.src_port == "sport");  // CR LF read as LF
  CHECK(mine.protocol_number.empty());
  CHECK(mine.swaps.size() == 2);
  CHECK(mine.required() ==
        std::vector<std::string>{" Source IP", "dst", "sport", "dport"});
  CHECK(mine.text == kMine);
}

TEST_CASE("a mistake in a description is told with its file and line",
          "[format]") {
  CHECK_THROWS_WITH(parse_format("format a\nsource-adress x\n", "f.txt"),
                    "f.txt:2: 'source-adress' is not a directive "
                    "(doc/formats.md lists them)");
  CHECK_THROWS_WITH(parse_format("format a\nformat b\n", "f.txt"),
                    "f.txt:2: format is given twice");
  CHECK_THROWS_WITH(parse_format("format a\nswap x\n", "f.txt"),
                    "f.txt:2: swap takes two columns");
  CHECK_THROWS_WITH(parse_format("format a\n\nsource-port \"x\n", "f.txt"),
                    "f.txt:3: a quoted column name has no closing '\"'");
  CHECK_THROWS_WITH(parse_format("format a\nsource-port x y\n", "f.txt"),
                    "f.txt:2: source-port takes one column");
}

TEST_CASE("a description whose flip would not be whole is refused",
          "[format]") {
  // Without one of its parts the description is incomplete.
  const auto without = [](const std::string& line) {
    std::string text = kMine;
    text.erase(text.find(line), line.size() + 1);
    return text;
  };
  CHECK_THROWS_WITH(parse_format(without("swap sport dport"), "m.txt"),
                    "m.txt: the format does not swap the port columns");
  CHECK_THROWS_WITH(parse_format(without("protocol-name proto"), "m.txt"),
                    "m.txt: the format names no protocol-number or "
                    "protocol-name column");
  CHECK_THROWS_WITH(parse_format(without("destination-address dst"), "m.txt"),
                    "m.txt: the format names no destination-address column");
  CHECK_THROWS_WITH(parse_format(kMine + "source-payload sb\n", "m.txt"),
                    "m.txt: the format names one payload column without the "
                    "other");
  CHECK_THROWS_WITH(parse_format(kMine + "swap dport x\n", "m.txt"),
                    "m.txt: the format swaps column 'dport' twice");
}

TEST_CASE("every built-in format reads its own description back", "[format]") {
  for (const Format& format : flowclean::builtin_formats()) {
    CAPTURE(format.name);
    const Format again = parse_format(format.text, "copy.txt");
    CHECK(again.name == format.name);
    CHECK(again.required() == format.required());
    CHECK(again.swaps == format.swaps);
  }
}

TEST_CASE("a header takes the format it fits, or a forced one", "[format]") {
  const Format mine = parse_format(kMine, "mine.txt");
  const std::vector<std::string> names = {"t",     " Source IP", "dst",
                                          "sport", "dport",      "proto"};
  const flowclean::Schema schema = flowclean::make_schema(names, &mine);
  CHECK(schema.format == "mine");
  CHECK(schema.src_ip == 1);
  CHECK(*schema.protocol_code == 5);
  CHECK_FALSE(schema.protocol);
  CHECK_FALSE(schema.payload);
  CHECK(schema.flipped_order == std::vector<std::size_t>{0, 2, 1, 4, 3, 5});
  // Auto knows only the built-in formats, and says what each lacks.
  CHECK_THROWS_WITH(flowclean::make_schema(names, nullptr),
                    Catch::StartsWith("header matches no format: vast lacks "
                                      "column 'ipLayerProtocol' or "
                                      "'ipLayerProtocolCode'"));
}
