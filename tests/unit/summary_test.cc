#include <catch2/catch.hpp>

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
