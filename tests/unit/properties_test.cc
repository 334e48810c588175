// Invariants over many generated rows, checked against an independent
// reference implementation of the rules written the plain way.
#include <random>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "test_support.h"

using flowclean::test::generated_rows;
using flowclean::test::kHeader;
using flowclean::test::run_clean;
using flowclean::test::split;

namespace {

std::string reference_clean(const std::string& text) {
  const std::set<int> services = {20,  21,  25,   53,   80,   123, 137,
                                  138, 389, 1900, 1984, 3389, 5355};
  std::stringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) {
    auto f = split(line);
    const int protocol = std::stoi(f[3]);
    const int sp = std::stoi(f[7]), dp = std::stoi(f[8]);
    const int octet = std::stoi(f[6].substr(0, f[6].find('.')));
    const bool group =
        (octet >= 224 && octet <= 239) || f[6] == "255.255.255.255";
    const bool flip = (protocol == 6 || protocol == 17) && sp != 0 && dp != 0 &&
                      !group && services.count(sp) && !services.count(dp) &&
                      dp > 1024;
    if (flip) {
      for (auto [a, b] :
           {std::pair{5, 6}, {7, 8}, {12, 13}, {14, 15}, {16, 17}}) {
        std::swap(f[static_cast<std::size_t>(a)],
                  f[static_cast<std::size_t>(b)]);
      }
    }
    for (std::size_t i = 0; i < f.size(); ++i) out += (i ? "," : "") + f[i];
    out += "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("300,000 generated rows come out exactly as the reference rules say",
          "[properties]") {
  const std::string rows = generated_rows(300000, 20131022);
  const auto run = run_clean(kHeader + rows);
  CHECK(run.output == kHeader + reference_clean(rows));
  CHECK(run.summary.rows_read == 300000);
  CHECK(run.summary.rows_written == 300000);
  std::uint64_t by_rule = 0;
  for (const auto n : run.summary.by_rule) by_rule += n;
  CHECK(by_rule == run.summary.rows_read);
  CHECK(run.summary.rows_flipped > 1000);
}

TEST_CASE("cleaning a cleaned file changes nothing", "[properties]") {
  const std::string in = kHeader + generated_rows(50000, 7);
  const auto once = run_clean(in);
  const auto twice = run_clean(once.output);
  CHECK(twice.summary.rows_flipped == 0);
  CHECK(twice.output == once.output);
}

TEST_CASE("output bytes and counts do not depend on threads or block size",
          "[properties]") {
  const std::string in = kHeader + generated_rows(60000, 99);
  flowclean::CleanOptions base;
  base.threads = 1;
  const auto expected = run_clean(in, base);
  for (const unsigned threads : {2u, 3u, 8u}) {
    for (const std::size_t block : {std::size_t{4096}, std::size_t{65536},
                                    flowclean::kDefaultBlockBytes}) {
      CAPTURE(threads, block);
      flowclean::CleanOptions options;
      options.threads = threads;
      options.block_bytes = block;
      options.rows.annotate = threads == 3;
      const auto run = run_clean(in, options);
      if (!options.rows.annotate)
        CHECK(run.output == expected.output);
      CHECK(run.summary.rows_flipped == expected.summary.rows_flipped);
      CHECK(run.summary.by_rule == expected.summary.by_rule);
      CHECK(run.summary.flips_by_src_port ==
            expected.summary.flips_by_src_port);
    }
  }
}

TEST_CASE("rows decided sixteen at a time come out as rows decided singly",
          "[properties]") {
  // Generated rows with malformed ones among them: a bad port, a missing
  // field, a quoted field, a control byte, a CR LF line end, a row longer
  // than 400 bytes.
  std::string rows = generated_rows(40000, 5);
  std::mt19937_64 rng(11);
  const std::string spoilers[] = {",99999,", ",,",
                                  ",\"q\",", ",\x01,",
                                  "\r\n",    "," + std::string(300, 'x')};
  for (int i = 0; i < 300; ++i) {
    const std::size_t at = rows.find(',', rng() % rows.size());
    if (at == std::string::npos)
      continue;
    const std::string spoiler = spoilers[rng() % std::size(spoilers)];
    if (spoiler == "\r\n") {
      const std::size_t newline = rows.find('\n', at);
      if (newline != std::string::npos)
        rows.replace(newline, 1, spoiler);
    } else {
      rows.replace(at, 1, spoiler);
    }
  }
  for (const auto on_error :
       {flowclean::OnError::kPass, flowclean::OnError::kSkip}) {
    flowclean::CleanOptions batched;
    batched.rows.on_error = on_error;
    // Some rows over the limit, most under it: batches hold both.
    batched.rows.max_row_bytes = on_error == flowclean::OnError::kSkip
                                     ? 400
                                     : flowclean::kDefaultMaxRowBytes;
    flowclean::CleanOptions single = batched;
    single.rows.batches = false;
    const auto expected = run_clean(kHeader + rows, single);
    const auto run = run_clean(kHeader + rows, batched);
    CHECK(expected.summary.rows_malformed > 100);
    if (on_error == flowclean::OnError::kSkip) {
      CHECK(expected.summary.malformed_by_kind[static_cast<std::size_t>(
                flowclean::ProblemKind::kRowTooLong)] > 10);
    }
    CHECK(run.output == expected.output);
    CHECK(run.rejects == expected.rejects);
    CHECK(run.summary.rows_read == expected.summary.rows_read);
    CHECK(run.summary.rows_flipped == expected.summary.rows_flipped);
    CHECK(run.summary.by_rule == expected.summary.by_rule);
    CHECK(run.summary.malformed_by_kind == expected.summary.malformed_by_kind);
    CHECK(run.summary.meaningless_by_protocol ==
          expected.summary.meaningless_by_protocol);
    CHECK(run.summary.port_zero_tcp_udp == expected.summary.port_zero_tcp_udp);
    CHECK(run.summary.flips_by_src_port == expected.summary.flips_by_src_port);
  }
}

TEST_CASE("a flipped row is its input with exactly the five pairs exchanged",
          "[properties]") {
  const std::string rows = generated_rows(20000, 3);
  const auto run = run_clean(kHeader + rows);
  std::stringstream in(rows), out(run.output.substr(kHeader.size()));
  std::string a, b;
  std::size_t flipped = 0;
  while (std::getline(in, a) && std::getline(out, b)) {
    if (a == b)
      continue;
    ++flipped;
    const auto fa = split(a), fb = split(b);
    REQUIRE(fa.size() == fb.size());
    std::set<std::size_t> swapped = {5, 6, 7, 8, 12, 13, 14, 15, 16, 17};
    for (std::size_t i = 0; i < fa.size(); ++i) {
      if (!swapped.count(i))
        CHECK(fa[i] == fb[i]);
    }
    CHECK(fa[5] == fb[6]);
    CHECK(fa[8] == fb[7]);
    CHECK(fa[17] == fb[16]);
  }
  CHECK(flipped == run.summary.rows_flipped);
}
