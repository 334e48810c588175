#include "simd/byte_classes.h"

#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace {

struct Bits {
  std::vector<std::uint64_t> commas, newlines, care;
};

Bits classify(const flowclean::Classifier& classifier,
              const std::string& text) {
  const std::size_t windows = text.size() / 64;
  Bits bits{std::vector<std::uint64_t>(windows),
            std::vector<std::uint64_t>(windows),
            std::vector<std::uint64_t>(windows)};
  classifier.classify(
      text.data(), windows,
      {bits.commas.data(), bits.newlines.data(), bits.care.data()});
  return bits;
}

}  // namespace

TEST_CASE(
    "every classifier this CPU runs marks the same bytes as the scalar one",
    "[scanner]") {
  const auto& all = flowclean::supported_classifiers();
  REQUIRE(all.back().name == std::string("scalar"));
  // Every byte value in every position, then random text weighted to the
  // bytes that matter.
  std::string text;
  for (int byte = 0; byte < 256; ++byte)
    text.append(64, static_cast<char>(byte));
  for (int shift = 0; shift < 64; ++shift) {
    for (int byte = 0; byte < 256; byte += 3)
      text.push_back(static_cast<char>(byte + shift));
  }
  std::mt19937 random(2013);
  const std::string weighted = ",\n\"\r\t\x7f\x80\xff\x1f a0";
  for (int i = 0; i < 64 * 512; ++i)
    text.push_back(weighted[random() % weighted.size()]);
  text.resize(text.size() / 64 * 64);
  const Bits expected = classify(all.back(), text);
  for (const auto& classifier : all) {
    CAPTURE(classifier.name);
    const Bits bits = classify(classifier, text);
    CHECK(bits.commas == expected.commas);
    CHECK(bits.newlines == expected.newlines);
    CHECK(bits.care == expected.care);
  }
  // The scalar classifier itself, on one window: ',' at 0, '\n' at 1, and
  // care for '"', 0x80 and a control byte, not for '\n' or plain text.
  std::string window = ",\n\"\x80\x01" + std::string(59, 'a');
  const Bits one = classify(all.back(), window);
  CHECK(one.commas[0] == 0b1);
  CHECK(one.newlines[0] == 0b10);
  CHECK(one.care[0] == 0b11100);
}

TEST_CASE("every flattener this CPU runs lists the set bits in order",
          "[scanner]") {
  const auto& all = flowclean::supported_flatteners();
  REQUIRE(all.back().name == std::string("scalar"));
  // Empty and full windows, single bits at both ends, then random density.
  std::vector<std::uint64_t> bits = {0, ~std::uint64_t{0}, 1,
                                     std::uint64_t{1} << 63, 0x00FF00FF};
  std::mt19937_64 random(2013);
  for (int i = 0; i < 1000; ++i) {
    const int density = i % 4;  // 1 in 8 bits set, up to all but 1 in 8
    std::uint64_t word = random();
    for (int k = 0; k < density; ++k) word |= random();
    bits.push_back(i % 2 == 0 ? word & random() & random() : word);
  }
  std::vector<std::uint32_t> expected;
  for (std::size_t w = 0; w < bits.size(); ++w) {
    for (unsigned i = 0; i < 64; ++i) {
      if ((bits[w] >> i) & 1)
        expected.push_back(static_cast<std::uint32_t>(1000 + 64 * w + i));
    }
  }
  for (const auto& flattener : all) {
    CAPTURE(flattener.name);
    std::vector<std::uint32_t> out(expected.size() + flowclean::kFlattenSlack);
    const std::size_t n =
        flattener.flatten(bits.data(), bits.size(), 1000, out.data());
    REQUIRE(n == expected.size());
    out.resize(n);
    CHECK(out == expected);
  }
}

TEST_CASE("every lister this CPU runs lists what classify and flatten give",
          "[scanner]") {
  const auto& all = flowclean::supported_listers();
  REQUIRE(all.back().name == std::string("two steps"));
  std::mt19937 random(7);
  const std::string weighted = ",,,,\n\n\"\r\t\x01\x80 a0";
  std::string text;
  for (int i = 0; i < 64 * 300; ++i)
    text.push_back(weighted[random() % weighted.size()]);
  const auto& scalar = flowclean::supported_classifiers().back();
  const auto& flatten = flowclean::supported_flatteners().back();
  // One window (first and last at once), two (no middle), a batch and a
  // half, a chunk.
  for (const std::size_t windows :
       {std::size_t{1}, std::size_t{2}, std::size_t{97}, std::size_t{256}}) {
    const std::uint64_t keep_first = ~std::uint64_t{0} << (random() % 64);
    const std::uint64_t keep_last = ~std::uint64_t{0} >> (random() % 64);
    Bits bits = classify(scalar, text.substr(0, 64 * windows));
    for (auto* list : {&bits.commas, &bits.newlines, &bits.care}) {
      list->front() &= keep_first;
      list->back() &= keep_last;
    }
    std::vector<std::uint32_t> commas(64 * windows + 64);
    std::vector<std::uint32_t> newlines(64 * windows + 64);
    commas.resize(
        flatten.flatten(bits.commas.data(), windows, 640, commas.data()));
    newlines.resize(
        flatten.flatten(bits.newlines.data(), windows, 640, newlines.data()));
    for (const auto& lister : all) {
      CAPTURE(lister.name, windows);
      std::vector<std::uint32_t> got_commas(64 * windows + 64);
      std::vector<std::uint32_t> got_newlines(64 * windows + 64);
      std::vector<std::uint64_t> care(windows);
      const auto counts =
          lister.list(text.data(), windows, 640, keep_first, keep_last,
                      {got_commas.data(), got_newlines.data(), care.data()});
      got_commas.resize(counts.commas);
      got_newlines.resize(counts.newlines);
      CHECK(got_commas == commas);
      CHECK(got_newlines == newlines);
      CHECK(care == bits.care);
      std::uint64_t any = 0;
      for (const std::uint64_t window : bits.care) any |= window;
      CHECK(counts.care == any);
    }
  }
}
