#include <catch2/catch.hpp>

#include "flowclean/error.h"
#include "test_support.h"

using flowclean::OnError;
using flowclean::ProblemKind;
using flowclean::test::kHeader;
using flowclean::test::row;
using flowclean::test::run_clean;

namespace {

struct Bad {
  std::string row;
  ProblemKind kind;
  std::string message;
};

std::vector<Bad> bad_rows() {
  std::string good = row(6, "10.0.0.1", "172.10.0.4", 5000, 80);
  auto with = [&](const std::string& from, const std::string& to) {
    std::string r = good;
    r.replace(r.find(from), from.size(), to);
    return r;
  };
  return {
      {with(",5000,", ",70000,"), ProblemKind::kBadPort,
       "column firstSeenSrcPort: '70000' is not a port (0-65535)"},
      {with(",80,", ",,"), ProblemKind::kBadPort,
       "column firstSeenDestPort: '' is not a port (0-65535)"},
      {with(",80,", ",-1,"), ProblemKind::kBadPort,
       "column firstSeenDestPort: '-1' is not a port (0-65535)"},
      {with(",80,", ",http,"), ProblemKind::kBadPort,
       "column firstSeenDestPort: 'http' is not a port (0-65535)"},
      {with(",6,TCP,", ",tcp,TCP,"), ProblemKind::kBadProtocol,
       "column ipLayerProtocol: 'tcp' is not a protocol number (0-255)"},
      {with(",0,0,3,", ",0,3,"), ProblemKind::kFieldCount,
       "expected 19 fields, found 18"},
      {with("10.0.0.1", std::string("10.0\0.1", 7)), ProblemKind::kNulByte,
       "column firstSeenSrcIp: NUL byte at byte 71 of the row"},
      {with("10.0.0.1", "10.0.\x01.1"), ProblemKind::kControlByte,
       "column firstSeenSrcIp: control byte 0x01 at byte 72 of the row"},
      {with("10.0.0.1", "10.0.\xff.1"), ProblemKind::kNotUtf8,
       "column firstSeenSrcIp: byte 0xff at byte 72 of the row is not UTF-8 "
       "text"},
      {with("10.0.0.1", "\"10\"0.0.1"), ProblemKind::kBadQuoting,
       "column firstSeenSrcIp: text after the closing quote at byte 71"},
  };
}

// The bad row sits at line 5000 of 9000, across several small blocks.
std::string file_with(const std::string& bad, std::string* before,
                      std::string* after) {
  std::string rows_before, rows_after;
  for (int i = 0; i < 4998; ++i)
    rows_before += row(6, "172.10.0.4", "10.0.0.1", 80, 5000 + i % 100);
  for (int i = 0; i < 4000; ++i)
    rows_after += row(17, "10.0.0.9", "172.10.0.5", 40000, 53);
  if (before)
    *before = rows_before;
  if (after)
    *after = rows_after;
  return kHeader + rows_before + bad + rows_after;
}

flowclean::CleanOptions options(OnError mode, unsigned threads) {
  flowclean::CleanOptions o;
  o.rows.on_error = mode;
  o.threads = threads;
  o.block_bytes = 64 * 1024;
  return o;
}

}  // namespace

TEST_CASE("a malformed row stops the run with its line and what is wrong",
          "[malformed]") {
  const unsigned threads = GENERATE(1u, 3u);
  for (const Bad& bad : bad_rows()) {
    CAPTURE(bad.message, threads);
    CHECK_THROWS_WITH(run_clean(file_with(bad.row, nullptr, nullptr),
                                options(OnError::kFail, threads)),
                      "in1.csv:5000: " + bad.message);
  }
}

TEST_CASE(
    "with skip, malformed rows go verbatim to the rejects and counts add up",
    "[malformed]") {
  const unsigned threads = GENERATE(1u, 3u);
  for (const Bad& bad : bad_rows()) {
    CAPTURE(bad.message, threads);
    std::string before, after;
    const auto run = run_clean(file_with(bad.row, &before, &after),
                               options(OnError::kSkip, threads));
    CHECK(run.rejects == kHeader + bad.row);
    CHECK(run.output.find(bad.row) == std::string::npos);
    CHECK(run.summary.rows_read == 8999);
    CHECK(run.summary.rows_rejected == 1);
    CHECK(run.summary.rows_written + run.summary.rows_rejected ==
          run.summary.rows_read);
    CHECK(run.summary.malformed_by_kind[static_cast<std::size_t>(bad.kind)] ==
          1);
    CHECK(run.output.size() == kHeader.size() + before.size() + after.size());
  }
}

TEST_CASE("with pass, malformed rows are written unchanged and never flipped",
          "[malformed]") {
  for (const Bad& bad : bad_rows()) {
    CAPTURE(bad.message);
    const std::string inverted_bad =
        row(6, "172.10.0.4", "10.0.0.1", 80, 5000).replace(0, 1, "\x01");
    const auto run =
        run_clean(kHeader + bad.row + inverted_bad, options(OnError::kPass, 2));
    CHECK(run.output == kHeader + bad.row + inverted_bad);
    CHECK(run.summary.rows_malformed == 2);
    CHECK(run.summary.rows_written == run.summary.rows_read);
    CHECK(run.summary.rows_rejected == 0);
  }
}

TEST_CASE("a row longer than the limit is malformed, even longer than a block",
          "[malformed]") {
  std::string good = row(6, "10.0.0.1", "172.10.0.4", 5000, 80);
  for (const std::size_t length :
       {std::size_t{300 * 1024}, std::size_t{5 * 1024 * 1024}}) {
    CAPTURE(length);
    std::string huge = good;
    huge.insert(huge.find(",0\n"), length, 'x');
    const std::string in = kHeader + good + huge + good + good;
    auto o = options(OnError::kFail, 2);
    o.rows.max_row_bytes = 256 * 1024;
    CHECK_THROWS_WITH(
        run_clean(in, o),
        "in1.csv:3: row is longer than the limit of 262144 bytes");
    o.rows.on_error = OnError::kSkip;
    const auto skipped = run_clean(in, o);
    CHECK(skipped.rejects == kHeader + huge);
    CHECK(skipped.output == kHeader + good + good + good);
    CHECK(skipped.summary.rows_read == 4);
    CHECK(skipped.summary.malformed_by_kind[static_cast<std::size_t>(
              ProblemKind::kRowTooLong)] == 1);
    o.rows.on_error = OnError::kPass;
    CHECK(run_clean(in, o).output == in);
  }
}

TEST_CASE("an unterminated quote at the end is malformed, not lost",
          "[malformed]") {
  const std::string good = row(6, "10.0.0.1", "172.10.0.4", 5000, 80);
  const std::string open = "\"unclosed,6,TCP\n";
  CHECK_THROWS_WITH(
      run_clean(kHeader + good + open),
      "in1.csv:3: column TimeSeconds: quoted field is never closed");
  const auto run = run_clean(kHeader + good + open, options(OnError::kSkip, 1));
  CHECK(run.rejects == kHeader + open);
}

TEST_CASE("line numbers count lines inside quoted fields", "[malformed]") {
  const std::string good = row(6, "10.0.0.1", "172.10.0.4", 5000, 80);
  std::string multi = good;
  multi.replace(0, 17, "\"1364807428\n.9\"");
  const std::string bad =
      row(6, "10.0.0.1", "172.10.0.4", 5000, 80).replace(0, 0, "x,");
  CHECK_THROWS_WITH(run_clean(kHeader + multi + good + bad),
                    "in1.csv:5: expected 19 fields, found 20");
}

TEST_CASE(
    "a row over the limit is annotated like any malformed row, in any "
    "block size",
    "[malformed]") {
  const std::string good = row(6, "10.0.0.1", "172.10.0.4", 5000, 80);
  std::string huge = good;
  huge.insert(huge.find(",0\n"), 3000, 'x');
  huge.insert(huge.size() - 1, "\r");
  for (const std::size_t block : {std::size_t{64}, std::size_t{1} << 16}) {
    CAPTURE(block);
    auto o = options(OnError::kPass, 2);
    o.block_bytes = block;
    o.rows.max_row_bytes = 1024;
    o.rows.annotate = true;
    const auto run = run_clean(kHeader + good + huge + good, o);
    std::string annotated_huge = huge;
    annotated_huge.insert(annotated_huge.size() - 2, ",kept,malformed");
    CHECK(run.output.substr(run.output.find('\n') + 1) ==
          good.substr(0, good.size() - 1) + ",kept,default\n" + annotated_huge +
              good.substr(0, good.size() - 1) + ",kept,default\n");
  }
}

TEST_CASE("an unterminated quote in a row longer than a block runs to the end",
          "[malformed]") {
  const std::string good = row(6, "10.0.0.1", "172.10.0.4", 5000, 80);
  const std::string open = "\"" + std::string(5000, 'q') + "\n" + good;
  for (const std::size_t block : {std::size_t{64}, std::size_t{1} << 16}) {
    CAPTURE(block);
    auto o = options(OnError::kSkip, 1);
    o.block_bytes = block;
    o.rows.max_row_bytes = 1024;
    const auto run = run_clean(kHeader + good + open, o);
    CHECK(run.output == kHeader + good);
    CHECK(run.rejects == kHeader + open);
    CHECK(run.summary.rows_read == 2);
  }
}
