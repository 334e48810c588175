// The binary model holds the text model's evidence exactly, and is refused
// whole, naming the byte, when it is damaged: cut short, a byte changed,
// a sketch learning cannot make, an endpoint given twice, another format.
#include "learn/model_binary.h"

#include <cstring>
#include <random>

#include <catch2/catch.hpp>
#include <zlib.h>

#include "flowclean/error.h"
#include "learn/model_file.h"
#include "learn/model_parse.h"

using flowclean::Evidence;
using flowclean::parse_binary_model;

namespace {

/// A small model of every kind of fact.
Evidence sample_evidence() {
  return flowclean::parse_model(
      flowclean::with_model_trailer("flowclean-model 2\n"
                                    "rows 40\n"
                                    "port tcp 80 3 30 20 1f,2a\n"
                                    "port udp 53 1 9 9 -\n"
                                    "host 12 a,b - - - - - 10.66.6.6\n"
                                    "endpoint tcp 80 20 5,6 172.10.0.4\n"
                                    "endpoint udp 53 4 7 172.10.0.2\n"
                                    "talk 17 3\n"
                                    "ports 9 4d\n"),
      "m");
}

/// `body` (a binary model without its trailer) given a good checksum, so
/// that what is checked is what comes after the checksum.
std::string with_checksum(std::string body) {
  const std::uint32_t crc = flowclean::update_model_checksum(0, body);
  body.append(reinterpret_cast<const char*>(&crc), sizeof(crc));
  return body;
}

std::string without_checksum(const std::string& model) {
  return model.substr(0, model.size() - sizeof(std::uint32_t));
}

void put_u32(std::string& bytes, std::size_t at, std::uint32_t value) {
  std::memcpy(&bytes[at], &value, sizeof(value));
}

// The header's 72 bytes, then the port table: port 0's sketch of peer
// ports starts 24 bytes in (three counts), its size 4 bytes further.
constexpr std::size_t kHeaderBytes = 72;
constexpr std::size_t kFirstSketchSize = kHeaderBytes + 24 + 4;

}  // namespace

TEST_CASE("a binary model reads back as the text model it was written from",
          "[model]") {
  const Evidence evidence = sample_evidence();
  const std::string binary = flowclean::render_binary_model(evidence);
  CHECK(flowclean::is_binary_model(binary));
  CHECK_FALSE(flowclean::is_binary_model(flowclean::render_model(evidence)));
  const Evidence read = parse_binary_model(binary, "m.fcm");
  CHECK(flowclean::render_model(read) == flowclean::render_model(evidence));
  CHECK(flowclean::render_binary_model(read) == binary);
}

TEST_CASE("a model's checksum is zlib's CRC-32 however its bytes are split",
          "[model]") {
  std::mt19937 rng(7);
  std::string bytes(300000, '\0');
  for (char& c : bytes) c = static_cast<char>(rng());
  const auto zlib = static_cast<std::uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()),
            static_cast<uInt>(bytes.size())));
  CHECK(flowclean::model_checksum(bytes) == zlib);
  std::uint32_t pieces = 0;
  for (std::size_t at = 0; at < bytes.size();) {
    const std::size_t n =
        std::min<std::size_t>(1 + rng() % 5000, bytes.size() - at);
    pieces = flowclean::update_model_checksum(pieces, {&bytes[at], n});
    at += n;
  }
  CHECK(pieces == zlib);
}

TEST_CASE("a damaged binary model is refused, naming the byte", "[model]") {
  const std::string binary = flowclean::render_binary_model(sample_evidence());
  SECTION("cut short anywhere") {
    for (const double share : {0.0001, 0.3, 0.7, 0.99999}) {
      const auto cut = static_cast<std::size_t>(share * double(binary.size()));
      CHECK_THROWS_WITH(
          parse_binary_model(binary.substr(0, cut), "w.fcm"),
          Catch::Contains("w.fcm: byte ") &&
              (Catch::Contains("cut short") || Catch::Contains("checksum")));
    }
  }
  SECTION("a byte changed") {
    std::string changed = binary;
    changed[kHeaderBytes + 1000] ^= 1;
    CHECK_THROWS_WITH(parse_binary_model(changed, "w.fcm"),
                      Catch::Contains("checksum does not match"));
  }
  SECTION("bytes after its end") {
    CHECK_THROWS_WITH(parse_binary_model(binary + "x", "w.fcm"),
                      Catch::Contains("bytes after the checksum"));
  }
  SECTION("a sketch learning cannot make, checksum good") {
    std::string body = without_checksum(binary);
    put_u32(body, kFirstSketchSize, 17);
    CHECK_THROWS_WITH(parse_binary_model(with_checksum(body), "w.fcm"),
                      Catch::Contains("w.fcm: byte " +
                                      std::to_string(kFirstSketchSize - 4)) &&
                          Catch::Contains("sketch learning cannot make"));
  }
  SECTION("an endpoint given twice, checksum good") {
    // The endpoints come last, sorted: the second ends the body. Their
    // count (8 bytes) precedes them.
    std::string body = without_checksum(binary);
    const std::size_t record = 1 + 2 + 8 + 72 + 4 + std::strlen("172.10.0.2");
    const std::size_t count_at = body.size() - 2 * record - 8;
    body += body.substr(body.size() - record);
    put_u32(body, count_at, 3);
    CHECK_THROWS_WITH(parse_binary_model(with_checksum(body), "w.fcm"),
                      Catch::Contains("a second endpoint"));
  }
  SECTION("an address length no address has, checksum good") {
    // The last endpoint's address: its length, then its 10 bytes.
    std::string body = without_checksum(binary);
    put_u32(body, body.size() - std::strlen("172.10.0.2") - 4, 0xfffffff0U);
    CHECK_THROWS_WITH(parse_binary_model(with_checksum(body), "w.fcm"),
                      Catch::Contains("an address of 4294967280 bytes"));
  }
  SECTION("a format this flowclean does not read") {
    std::string body = without_checksum(binary);
    put_u32(body, 16, 2);
    CHECK_THROWS_WITH(parse_binary_model(with_checksum(body), "w.fcm"),
                      Catch::Contains("w.fcm: byte 16: a binary model of "
                                      "format 2") &&
                          Catch::Contains("--binary-model"));
  }
}
