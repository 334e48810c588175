// Every instruction set's lister against a byte-by-byte reference written
// here, on every byte value and on random text.
#include "simd/lister.h"

#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "simd/kernels.h"

namespace {

struct Lists {
  std::vector<std::uint32_t> commas, newlines;
  std::vector<std::uint64_t> care;
  std::uint64_t any_care = 0;
};

bool needs_care(unsigned char byte, char separator) {
  return (byte < 0x20 && byte != '\n' && byte != separator) || byte >= 0x80 ||
         byte == '"';
}

/// What list_windows promises, one byte at a time.
Lists reference(const std::string& text, std::uint32_t first,
                std::uint64_t keep_first, std::uint64_t keep_last,
                char separator) {
  const std::size_t windows = text.size() / 64;
  Lists lists;
  lists.care.assign(windows, 0);
  for (std::size_t i = 0; i < windows * 64; ++i) {
    const std::size_t w = i / 64;
    std::uint64_t keep = w == 0 ? keep_first : ~std::uint64_t{0};
    keep &= w + 1 == windows ? keep_last : ~std::uint64_t{0};
    if (((keep >> (i % 64)) & 1) == 0)
      continue;
    const auto byte = static_cast<unsigned char>(text[i]);
    const auto at = static_cast<std::uint32_t>(first + i);
    if (byte == static_cast<unsigned char>(separator))
      lists.commas.push_back(at);
    if (byte == '\n')
      lists.newlines.push_back(at);
    if (needs_care(byte, separator))
      lists.care[w] |= std::uint64_t{1} << (i % 64);
  }
  for (const std::uint64_t bits : lists.care) lists.any_care |= bits;
  return lists;
}

Lists list(const flowclean::simd::Kernels& kernels, const std::string& text,
           std::uint32_t first, std::uint64_t keep_first,
           std::uint64_t keep_last, char separator) {
  const std::size_t windows = text.size() / 64;
  Lists lists;
  lists.commas.resize(64 * windows + flowclean::kFlattenSlack);
  lists.newlines.resize(64 * windows + flowclean::kFlattenSlack);
  lists.care.resize(windows);
  const flowclean::ListCounts counts = kernels.list(
      text.data(), windows, first, keep_first, keep_last, separator,
      {lists.commas.data(), lists.newlines.data(), lists.care.data()});
  lists.commas.resize(counts.commas);
  lists.newlines.resize(counts.newlines);
  lists.any_care = counts.care;
  return lists;
}

/// Every byte value in every position, then random text weighted to the
/// bytes that matter, in several densities.
std::string test_text() {
  std::string text;
  for (int byte = 0; byte < 256; ++byte)
    text.append(64, static_cast<char>(byte));
  for (int shift = 0; shift < 64; ++shift) {
    for (int byte = 0; byte < 256; byte += 3)
      text.push_back(static_cast<char>(byte + shift));
  }
  std::mt19937 random(2013);
  for (const std::string& weighted :
       {std::string(",\n\"\r\t|\x7f\x80\xff\x1f a0"), std::string(",,,,,,,,\n"),
        std::string("\t\t\t\t|||\n"), std::string("aaaaaaaaaaaaaaa,\n")}) {
    for (int i = 0; i < 64 * 200; ++i)
      text.push_back(weighted[random() % weighted.size()]);
  }
  text.resize(text.size() / 64 * 64);
  return text;
}

}  // namespace

TEST_CASE("every instruction set this CPU runs lists what the bytes hold",
          "[scanner][isa]") {
  const std::string text = test_text();
  std::mt19937 random(7);
  const auto kernels = flowclean::simd::supported_kernels();
  REQUIRE(kernels.back().isa == std::string("scalar"));
  for (const auto& isa : kernels) {
    // One window (first and last at once), two (no middle), then more.
    for (const std::size_t windows :
         {std::size_t{1}, std::size_t{2}, std::size_t{97}, text.size() / 64}) {
      const std::uint64_t keep_first = ~std::uint64_t{0} << (random() % 64);
      const std::uint64_t keep_last = ~std::uint64_t{0} >> (random() % 64);
      const std::size_t from =
          64 * (random() % (text.size() / 64 - windows + 1));
      const std::string part = text.substr(from, 64 * windows);
      // CSV, Zeek's and Argus's TSV, rwcut's '|'.
      const char separator = ",\t|"[random() % 3];
      CAPTURE(isa.isa, windows, from, separator);
      const Lists got = list(isa, part, 640, keep_first, keep_last, separator);
      const Lists expected =
          reference(part, 640, keep_first, keep_last, separator);
      CHECK(got.commas == expected.commas);
      CHECK(got.newlines == expected.newlines);
      CHECK(got.care == expected.care);
      CHECK(got.any_care == expected.any_care);
    }
  }
}

TEST_CASE("the reference marks commas, newlines and the bytes that need care",
          "[scanner]") {
  // ',' at 0, '\n' at 1, care for '"', 0x80 and a control byte, not for
  // '\n' or plain text.
  const std::string window = ",\n\"\x80\x01" + std::string(59, 'a');
  const Lists one = reference(window, 0, ~0ULL, ~0ULL, ',');
  CHECK(one.commas == std::vector<std::uint32_t>{0});
  CHECK(one.newlines == std::vector<std::uint32_t>{1});
  CHECK(one.care == std::vector<std::uint64_t>{0b11100});
  // A TAB separator is listed, and is not a byte needing care.
  const std::string tsv = "a\tb\x01\n" + std::string(59, 'a');
  const Lists tabs = reference(tsv, 0, ~0ULL, ~0ULL, '\t');
  CHECK(tabs.commas == std::vector<std::uint32_t>{1});
  CHECK(tabs.care == std::vector<std::uint64_t>{0b1000});
}
