// Micro-benchmarks of the per-row path: the rule decision and the block
// scanner. Built with the tests so they cannot rot; run on demand only:
//   build/dev/bench/micro/flowclean_micro_bench "[!benchmark]"
#define CATCH_CONFIG_MAIN
#define CATCH_CONFIG_ENABLE_BENCHMARKING
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "pipeline/block_cleaner.h"
#include "rules/rules.h"
#include "scan/header.h"
#include "scan/record_scanner.h"
#include "simd/batch_rules.h"
#include "simd/kernels.h"

namespace {

const std::string kHeader =
    "TimeSeconds,parsedDate,dateTimeStr,ipLayerProtocol,ipLayerProtocolCode,"
    "firstSeenSrcIp,firstSeenDestIp,firstSeenSrcPort,firstSeenDestPort,"
    "moreFragments,contFragments,durationSeconds,firstSeenSrcPayloadBytes,"
    "firstSeenDestPayloadBytes,firstSeenSrcTotalBytes,firstSeenDestTotalBytes,"
    "firstSeenSrcPacketCount,firstSeenDestPacketCount,recordForceOut\n";

// About 1 MiB of VAST-like rows, 1 in 20 inverted.
std::string block_of_rows() {
  std::mt19937 rng(42);
  std::string rows;
  while (rows.size() < (1u << 20)) {
    const bool inverted = rng() % 20 == 0;
    const std::string client = std::to_string(1025 + rng() % 60000);
    rows +=
        "1364807428.917824,2013-04-01 09:10:28,20130401091028.917824,6,TCP,";
    rows += inverted ? "172.10.0.4,10.247.58.182,80," + client
                     : "10.247.58.182,172.10.0.4," + client + ",80";
    rows += ",0,0,12,503,19,1023,271,8,5,0\n";
  }
  return rows;
}

}  // namespace

TEST_CASE("decide", "[!benchmark]") {
  const flowclean::PortPolicy policy;
  std::vector<flowclean::FlowKey> keys;
  std::mt19937 rng(7);
  for (int i = 0; i < 4096; ++i) {
    keys.push_back({static_cast<flowclean::ProtocolId>(i % 10 == 0 ? 1 : 6),
                    static_cast<flowclean::Port>(rng()),
                    static_cast<flowclean::Port>(i % 3 == 0 ? 80 : rng()),
                    "10.12.0.7", "172.10.0.4"});
  }
  BENCHMARK("decide, 4096 rows") {
    int flips = 0;
    for (const auto& key : keys) {
      flips +=
          flowclean::decide(key, policy).action == flowclean::Action::kFlip;
    }
    return flips;
  };
}

TEST_CASE("scan and clean a 1 MiB block", "[!benchmark]") {
  const std::string rows = block_of_rows();
  const flowclean::Schema schema = flowclean::parse_header(kHeader, "bench");
  const flowclean::RowPolicy policy;
  std::string padded = rows + std::string(flowclean::kScanPadding, '\0');
  BENCHMARK("scan records") {
    flowclean::RecordScanner scanner(padded.data(), rows.size());
    flowclean::PlainRecord plain;
    std::size_t fields = 0;
    for (const char* p = padded.data(); p < padded.data() + rows.size();
         p = plain.end) {
      if (!scanner.next_plain(p, schema.columns(), plain))
        return std::size_t{0};
      fields += plain.raw(schema.dst_port).size();
    }
    return fields;
  };
  for (const auto& isa : flowclean::simd::supported_kernels()) {
    BENCHMARK(std::string("scan and decide in batches of 16, ") + isa.isa) {
      flowclean::RecordScanner scanner(padded.data(), rows.size());
      flowclean::PlainBatch batch;
      flowclean::BatchDecision decided;
      const flowclean::BatchColumns columns =
          *flowclean::batch_columns_of(schema);
      std::size_t flips = 0;
      for (const char* p = padded.data();
           scanner.peek_batch(p, schema.columns(), batch) &&
           isa.decide_batch(batch, columns, policy.ports, decided);
           p = batch.end()) {
        flips += decided.exceptions;
        scanner.take_batch(batch);
      }
      return flips;
    };
  }
  flowclean::BlockCleaner cleaner(schema, policy);
  flowclean::Block block;
  flowclean::BlockResult result;
  flowclean::Summary summary;
  // The cleaner only reads the block: one copy serves every run.
  block.buffer.assign(padded.begin(), padded.end());
  block.size = rows.size();
  BENCHMARK("clean block (scan, check, decide, flip)") {
    cleaner.clean(block, result, summary);
    return result.spans.size();
  };
}
