#include <catch2/catch.hpp>

#include "flowclean/error.h"
#include "test_support.h"

using flowclean::test::kHeader;
using flowclean::test::row;
using flowclean::test::run_clean;

namespace {

flowclean::Summary sample_summary() {
  return run_clean(kHeader + row(6, "172.10.0.4", "10.0.0.1", 80, 5000) +
                   row(6, "172.10.0.4", "10.0.0.1", 80, 6000) +
                   row(17, "172.10.0.5", "10.0.0.1", 53, 7000) +
                   row(1, "172.10.0.6", "172.10.2.6", 0, 0) +
                   row(6, "10.0.0.1", "172.10.0.4", 0, 80))
      .summary;
}

}  // namespace

TEST_CASE("the JSON summary has the documented keys and counts", "[summary]") {
  const std::string json = flowclean::render_summary_json(sample_summary());
  for (const char* expected :
       {"\"rows_read\": 5,", "\"rows_written\": 5,", "\"rows_flipped\": 3,",
        "\"rows_rejected\": 0,",
        "\"flips_by_src_port\": {\"53\": 1, \"80\": 2}",
        "{\"protocol\": 1, \"code\": \"OTHER\", \"rows\": 1}",
        "\"port_zero\": {\"tcp\": 1, \"udp\": 0}", "\"service-source\": 3",
        "{\"name\": \"in1.csv\", \"rows_read\": 5, \"rows_flipped\": 3}"}) {
    CAPTURE(expected);
    CHECK(json.find(expected) != std::string::npos);
  }
}

TEST_CASE("the text summary reads like the write-up's tables", "[summary]") {
  const std::string text = flowclean::render_summary_text(sample_summary());
  CHECK(text.rfind("flowclean: 5 rows read: 2 kept, 3 flipped, 0 rejected\n",
                   0) == 0);
  CHECK(text.find("  service-source       flipped               3\n") !=
        std::string::npos);
  CHECK(text.find("flipped, by the source port the record had:\n") !=
        std::string::npos);
  CHECK(text.find("        80              2\n") != std::string::npos);
  CHECK(text.find("         1 OTHER                 1\n") != std::string::npos);
  CHECK(text.find("port 0 on TCP/UDP (kept): 1 TCP, 0 UDP\n") !=
        std::string::npos);
}

TEST_CASE("large counts are grouped by thousands", "[summary]") {
  flowclean::Summary summary;
  summary.rows_read = summary.rows_written = 23258685;
  CHECK(flowclean::render_summary_text(summary).rfind(
            "flowclean: 23,258,685 rows read: 23,258,685 kept", 0) == 0);
}

namespace {

using flowclean::Summary;

// One clean() run over named in-memory inputs.
Summary clean_named(
    const std::vector<std::pair<std::string, std::string>>& inputs) {
  std::vector<std::unique_ptr<flowclean::ByteSource>> sources;
  std::vector<flowclean::ByteSource*> pointers;
  for (const auto& [name, text] : inputs) {
    sources.push_back(flowclean::memory_source(name, text));
    pointers.push_back(sources.back().get());
  }
  flowclean::StringSink out;
  flowclean::CleanOptions options;
  options.rows.on_error = flowclean::OnError::kPass;
  return flowclean::clean(pointers, out, nullptr, options);
}

const std::string kChunkA =
    kHeader + row(6, "172.10.0.4", "10.0.0.1", 80, 5000) +
    row(1, "172.10.0.6", "172.10.2.6", 0, 0) + "not,a,row\n\n";
const std::string kChunkB = kHeader +
                            row(17, "172.10.0.5", "10.0.0.1", 53, 7000) +
                            row(6, "10.0.0.1", "172.10.0.4", 0, 80) +
                            row(6, "172.10.0.4", "10.0.0.2", 80, 6000);

}  // namespace

TEST_CASE("a summary read back from its JSON gives the same JSON",
          "[summary][combine]") {
  const Summary summary =
      clean_named({{"a.csv", kChunkA}, {"b \"2\".csv", kChunkB}});
  const std::string json = flowclean::render_summary_json(summary);
  CHECK(flowclean::render_summary_json(
            flowclean::parse_summary_json(json, "s.json")) == json);
}

TEST_CASE("summaries of chunks cleaned apart add up to one run's summary",
          "[summary][combine]") {
  const Summary together =
      clean_named({{"a.csv", kChunkA}, {"b.csv", kChunkB}});
  Summary total;
  for (const Summary& part :
       {clean_named({{"a.csv", kChunkA}}), clean_named({{"b.csv", kChunkB}})}) {
    total.merge(flowclean::parse_summary_json(
        flowclean::render_summary_json(part), "part.json"));
  }
  CHECK(total.rows_flipped == 3);
  CHECK(total.rows_malformed == 1);
  CHECK(flowclean::render_summary_json(total) ==
        flowclean::render_summary_json(together));
}

namespace {

/// What reading chunk A's summary with `from` replaced by `to` says:
/// the error, or "accepted".
std::string refusal_of(const std::string& from, const std::string& to) {
  std::string bad =
      flowclean::render_summary_json(clean_named({{"a.csv", kChunkA}}));
  REQUIRE(bad.find(from) != std::string::npos);
  bad.replace(bad.find(from), from.size(), to);
  try {
    (void)flowclean::parse_summary_json(bad, "s.json");
  } catch (const flowclean::Error& error) {
    return std::string(error.what());
  }
  return std::string("accepted");
}

}  // namespace

TEST_CASE("a summary that is not one is refused, naming file and key",
          "[summary][combine]") {
  CHECK(refusal_of("\"rows_read\": 3", "\"rows_read\": -3") ==
        "s.json: \"rows_read\": expected a count (a whole number, 0 or more)");
  CHECK(refusal_of("\"rows_read\": 3", "\"rows_read\": 4") ==
        "s.json: rows_read (4) is not rows_written + rows_rejected (3): the "
        "summary does not agree with itself");
  CHECK(refusal_of("\"name\": \"a.csv\"", "\"name\": 5") ==
        "s.json: \"inputs[0].name\": expected a string");
  CHECK(refusal_of("\"default\"", "\"dflt\"") ==
        "s.json: \"rules.dflt\": unknown rule");
  CHECK(refusal_of("\"blank_lines\": 1,", "") ==
        "s.json: \"blank_lines\": missing");
  CHECK(refusal_of("\"80\": 1", "\"80000\": 1") ==
        "s.json: \"flips_by_src_port.80000\": not a port number as flowclean "
        "writes it (0-65535)");
  CHECK(refusal_of("\"rows_flipped\": 1", "\"rows_flipped\": 5e2222") ==
        "s.json: number overflow parsing '5e2222'");
  CHECK(refusal_of("{\n", "{\n  \"rows_read\" 1,\n")
            .rfind("s.json: parse error at line 2, column 15", 0) == 0);
}

TEST_CASE("a summary that does not agree with itself is refused",
          "[summary][combine]") {
  CHECK(refusal_of("\"rows_flipped\": 1", "\"rows_flipped\": 4")
            .rfind("s.json: rows_flipped (4) is more than rows_written (3)",
                   0) == 0);
  CHECK(refusal_of("\"default\": 0", "\"default\": 1")
            .rfind("s.json: the sum of rules (3) is not rows_read - "
                   "rows_malformed (2)",
                   0) == 0);
  CHECK(refusal_of("\"rows_malformed\": 1", "\"rows_malformed\": 0")
            .rfind("s.json: the sum of malformed_by_kind (1) is not "
                   "rows_malformed (0)",
                   0) == 0);
  CHECK(refusal_of("\"service-source\": 1, \"default\": 0",
                   "\"service-source\": 0, \"default\": 1")
            .rfind("s.json: the sum of the flipping rules (0) is not "
                   "rows_flipped (1)",
                   0) == 0);
  CHECK(refusal_of("\n    {\"name\": \"a.csv\", \"rows_read\": 3, "
                   "\"rows_flipped\": 1}\n  ",
                   "") ==
        "s.json: \"inputs\": empty, yet every run reads an input");
  CHECK(refusal_of("\"80\": 1", "\"80\": 1, \"080\": 0") ==
        "s.json: \"flips_by_src_port.080\": not a port number as flowclean "
        "writes it (0-65535)");
  CHECK(refusal_of("\"80\": 1", "\"80\": 0, \"80\": 1") ==
        "s.json: \"80\": given twice in one object");
  CHECK(
      refusal_of("\"rows_read\": 3,", "\"rows_read\": 3, \"rows_read\": 3,") ==
      "s.json: \"rows_read\": given twice in one object");
}

TEST_CASE("adding summaries whose counts pass 2^64 is an error, not a wrap",
          "[summary][combine]") {
  Summary half;
  half.rows_read = half.rows_written = std::uint64_t{1} << 63;
  Summary total = half;
  CHECK_THROWS_WITH(total.merge(half), Catch::Contains("passes 2^64"));
}
