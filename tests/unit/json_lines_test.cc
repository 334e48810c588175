// Zeek's conn.log as JSON lines: members found by key whatever their order
// and whichever are left out, a flip that names every value's side truly
// and undoes itself, and lines that are not JSON objects told as such.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "formats/builtin.h"
#include "pipeline/block_cleaner.h"
#include "scan/header.h"
#include "scan/json_row.h"
#include "scan/record_scanner.h"

namespace {

using flowclean::JsonRow;
using flowclean::ProblemKind;
using flowclean::Schema;

Schema zeek_json_schema() {
  const Schema schema = flowclean::parse_header(
      "{\"ts\":1}\n", "test.log", &flowclean::builtin_format("zeek"));
  REQUIRE(schema.dialect.json);
  return schema;
}

/// Scans `line` from `bytes`, a copy with a block's padding after it (the
/// reader reads words past a field); the row's views are into `bytes`.
std::optional<flowclean::Problem> scan(const std::string& line,
                                       std::string& bytes, JsonRow& row,
                                       const Schema& schema) {
  const flowclean::JsonKeys keys(schema.names);
  bytes = line + std::string(flowclean::kScanPadding, '\0');
  const std::size_t content =
      line.size() - (!line.empty() && line.back() == '\n' ? 1 : 0);
  return row.scan(bytes.data(), bytes.data() + content,
                  bytes.data() + line.size(), keys);
}

std::size_t column(const Schema& schema, const std::string& name) {
  const auto at = std::find(schema.names.begin(), schema.names.end(), name);
  REQUIRE(at != schema.names.end());
  return static_cast<std::size_t>(at - schema.names.begin());
}

}  // namespace

TEST_CASE("a JSON line's members are found by key, in any order", "[json]") {
  const Schema schema = zeek_json_schema();
  JsonRow row(schema.columns());
  std::string row_bytes;
  const std::string line =
      "{\"id.resp_p\":80, \"id.orig_h\" : \"fe80::1\",\"proto\":\"tcp\","
      "\"tunnel_parents\":[\"C1\",\"C2\"],\"id.orig_p\":5555,"
      "\"id.resp_h\":\"10.0.0.2\"}\n";
  REQUIRE_FALSE(scan(line, row_bytes, row, schema));
  CHECK(row.value(schema.src_ip) == "fe80::1");
  CHECK(row.raw(schema.src_ip) == "\"fe80::1\"");
  CHECK(row.value(schema.dst_port) == "80");
  CHECK(row.value(schema.src_port) == "5555");
  // Zeek leaves unset fields out.
  CHECK_FALSE(row.present(column(schema, "orig_bytes")));
  CHECK(row.members().size() == 6);
}

TEST_CASE("a JSON flip swaps each side's members and renames a lone one",
          "[json][flip]") {
  const Schema schema = zeek_json_schema();
  const flowclean::RowPolicy policy;
  flowclean::BlockCleaner cleaner(schema, policy);
  JsonRow row(schema.columns());
  std::string row_bytes;
  const std::string line =
      "{\"ts\":1.5,\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":80,"
      "\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":40000,\"proto\":\"tcp\","
      "\"orig_bytes\":500,\"resp_bytes\":12,\"conn_state\":\"RSTO\","
      "\"history\":\"hADadR\",\"orig_pkts\":5,\"local_orig\":true,"
      "\"tunnel_parents\":[]}\n";
  REQUIRE_FALSE(scan(line, row_bytes, row, schema));
  const std::string once = cleaner.flipped_row(row);
  // resp_pkts and local_resp are unset: the lone values move to their
  // names, where the flipped record's sides have them.
  CHECK(once ==
        "{\"ts\":1.5,\"id.orig_h\":\"10.0.0.2\",\"id.orig_p\":40000,"
        "\"id.resp_h\":\"10.0.0.1\",\"id.resp_p\":80,\"proto\":\"tcp\","
        "\"orig_bytes\":12,\"resp_bytes\":500,\"conn_state\":\"RSTR\","
        "\"history\":\"HadADr\",\"resp_pkts\":5,\"local_resp\":true,"
        "\"tunnel_parents\":[]}\n");
  JsonRow flipped(schema.columns());
  std::string flipped_bytes;
  REQUIRE_FALSE(scan(once, flipped_bytes, flipped, schema));
  CHECK(cleaner.flipped_row(flipped) == line);
}

TEST_CASE("a line that is not a JSON object is told where it stops being one",
          "[json][malformed]") {
  const Schema schema = zeek_json_schema();
  JsonRow row(schema.columns());
  std::string row_bytes;
  struct Case {
    std::string line;
    ProblemKind kind;
    std::size_t offset;
  };
  const std::vector<Case> cases = {
      {"ts,uid\n", ProblemKind::kNotJson, 0},
      {"{\"ts\":1,}\n", ProblemKind::kNotJson, 8},
      {"{\"ts\":1 \"uid\":2}\n", ProblemKind::kNotJson, 8},
      {"{\"ts\":1}x\n", ProblemKind::kNotJson, 8},
      {"{\"ts\":\"a\tb\"}\n", ProblemKind::kControlByte, 8},
      {"{\"ts\":\"unclosed}\n", ProblemKind::kNotJson, 16},
      {"{\"ts\":}\n", ProblemKind::kNotJson, 6},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    const auto problem = scan(c.line, row_bytes, row, schema);
    REQUIRE(problem);
    CHECK(problem->kind == c.kind);
    CHECK(problem->offset == c.offset);
  }
}

TEST_CASE("JSON rows with any members left out flip back byte for byte",
          "[json][flip]") {
  const Schema schema = zeek_json_schema();
  const flowclean::RowPolicy policy;
  flowclean::BlockCleaner cleaner(schema, policy);
  const std::vector<std::pair<std::string, std::vector<std::string>>> members =
      {{"id.orig_h", {"\"10.0.0.1\"", "\"2001:db8::1\""}},
       {"id.resp_h", {"\"10.0.0.9\""}},
       {"id.orig_p", {"80", "5353"}},
       {"id.resp_p", {"443", "61000"}},
       {"proto", {"\"tcp\"", "\"udp\""}},
       {"orig_bytes", {"0", "1234"}},
       {"resp_bytes", {"99"}},
       {"orig_pkts", {"3"}},
       {"resp_ip_bytes", {"400"}},
       {"local_orig", {"true", "false"}},
       {"orig_l2_addr", {"\"aa:bb:cc:dd:ee:ff\""}},
       {"history", {"\"ShADadFf\"", "\"^hA\""}},
       {"conn_state", {"\"S2\"", "\"RSTOS0\"", "\"SF\""}},
       {"uid", {"\"CabC\""}}};
  std::mt19937 random(7);
  JsonRow row(schema.columns());
  std::string row_bytes;
  JsonRow flipped(schema.columns());
  std::string flipped_bytes;
  for (int n = 0; n < 300; ++n) {
    std::vector<std::size_t> order(members.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), random);
    std::string line = "{";
    for (const std::size_t i : order) {
      if (i >= 5 && random() % 3 == 0)
        continue;  // the addresses, ports and protocol are always set
      const auto& values = members[i].second;
      line += (line.size() > 1 ? "," : "") + ("\"" + members[i].first + "\":") +
              values[random() % values.size()];
    }
    line += "}\n";
    CAPTURE(line);
    REQUIRE_FALSE(scan(line, row_bytes, row, schema));
    const std::string once = cleaner.flipped_row(row);
    REQUIRE_FALSE(scan(once, flipped_bytes, flipped, schema));
    CHECK(flipped.value(schema.src_ip) == row.value(schema.dst_ip));
    CHECK(flipped.value(schema.dst_port) == row.value(schema.src_port));
    CHECK(cleaner.flipped_row(flipped) == line);
  }
}
