#include "scan/block_reader.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "common/huge_pages.h"
#include "flowclean/error.h"
#include "scan/checked_scan.h"
#include "test_support.h"

TEST_CASE("blocks hold whole records whatever the read sizes",
          "[block_reader]") {
  std::string text = "h1,h2\n";
  std::string rows;
  for (int i = 0; i < 5000; ++i)
    rows += std::to_string(i) + ",\"q\n" + std::to_string(i) + "\"\n";
  text += rows;
  const int step = GENERATE(1, 7, 4096, 1 << 20);
  flowclean::test::TrickleSource source(text, step);
  flowclean::BlockReader reader(source, 1024, 1 << 20);
  CHECK(reader.read_header() == "h1,h2\n");
  std::string joined;
  flowclean::Block block;
  while (reader.next(block)) {
    REQUIRE(block.kind == flowclean::Block::Kind::kRows);
    const std::string data(block.data(), block.size);
    CHECK(data.back() == '\n');
    joined += data;
  }
  CHECK(joined == rows);
}

TEST_CASE("records longer than a block but within the row limit stay whole",
          "[block_reader]") {
  const std::string row = std::string(3000, 'r') + "\n";
  flowclean::test::TrickleSource source("h\n" + row + row, 512);
  flowclean::BlockReader reader(source, 256, 4096);
  CHECK(reader.read_header() == "h\n");
  flowclean::Block block;
  std::string joined;
  while (reader.next(block)) {
    CHECK(block.kind == flowclean::Block::Kind::kRows);
    joined.append(block.data(), block.size);
  }
  CHECK(joined == row + row);
}

TEST_CASE("a header longer than the limit is an error at line 1",
          "[block_reader]") {
  const std::string text(5000, 'a');
  flowclean::test::TrickleSource source(text, 100);
  flowclean::BlockReader reader(source, 1024, 1000);
  CHECK_THROWS_WITH(reader.read_header(),
                    "trickle:1: header is longer than the limit of 1000 bytes");
}

namespace {

// The records a reader's blocks hold, a record longer than a block joined
// from its pieces.
std::vector<std::string> records_of(flowclean::ByteSource& source,
                                    std::size_t block_bytes,
                                    std::size_t max_row_bytes) {
  using Kind = flowclean::Block::Kind;
  flowclean::BlockReader reader(source, block_bytes, max_row_bytes);
  std::vector<std::string> records{reader.read_header()};
  flowclean::Block block;
  std::string oversized;
  while (reader.next(block)) {
    const std::string data(block.data(), block.size);
    if (block.kind != Kind::kRows) {
      oversized += data;
      if (block.kind == Kind::kOversizedTail)
        records.push_back(std::exchange(oversized, {}));
      continue;
    }
    // Split as the cleaner splits a block: by scan_checked's rule.
    flowclean::Record record(64);
    const char* const limit = block.data() + block.size;
    for (const char* at = block.data(); at < limit; at = record.end) {
      (void)flowclean::scan_checked(at, limit, record, max_row_bytes);
      records.emplace_back(at, record.end);
    }
  }
  CHECK(oversized.empty());
  return records;
}

}  // namespace

TEST_CASE("blocks read at offsets hold the records blocks read in order do",
          "[block_reader]") {
  std::string text = "h1,h2\n";
  for (int i = 0; i < 3000; ++i) {
    text += std::to_string(i) + ",\"q\n" + std::to_string(i) + "\"\n";
    if (i % 700 == 3)
      text += std::string(1500, 'w') + "\n";  // longer than a block
    if (i % 900 == 5)
      text += "\"" + std::string(6000, 'x') + "\n\"\n";  // over the limit
    // A stray quote whose match lies a little past the row limit, as close
    // to it as the block layouts fall: its first line alone is a bad row,
    // however the blocks are cut (found by the fuzzer).
    if (i % 100 == 11) {
      text += "\"open\n";
      for (int line = 0; line < 120 + i % 41; ++line) text += "5,5\n";
      text += "x\"\n";
    }
  }
  // The end: a row without its newline, or rows after one over the limit.
  const std::string unterminated = GENERATE(as<std::string>{}, "7,\"q", "8,9",
                                            std::string(5000, 'z') + "\n9,9\n");
  text += unterminated;
  const std::size_t block_bytes =
      GENERATE(as<std::size_t>{}, 64, 256, 1024, 4096);
  CAPTURE(block_bytes, unterminated);
  flowclean::test::TrickleSource in_order(text, 700);
  const auto at_offsets = flowclean::memory_source("memory", text);
  REQUIRE(at_offsets->reads_at_offsets());
  REQUIRE_FALSE(in_order.reads_at_offsets());
  const std::size_t max_row_bytes = GENERATE(as<std::size_t>{}, 512, 4096);
  CAPTURE(max_row_bytes);
  const auto expected = records_of(in_order, block_bytes, max_row_bytes);
  const auto got = records_of(*at_offsets, block_bytes, max_row_bytes);
  // The first record that differs, if any, rather than all of them.
  const auto diff =
      std::mismatch(got.begin(), got.end(), expected.begin(), expected.end());
  CHECK(diff.first - got.begin() == static_cast<std::ptrdiff_t>(got.size()));
  CHECK(got.size() == expected.size());
  if (diff.first != got.end() && diff.second != expected.end()) {
    CHECK(diff.first->substr(0, 80) == diff.second->substr(0, 80));
    CHECK(diff.first->size() == diff.second->size());
  }
  std::string joined;
  for (const auto& record : expected) joined += record;
  CHECK(joined == text);
}

TEST_CASE("block buffers keep their bytes as they grow into huge pages",
          "[block_reader]") {
  using Allocator = flowclean::HugePageAllocator<char>;
  std::vector<char, Allocator> buffer(1000, 'a');
  std::iota(buffer.begin(), buffer.end(), '\0');
  // Past half a huge page the buffer moves to memory aligned to one.
  buffer.resize(std::size_t{3} << 20, 'z');
  CHECK(reinterpret_cast<std::uintptr_t>(buffer.data()) %
            Allocator::kHugePage ==
        0);
  for (std::size_t i = 0; i < 1000; ++i)
    REQUIRE(buffer[i] == static_cast<char>(i));
  CHECK(buffer.back() == 'z');
  buffer.resize(10);
  buffer.shrink_to_fit();
  CHECK(buffer[9] == 9);
}
