// The report's port tables (Summary::ports): counted exactly, as read and
// as written, whatever the threads and blocks; added up exactly by merge
// and combine; read back as written; refused when they disagree.
#include <catch2/catch.hpp>

#include "flowclean/error.h"
#include "flowclean/summary.h"
#include "test_support.h"

using flowclean::kPortBins;
using flowclean::port_bin;
using flowclean::ProtocolPorts;
using flowclean::test::generated_rows;
using flowclean::test::kHeader;
using flowclean::test::run_clean;
using flowclean::test::split;

namespace {

/// Rows by port, counted the plain way from CSV text: [0] TCP, [1] UDP.
struct Counted {
  std::vector<std::uint64_t> src[2], dst[2], density[2];
  Counted() {
    for (int i = 0; i < 2; ++i) {
      src[i].assign(65536, 0);
      dst[i].assign(65536, 0);
      density[i].assign(kPortBins * kPortBins, 0);
    }
  }
};

Counted count_plainly(const std::string& csv) {
  Counted counted;
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);  // the header
  while (std::getline(lines, line)) {
    const auto fields = split(line);
    const int protocol = std::stoi(fields[3]);
    if (protocol != 6 && protocol != 17)
      continue;
    const auto src = static_cast<flowclean::Port>(std::stoi(fields[7]));
    const auto dst = static_cast<flowclean::Port>(std::stoi(fields[8]));
    const int i = protocol == 17 ? 1 : 0;
    ++counted.src[i][src];
    ++counted.dst[i][dst];
    ++counted.density[i][port_bin(src) * kPortBins + port_bin(dst)];
  }
  return counted;
}

flowclean::CleanOptions counting(unsigned threads, std::size_t block) {
  flowclean::CleanOptions options;
  options.threads = threads;
  options.block_bytes = block;
  options.rows.count_ports = true;
  return options;
}

bool same_tables(const ProtocolPorts& a, const ProtocolPorts& b) {
  return a.src == b.src && a.dst == b.dst && a.flipped_src == b.flipped_src &&
         a.flipped_dst == b.flipped_dst && a.density == b.density &&
         a.flipped_density == b.flipped_density;
}

}  // namespace

TEST_CASE("the port tables count each row's ports as read and as written",
          "[ports]") {
  // 60,000 rows: byte counters wrap many times (carries into the totals).
  const std::string in = kHeader + generated_rows(60000, 17);
  for (const unsigned threads : {1U, 2U}) {
    CAPTURE(threads);
    const auto run = run_clean(in, counting(threads, 65536));
    const Counted before = count_plainly(in);
    const Counted after = count_plainly(run.output);
    const auto& tables = run.summary.ports.protocols();
    for (int i = 0; i < 2; ++i) {
      CAPTURE(i);
      const ProtocolPorts& p = tables[static_cast<std::size_t>(i)];
      REQUIRE(!p.empty());
      CHECK(p.src == before.src[i]);
      CHECK(p.dst == before.dst[i]);
      std::vector<std::uint64_t> src_after(65536);
      std::vector<std::uint64_t> dst_after(65536);
      for (unsigned port = 0; port < 65536; ++port) {
        src_after[port] = p.src_after(static_cast<flowclean::Port>(port));
        dst_after[port] = p.dst_after(static_cast<flowclean::Port>(port));
      }
      CHECK(src_after == after.src[i]);
      CHECK(dst_after == after.dst[i]);
      std::vector<std::uint64_t> density(kPortBins * kPortBins);
      std::vector<std::uint64_t> density_after(kPortBins * kPortBins);
      for (std::size_t s = 0; s < kPortBins; ++s) {
        for (std::size_t d = 0; d < kPortBins; ++d) {
          density[s * kPortBins + d] = p.density[s * kPortBins + d];
          density_after[s * kPortBins + d] = p.density_after(s, d);
        }
      }
      CHECK(density == before.density[i]);
      CHECK(density_after == after.density[i]);
    }
    CHECK(tables[0].flipped() + tables[1].flipped() ==
          run.summary.rows_flipped);
  }
}

TEST_CASE("port tables of chunks add up to those of one run", "[ports]") {
  const std::string a = generated_rows(9000, 3);
  const std::string b = generated_rows(7000, 4);
  const auto once = run_clean({kHeader + a, kHeader + b}, counting(2, 4096));
  auto total = run_clean(kHeader + a, counting(1, 65536)).summary;
  total.merge(run_clean(kHeader + b, counting(2, 8192)).summary);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(same_tables(total.ports.protocols()[i],
                      once.summary.ports.protocols()[i]));
  }
  // And through the JSON, as `combine` adds them.
  const auto read = flowclean::parse_summary_json(
      flowclean::render_summary_json(once.summary), "s.json");
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(same_tables(read.ports.protocols()[i],
                      once.summary.ports.protocols()[i]));
  }
  CHECK(flowclean::render_summary_json(read) ==
        flowclean::render_summary_json(once.summary));
}

TEST_CASE("a summary without port tables says so and combines so", "[ports]") {
  const std::string in = kHeader + generated_rows(100, 5);
  const auto uncounted = run_clean(in).summary;  // count_ports off
  const std::string json = flowclean::render_summary_json(uncounted);
  CHECK(json.find("\"ports\"") == std::string::npos);
  auto total = flowclean::parse_summary_json(json, "old.json");
  CHECK(total.ports.missing);
  const auto counted = run_clean(in, counting(1, 65536)).summary;
  flowclean::Summary both = counted;
  both.merge(total);
  CHECK(both.ports.missing);
}

TEST_CASE("port tables that disagree with themselves are refused", "[ports]") {
  const auto run = run_clean(
      kHeader + flowclean::test::row(6, "172.10.0.4", "10.0.0.1", 80, 5000),
      counting(1, 65536));
  const std::string json = flowclean::render_summary_json(run.summary);
  const auto damaged = [&](const std::string& from, const std::string& to) {
    std::string text = json;
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
  };
  CHECK_THROWS_WITH(
      flowclean::parse_summary_json(
          damaged("\"src\": [-80, 1]", "\"src\": [-81, 1]"), "s.json"),
      Catch::Contains("s.json") && Catch::Contains("flipped rows"));
  CHECK_THROWS_WITH(
      flowclean::parse_summary_json(
          damaged("\"dst\": [-5000, 1]", "\"dst\": [-5000, 0]"), "s.json"),
      Catch::Contains("\"ports.tcp.dst[1]\": a count of 0"));
  CHECK_THROWS_WITH(
      flowclean::parse_summary_json(
          damaged("\"dst\": [-5000, 1]", "\"dst\": [-65536, 1]"), "s.json"),
      Catch::Contains("runs past port 65535"));
}

TEST_CASE("the first malformed rows of each kind are named by line",
          "[ports]") {
  std::string in = kHeader;
  for (int i = 0; i < 12; ++i) {
    in += i % 3 == 1
              ? flowclean::test::row(6, "10.0.0.1", "10.0.0.2", 70000, 80)
              : flowclean::test::row(6, "10.0.0.1", "10.0.0.2", 5000, 80);
  }
  auto options = counting(2, 4096);
  options.rows.on_error = flowclean::OnError::kSkip;
  const auto run = run_clean({in, in}, options);
  const auto& lines = run.summary.first_malformed[static_cast<std::size_t>(
      flowclean::ProblemKind::kBadPort)];
  // Lines 3, 6, 9, 12 of in1.csv, then line 3 of in2.csv: five are kept.
  REQUIRE(lines.size() == flowclean::kFirstMalformedKept);
  CHECK(lines[0] == flowclean::LineAt{"in1.csv", 3});
  CHECK(lines[3] == flowclean::LineAt{"in1.csv", 12});
  CHECK(lines[4] == flowclean::LineAt{"in2.csv", 3});
}

TEST_CASE("a one-direction format's replies stay on their side in the tables",
          "[ports]") {
  // rwcut: the reply from port 80 is marked `reply`, written as read, so
  // after cleaning port 80 is still a source port.
  const std::string in =
      "     sIP|        dIP|sPort|dPort|pro|   packets|     bytes|\n"
      "10.0.0.9|   10.0.0.2|   80|33342|  6|         8|       447|\n";
  const auto run = run_clean(in, counting(1, 65536));
  REQUIRE(run.summary.rows_marked == 1);
  const ProtocolPorts& tcp = run.summary.ports.protocols()[0];
  CHECK(tcp.src_after(80) == 1);
  CHECK(tcp.dst_after(33342) == 1);
  CHECK(tcp.flipped() == 0);
}
