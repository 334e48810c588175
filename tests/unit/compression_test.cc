#include "io/compression.h"

#include <catch2/catch.hpp>

#include "flowclean/error.h"
#include "test_support.h"

using flowclean::test::kHeader;
using flowclean::test::row;
using flowclean::test::run_clean;

namespace {

std::string compress(const std::string& text, const std::string& name) {
  auto memory = std::make_unique<flowclean::StringSink>();
  flowclean::StringSink* bytes = memory.get();
  auto sink = flowclean::compressed(std::move(memory), name);
  sink->write(text);
  sink->commit();
  return bytes->text;
}

std::string sample() {
  std::string text = kHeader;
  for (int i = 0; i < 20000; ++i) {
    text += row(6, "172.10.0.4", "10.0.0.1", 80, 5000 + i % 1000);
  }
  return text;
}

}  // namespace

TEST_CASE("gzip and zstd input give the same bytes as plain input",
          "[compression]") {
  const std::string plain = sample();
  const auto expected = run_clean(plain);
  for (const char* name : {"x.csv.gz", "x.csv.zst"}) {
    CAPTURE(name);
    const std::string packed = compress(plain, name);
    CHECK(packed.size() < plain.size() / 4);
    const auto run = run_clean(packed);
    CHECK(run.output == expected.output);
    CHECK(run.summary.rows_flipped == expected.summary.rows_flipped);
  }
}

TEST_CASE("concatenated gzip members and zstd frames are read to the end",
          "[compression]") {
  const std::string first =
      kHeader + row(6, "172.10.0.4", "10.0.0.1", 80, 5000);
  const std::string second = row(6, "10.0.0.1", "172.10.0.4", 5000, 80);
  for (const char* name : {"x.gz", "x.zst"}) {
    CAPTURE(name);
    const auto run = run_clean(compress(first, name) + compress(second, name));
    CHECK(run.summary.rows_read == 2);
    CHECK(run.output == run_clean(first + second).output);
  }
}

TEST_CASE("truncated or corrupt compressed input is an error naming the input",
          "[compression]") {
  const std::string plain = sample();
  for (const char* name : {"x.gz", "x.zst"}) {
    CAPTURE(name);
    const std::string packed = compress(plain, name);
    CHECK_THROWS_WITH(run_clean(packed.substr(0, packed.size() / 2)),
                      Catch::StartsWith("in1.csv: "));
    std::string corrupt = packed;
    corrupt[corrupt.size() / 2] =
        static_cast<char>(~corrupt[corrupt.size() / 2]);
    CHECK_THROWS_AS(run_clean(corrupt), flowclean::Error);
  }
}

TEST_CASE("zeros after the last gzip member are padding, as gzip reads them",
          "[compression]") {
  const std::string plain = sample();
  const std::string packed = compress(plain, "x.gz");
  const auto run = run_clean(packed + std::string(512, '\0'));
  CHECK(run.output == run_clean(plain).output);
  // Anything else after a member is not gzip, and is told.
  CHECK_THROWS_WITH(run_clean(packed + "more bytes that are not a gzip member"),
                    Catch::Contains("gzip: not a gzip member"));
}

TEST_CASE("a gzip member whose data check fails is an error, not rows",
          "[compression]") {
  const std::string plain = sample();
  for (const std::size_t from_end : {std::size_t{8}, std::size_t{1}}) {
    // The trailer: CRC-32 (8 bytes from the end), then the length.
    CAPTURE(from_end);
    std::string packed = compress(plain, "x.gz");
    packed[packed.size() - from_end] =
        static_cast<char>(packed[packed.size() - from_end] ^ 0x55);
    CHECK_THROWS_WITH(run_clean(packed),
                      Catch::Contains("gzip: incorrect data check"));
  }
}

TEST_CASE("output is compressed by file name, and only then", "[compression]") {
  const std::string text = "a,b\n";
  CHECK(compress(text, "out.csv") == text);
  CHECK(compress(text, "out.csv.gz").substr(0, 2) == "\x1f\x8b");
  CHECK(compress(text, "out.csv.zst").substr(0, 4) == "\x28\xb5\x2f\xfd");
}
