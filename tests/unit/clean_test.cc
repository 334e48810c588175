#include <catch2/catch.hpp>

#include "flowclean/error.h"
#include "test_support.h"

using flowclean::test::kHeader;
using flowclean::test::row;
using flowclean::test::run_clean;

TEST_CASE("an inverted record has exactly its five pairs swapped", "[clean]") {
  const std::string in =
      kHeader +
      "1364807428.917824,2013-04-01 09:10:28,20130401091028.917824,6,TCP,"
      "172.10.0.4,172.10.2.64,80,14545,0,0,0,7425,0,7865,0,8,0,0\n";
  const auto run = run_clean(in);
  CHECK(run.output ==
        kHeader +
            "1364807428.917824,2013-04-01 09:10:28,20130401091028.917824,6,TCP,"
            "172.10.2.64,172.10.0.4,14545,80,0,0,0,0,7425,0,7865,0,8,0\n");
  CHECK(run.summary.rows_flipped == 1);
  CHECK(run.summary.flips_by_src_port[80] == 1);
}

TEST_CASE("rows that are not flipped are written byte for byte", "[clean]") {
  const std::string in = kHeader +
                         "1364803504.948029,2013-04-01 08:05:04,x,6,TCP,"
                         "172.30.1.11,10.0.0.12,9130,80,0,0,0,176,409,454,633,"
                         "5,4, odd spacing \n" +
                         row(1, "172.10.0.6", "172.10.2.6", 0, 0);
  CHECK(run_clean(in).output == in);
}

TEST_CASE("several inputs give one output with one header", "[clean]") {
  const std::string kept = row(6, "10.0.0.1", "172.10.0.4", 5000, 80);
  const std::string inverted = row(6, "172.10.0.4", "10.0.0.1", 80, 5000);
  const auto run = run_clean({kHeader + kept, kHeader + inverted});
  const std::string flipped =
      "1364807428.917824,2013-04-01 09:10:28,20130401091028.917824,6,TCP,"
      "10.0.0.1,172.10.0.4,5000,80,0,0,3,11,7425,51,7865,2,8,0\n";
  CHECK(run.output == kHeader + kept + flipped);
  REQUIRE(run.summary.inputs.size() == 2);
  CHECK(run.summary.inputs[0].rows_flipped == 0);
  CHECK(run.summary.inputs[1].rows_flipped == 1);
}

TEST_CASE("inputs whose headers name other columns are refused", "[clean]") {
  const std::string a = kHeader;
  std::string b = kHeader;
  b.replace(0, 11, "Time");
  CHECK_THROWS_WITH(run_clean({a, b}),
                    "in2.csv:1: header names other columns than the header of "
                    "in1.csv, and their rows would share an output");
}

TEST_CASE("a header-only input gives the header; an empty one gives nothing",
          "[clean]") {
  CHECK(run_clean(kHeader).output == kHeader);
  const auto empty = run_clean("");
  CHECK(empty.output.empty());
  CHECK(empty.summary.rows_read == 0);
  CHECK(run_clean({"", kHeader}).output == kHeader);
}

TEST_CASE("CR LF rows keep their CR LF, flipped or not", "[clean]") {
  auto crlf = [](std::string line) {
    return line.insert(line.size() - 1, "\r");
  };
  const std::string kept = row(6, "10.0.0.1", "172.10.0.4", 5000, 80);
  const std::string in = crlf(kHeader) +
                         crlf(row(6, "172.10.0.4", "10.0.0.1", 80, 5000)) +
                         crlf(kept);
  const auto run = run_clean(in);
  const std::string flipped =
      "1364807428.917824,2013-04-01 09:10:28,20130401091028.917824,6,TCP,"
      "10.0.0.1,172.10.0.4,5000,80,0,0,3,11,7425,51,7865,2,8,0\n";
  CHECK(run.output == crlf(kHeader) + crlf(flipped) + crlf(kept));
}

TEST_CASE("a UTF-8 BOM is kept and a missing final newline stays missing",
          "[clean]") {
  std::string last = row(6, "172.10.0.4", "10.0.0.1", 80, 5000);
  last.pop_back();
  const std::string in = "\xEF\xBB\xBF" + kHeader + last;
  const auto run = run_clean(in);
  CHECK(run.output.substr(0, 3) == "\xEF\xBB\xBF");
  CHECK(run.output.back() != '\n');
  CHECK(run.summary.rows_flipped == 1);
}

TEST_CASE("blank lines are not rows: dropped and counted", "[clean]") {
  const std::string r = row(6, "10.0.0.1", "172.10.0.4", 5000, 80);
  const auto run = run_clean(kHeader + r + "\n\r\n" + r + "\n");
  CHECK(run.output == kHeader + r + r);
  CHECK(run.summary.blank_lines == 3);
  CHECK(run.summary.rows_read == 2);
}

TEST_CASE("annotating appends the action and the deciding rule", "[clean]") {
  flowclean::CleanOptions options;
  options.rows.annotate = true;
  const auto run =
      run_clean(kHeader + row(6, "172.10.0.4", "10.0.0.1", 80, 5000) +
                    row(1, "172.10.0.6", "172.10.2.6", 0, 0),
                options);
  const auto header_end = run.output.find('\n');
  CHECK(run.output.substr(0, header_end).substr(header_end - 30) ==
        ",flowcleanAction,flowcleanRule");
  CHECK(run.output.find(",0,flipped,service-source\n") != std::string::npos);
  CHECK(run.output.find(",0,kept,ports-meaningless\n") != std::string::npos);
}

TEST_CASE("quoted fields are read by value and swapped as written", "[clean]") {
  const std::string in =
      kHeader +
      "1,\"2013-04-01 09:10:28\",\"x,y\",6,TCP,\"172.10.0.4\","
      "10.0.0.1,\"80\",5000,0,0,3,7425,11,7865,51,8,2,0\n";
  const auto run = run_clean(in);
  CHECK(run.output ==
        kHeader +
            "1,\"2013-04-01 09:10:28\",\"x,y\",6,TCP,10.0.0.1,"
            "\"172.10.0.4\",5000,\"80\",0,0,3,11,7425,51,7865,2,8,0\n");
}

TEST_CASE("a protocol code column alone is enough", "[clean]") {
  const std::string in =
      "ipLayerProtocolCode,firstSeenSrcIp,firstSeenDestIp,firstSeenSrcPort,"
      "firstSeenDestPort,firstSeenSrcPayloadBytes,firstSeenDestPayloadBytes,"
      "firstSeenSrcTotalBytes,firstSeenDestTotalBytes,firstSeenSrcPacketCount,"
      "firstSeenDestPacketCount\n"
      "TCP,172.10.0.4,10.0.0.1,80,5000,1,2,3,4,5,6\n"
      "OTHER,172.10.0.4,10.0.0.1,80,5000,1,2,3,4,5,6\n";
  const auto run = run_clean(in);
  CHECK(run.summary.rows_flipped == 1);
  CHECK(run.summary.meaningless_by_protocol[flowclean::kUnnumberedProtocol] ==
        1);
  CHECK(run.summary.protocol_codes[flowclean::kUnnumberedProtocol] == "OTHER");
}
