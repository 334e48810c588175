#include "scan/header.h"

#include <catch2/catch.hpp>

#include "flowclean/error.h"
#include "formats/builtin.h"
#include "formats/format.h"
#include "test_support.h"

using flowclean::parse_header;

TEST_CASE("columns are found by name, in any order", "[header]") {
  const auto schema = parse_header(flowclean::test::kHeader, "f.csv");
  CHECK(schema.columns() == 19);
  CHECK(*schema.protocol == 3);
  CHECK(schema.src_port == 7);
  CHECK(schema.src_ip == 5);
  CHECK(schema.dst_ip == 6);
  CHECK(schema.format == "vast");
  const auto reordered = parse_header(
      "firstSeenDestPort,x,firstSeenSrcPort,firstSeenSrcIp,firstSeenDestIp,"
      "firstSeenSrcPayloadBytes,firstSeenDestPayloadBytes,"
      "firstSeenSrcTotalBytes,firstSeenDestTotalBytes,firstSeenSrcPacketCount,"
      "firstSeenDestPacketCount,ipLayerProtocolCode\n",
      "g.csv");
  CHECK(reordered.dst_port == 0);
  CHECK(reordered.src_port == 2);
  CHECK_FALSE(reordered.protocol);
  CHECK(*reordered.protocol_code == 11);
  CHECK(reordered.flipped_order[0] == 2);
  CHECK(reordered.flipped_order[1] == 1);
}

TEST_CASE("a header without a needed column is an error naming it",
          "[header]") {
  std::string header = flowclean::test::kHeader;
  header.replace(header.find("firstSeenDestPacketCount"), 24, "packets");
  CHECK_THROWS_WITH(parse_header(header, "chunk.csv"),
                    "chunk.csv:1: header matches no format: vast lacks column "
                    "'firstSeenDestPacketCount'; argus lacks column 'Proto'; "
                    "zeek lacks line '#fields'; nfdump lacks column 'pr'; "
                    "cic lacks column 'Protocol'; cic-ids2017 lacks column "
                    "'Protocol'; silk lacks column 'pro'; "
                    "unsw has no header line "
                    "(--format unsw). 'flowclean formats' lists them; "
                    "describe another layout with --format-file");
  CHECK_THROWS_WITH(parse_header("a,b\n", "x.csv"),
                    Catch::Contains("vast lacks column 'ipLayerProtocol' or "
                                    "'ipLayerProtocolCode'"));
  const auto& vast = flowclean::builtin_format("vast");
  CHECK_THROWS_WITH(parse_header(header, "chunk.csv", &vast),
                    "chunk.csv:1: header has no column "
                    "'firstSeenDestPacketCount' (format vast)");
}

TEST_CASE("a column named twice is an error", "[header]") {
  const std::string header =
      flowclean::test::kHeader.substr(0, flowclean::test::kHeader.size() - 1) +
      ",firstSeenSrcPort\n";
  CHECK_THROWS_WITH(parse_header(header, "d.csv"),
                    "d.csv:1: header names column 'firstSeenSrcPort' twice "
                    "(columns 8 and 20)");
}

TEST_CASE("a column a flip only moves may be named twice, the first moved",
          "[header]") {
  // VAST reads no packet count: a second one is kept as it is.
  const std::string header =
      flowclean::test::kHeader.substr(0, flowclean::test::kHeader.size() - 1) +
      ",firstSeenSrcPacketCount\n";
  const auto schema = parse_header(header, "d.csv");
  CHECK(schema.columns() == 20);
  CHECK(schema.flipped_order[12] == 13);
  CHECK(schema.flipped_order[19] == 19);
}

TEST_CASE("names match with the blanks around them ignored", "[header]") {
  // CIC-IDS2017 writes " Source IP": the same name as "Source IP".
  const flowclean::Format format = flowclean::parse_format(
      "format spaced\nabout x\nsource-address \"Source IP\"\n"
      "destination-address \"Destination IP\"\nsource-port \"Source Port\"\n"
      "destination-port \"Destination Port\"\nprotocol-number Protocol\n"
      "swap \"Source IP\" \"Destination IP\"\n"
      "swap \"Source Port\" \"Destination Port\"\n",
      "spaced.txt");
  const auto schema = parse_header(
      "Flow ID, Source IP, Source Port, Destination IP, Destination Port,"
      " Protocol\n",
      "cic.csv", &format);
  CHECK(schema.src_ip == 1);
  CHECK(schema.dst_port == 4);
  CHECK(*schema.protocol == 5);
}

TEST_CASE("a UTF-8 BOM, CR LF and quoted names are read as names", "[header]") {
  std::string header = "\xEF\xBB\xBF" + flowclean::test::kHeader;
  header.insert(header.size() - 1, "\r");
  header.replace(header.find("firstSeenSrcIp"), 14, "\"firstSeenSrcIp\"");
  const auto schema = parse_header(header, "bom.csv");
  CHECK(schema.names[0] == "TimeSeconds");
  CHECK(schema.names[18] == "recordForceOut");
  CHECK(schema.src_ip == 5);
}
