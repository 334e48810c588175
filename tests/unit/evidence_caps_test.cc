// learn's per-host and per-endpoint tables stay within their caps whatever
// the input, keep the heavy hitters the rules need, and count what they
// leave out.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "learn/evidence.h"
#include "learn/model_file.h"
#include "learn/model_parse.h"

using flowclean::Evidence;
using flowclean::Observation;
using flowclean::ObservationBatch;

namespace {

/// Counts the rows as learn does, a batch at a time.
void observe(Evidence& evidence, const std::vector<Observation>& rows) {
  ObservationBatch batch;
  for (const Observation& row : rows) {
    batch.rows[batch.size++] = row;
    if (batch.size == flowclean::kObserveBatch) {
      evidence.prepare(batch);
      evidence.count(batch);
      batch.size = 0;
    }
  }
  evidence.prepare(batch);
  evidence.count(batch);
}

/// `n` probes, each from a new host in 10.NET/16, plus every tenth from one
/// scanner.
std::vector<Observation> flood(std::vector<std::string>& addresses, int n,
                               int net = 0) {
  addresses.reserve(static_cast<std::size_t>(n) + 1);
  addresses.emplace_back("10.66.6.6");
  std::vector<Observation> rows;
  for (int i = 0; i < n; ++i) {
    addresses.push_back("10." + std::to_string(net) + "." +
                        std::to_string(i / 256) + "." +
                        std::to_string(i % 256));
    const bool scanner = i % 10 == 0;
    rows.push_back({false, scanner ? addresses.front() : addresses.back(),
                    "172.10.0.4", 40000,
                    static_cast<flowclean::Port>(1 + i % 1000), 0, 0});
  }
  return rows;
}

}  // namespace

TEST_CASE("a flood of distinct probing hosts stays within the host cap",
          "[learn][caps]") {
  std::vector<std::string> addresses;
  const auto rows = flood(addresses, 20000);
  Evidence evidence;
  evidence.set_caps(1000, 1000);
  observe(evidence, rows);
  CHECK(evidence.hosts.size() <= 1000);
  // The scanner and the probed server have thousands of probes: kept.
  CHECK(evidence.hosts.count(flowclean::hash_text("10.66.6.6")) == 1);
  CHECK(evidence.hosts.count(flowclean::hash_text("172.10.0.4")) == 1);
  // Every probe is either in a kept host or counted as dropped.
  std::uint64_t kept = 0;
  for (const auto& entry : evidence.hosts) kept += entry.second.probes;
  CHECK(kept + evidence.dropped().probes == 2 * rows.size());
  CHECK(evidence.dropped().hosts > 0);
}

TEST_CASE("a capped model says so in its file, and reads back",
          "[learn][caps]") {
  std::vector<std::string> addresses;
  Evidence evidence;
  evidence.set_caps(100, 100);
  observe(evidence, flood(addresses, 2000));
  const std::string text = flowclean::render_model(evidence);
  CHECK(text.find("\ndropped ") != std::string::npos);
  const Evidence back = flowclean::parse_model(text, "m");
  CHECK(back.dropped().hosts == evidence.dropped().hosts);
  CHECK(back.dropped().probes == evidence.dropped().probes);
}

TEST_CASE("merged tables are cut to the caps of the one merged into",
          "[learn][caps]") {
  std::vector<std::string> first_addresses, second_addresses;
  Evidence first, second;
  first.set_caps(600, 600);
  second.set_caps(600, 600);
  observe(first, flood(first_addresses, 500));
  observe(second, flood(second_addresses, 500, 1));
  CHECK(first.dropped().hosts == 0);
  first.merge(second);
  CHECK(first.hosts.size() <= 600);
  CHECK(first.dropped().hosts > 0);
}

TEST_CASE("a table under its cap drops nothing", "[learn][caps]") {
  std::vector<std::string> addresses;
  Evidence evidence;
  observe(evidence, flood(addresses, 3000));
  CHECK_FALSE(evidence.dropped().any());
  CHECK(flowclean::render_model(evidence).find("\ndropped ") ==
        std::string::npos);
}
