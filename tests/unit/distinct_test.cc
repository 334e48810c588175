// The distinct-count sketch learning keeps per port and per host: the
// sixteen smallest hashes it has seen, whatever their order and repeats.
#include "learn/distinct.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <vector>

#include <catch2/catch.hpp>

using flowclean::DistinctSketch;

TEST_CASE("a sketch keeps the sixteen smallest distinct hashes it saw",
          "[learn]") {
  std::mt19937 rng(29);
  for (int round = 0; round < 2000; ++round) {
    // Few values (repeats, never full), or many (full, most rejected).
    const std::uint32_t range = round % 2 == 0 ? 24 : UINT32_MAX;
    const int adds = static_cast<int>(rng() % 60);
    DistinctSketch sketch;
    std::set<std::uint32_t> seen;
    for (int i = 0; i < adds; ++i) {
      const auto hash = static_cast<std::uint32_t>(1 + rng() % range);  // not 0
      sketch.add(hash);
      seen.insert(hash);
    }
    const std::vector<std::uint32_t> smallest(
        seen.begin(),
        std::next(seen.begin(), static_cast<long>(std::min(
                                    seen.size(), DistinctSketch::kSize))));
    CAPTURE(round, adds);
    REQUIRE(sketch.size() == smallest.size());
    for (std::size_t i = 0; i < smallest.size(); ++i)
      REQUIRE(sketch.value(i) == smallest[i]);
    if (seen.size() < DistinctSketch::kSize)
      REQUIRE(sketch.estimate() == static_cast<double>(seen.size()));
  }
}

TEST_CASE("merging sketches is adding what the other saw", "[learn]") {
  std::mt19937 rng(31);
  for (int round = 0; round < 500; ++round) {
    DistinctSketch a;
    DistinctSketch b;
    DistinctSketch both;
    for (int i = 0; i < 40; ++i) {
      const auto hash = static_cast<std::uint32_t>(1 + rng() % 1000);
      (i % 2 == 0 ? a : b).add(hash);
      both.add(hash);
    }
    a.merge(b);
    REQUIRE(a == both);
  }
}
