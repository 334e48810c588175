// JSON lines read from their marks: every instruction set marks a line as
// a byte loop does, and a line read from its marks reads as the byte
// reader (JsonRow::scan) reads it, or is left to it, whatever its bytes.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "formats/builtin.h"
#include "scan/header.h"
#include "scan/json_row.h"
#include "scan/record_scanner.h"
#include "simd/kernels.h"

namespace {

using flowclean::JsonLineMarks;
using flowclean::JsonRow;
using flowclean::Schema;

/// What mark_json promises, one byte at a time.
JsonLineMarks reference(const std::string& bytes, std::size_t windows,
                        std::vector<std::uint32_t>& marks) {
  JsonLineMarks line;
  bool inside = false;
  marks.clear();
  for (std::size_t i = 0; i < 64 * windows; ++i) {
    const char c = bytes[i];
    if (c == '\n') {
      line.newline = static_cast<std::uint32_t>(i);
      break;
    }
    const auto byte = static_cast<unsigned char>(c);
    line.stray += c == '\\' || byte < 0x20 ? 1 : 0;
    if (c == '"') {
      ++line.quotes;
      inside = !inside;
    } else if (!inside && c == ',') {
      marks.push_back(static_cast<std::uint32_t>(i));
    } else if (!inside && ((byte & 0xD9) == 0x59 || c == ' ')) {
      ++line.stray;
    }
  }
  line.marks = marks.size();
  line.open_string = inside;
  return line;
}

/// A line in Zeek's form (`plain`), or one with what Zeek never writes put
/// in: nested values, escapes, and a byte put in, taken out or changed.
std::string random_line(std::mt19937& random, bool plain) {
  static const std::vector<std::string> keys = {"ts",
                                                "uid",
                                                "id.orig_h",
                                                "id.orig_p",
                                                "id.resp_h",
                                                "id.resp_p",
                                                "proto",
                                                "orig_bytes",
                                                "resp_bytes",
                                                "conn_state",
                                                "history",
                                                "orig_ip_bytes",
                                                "orig_pkts",
                                                "tunnel_parents",
                                                "a_longer_key_than_16"};
  static const std::vector<std::string> plain_values = {
      "1.5",          "80",
      "\"10.0.0.1\"", "\"tcp\"",
      "true",         "null",
      "-3",           "1e5",
      "\"a:b,c\"",    "\"{x} [y]_Yy\"",
      "\"\"",         "\"caf\xc3\xa9\""};
  static const std::vector<std::string> odd_values = {
      "[\"C1\",2]", "{\"a\":1}", "\"\\\"q\"", "1 ", "\"a\tb\""};
  std::string line = "{";
  const std::size_t members = 1 + random() % 14;
  for (std::size_t m = 0; m < members; ++m) {
    const bool odd = !plain && random() % 4 == 0;
    const auto& values = odd ? odd_values : plain_values;
    line += (m > 0 ? "," : "") + ("\"" + keys[random() % keys.size()] + "\":") +
            values[random() % values.size()];
  }
  line += "}";
  static const std::string odd = " ,:\"{}[]\\\t\x01xY_-0";
  const std::size_t at = random() % line.size();
  switch (plain ? 3 : random() % 4) {
    case 0:
      line.insert(at, 1, odd[random() % odd.size()]);
      break;
    case 1:
      line.erase(at, 1);
      break;
    case 2:
      line[at] = odd[random() % odd.size()];
      break;
    default:
      break;
  }
  return line + "\n";
}

Schema zeek_json_schema() {
  const Schema schema = flowclean::parse_header(
      "{\"ts\":1}\n", "test.log", &flowclean::builtin_format("zeek"));
  REQUIRE(schema.dialect.json);
  return schema;
}

}  // namespace

TEST_CASE("every instruction set marks a JSON line as a byte loop does",
          "[json][isa]") {
  std::mt19937 random(11);
  std::vector<std::uint32_t> expected_marks;
  std::vector<std::uint32_t> marks(flowclean::kJsonMarksRoom);
  for (int n = 0; n < 400; ++n) {
    // Several lines in a row, so the first '\n' ends what is marked.
    std::string bytes;
    while (bytes.size() < 200) bytes += random_line(random, random() % 2 == 0);
    const std::size_t windows =
        std::min(flowclean::kMaxJsonWindows, bytes.size() / 64);
    bytes += std::string(64, '\0');
    const JsonLineMarks expected = reference(bytes, windows, expected_marks);
    for (const auto& isa : flowclean::simd::supported_kernels()) {
      CAPTURE(isa.isa, bytes);
      const JsonLineMarks got =
          isa.mark_json(bytes.data(), windows, marks.data());
      CHECK(got.newline == expected.newline);
      CHECK(got.quotes == expected.quotes);
      CHECK(got.stray == expected.stray);
      CHECK(got.open_string == expected.open_string);
      REQUIRE(got.marks == expected.marks);
      CHECK(std::equal(expected_marks.begin(), expected_marks.end(),
                       marks.begin()));
    }
  }
}

/// Reads `line` both ways with the same rows and keys (so the shape of the
/// line before is kept, as in a run); true when the marks took it. A line
/// taken must read exactly as scan() reads it.
class BothWays {
 public:
  BothWays()
      : schema_(zeek_json_schema()),
        keys_(schema_.names),
        marked_(schema_.columns()),
        read_(schema_.columns()) {}

  bool agree(const std::string& line) {
    const std::string bytes = line + std::string(flowclean::kScanPadding, '\0');
    const char* content_end = bytes.data() + line.size() - 1;
    const char* end = bytes.data() + line.size();
    const JsonLineMarks marks =
        marked_.mark(bytes.data(), (line.size() + 63) / 64);
    CAPTURE(line);
    REQUIRE(marks.newline == line.size() - 1);
    if (!marked_.scan_marked(bytes.data(), content_end, end, marks, keys_))
      return false;
    REQUIRE_FALSE(read_.scan(bytes.data(), content_end, end, keys_));
    for (std::size_t column = 0; column < schema_.columns(); ++column) {
      CHECK(marked_.present(column) == read_.present(column));
      CHECK(marked_.raw(column) == read_.raw(column));
    }
    const auto& got = marked_.members();
    const auto& expected = read_.members();
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      CHECK(got[i].key == expected[i].key);
      CHECK(got[i].key_end == expected[i].key_end);
      CHECK(got[i].value == expected[i].value);
      CHECK(got[i].value_end == expected[i].value_end);
      CHECK(got[i].column == expected[i].column);
    }
    return true;
  }

 private:
  Schema schema_;
  flowclean::JsonKeys keys_;
  JsonRow marked_;
  JsonRow read_;
};

TEST_CASE("a JSON line read from its marks reads as the byte reader reads it",
          "[json]") {
  BothWays both;
  std::mt19937 random(5);
  std::string line;
  for (int n = 0; n < 20000; ++n) {
    // Runs of lines alike, as Zeek writes, then one with other keys.
    const bool fresh = n % 2 == 0;
    const bool plain = n % 6 == 0;
    if (fresh)
      line = random_line(random, plain);
    const bool taken = both.agree(line);
    // Not vacuous: a line in Zeek's form is taken.
    if (fresh && plain)
      CHECK(taken);
  }
}

TEST_CASE(
    "JSON lines one byte away from Zeek's form are left to the byte "
    "reader",
    "[json]") {
  BothWays both;
  const std::string zeek =
      "{\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":80,\"proto\":\"tcp\"}\n";
  REQUIRE(both.agree(zeek));
  // scan() reads a number up to a ',' '}' ']' or blank, so `1:"b":2` is
  // one value to it; a byte between a key and its ':' or after a string
  // is not JSON; neither is a value that starts as none does. Lines with
  // keys other than the line before's are read by their own keys.
  for (const std::string line :
       {"{\"id.orig_h\":1:\"id.orig_p\":80,\"proto\":\"tcp\"}\n",
        "{\"id.orig_h\"x:\"10.0.0.1\",\"id.orig_p\":80,\"proto\":\"tcp\"}\n",
        "{\"id.orig_h\":\"10.0.0.1\"x,\"id.orig_p\":80,\"proto\":\"tcp\"}\n",
        "{\"id.orig_h\":x,\"id.orig_p\":80,\"proto\":\"tcp\"}\n",
        "{\"id.orig_h\":\"10.0.0.1\",x\"id.orig_p\":80,\"proto\":\"tcp\"}\n",
        "{\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":80 ,\"proto\":\"tcp\"}\n",
        "{\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":80],\"proto\":\"tcp\"}\n",
        "{\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":80,\"proto\":\"tcp\",}\n",
        "{\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":80,\"proto\":\"tcp\"\n",
        "{\"id.orig_h\":\"\",\"\":80,\"proto\":\"tcp\"}\n",
        "{\"id.orig_h\":\"10.0.0.1\",\"id.resp_p\":80,\"proto\":\"tcp\"}\n",
        // Keys alike in their first eight bytes, in each other's places.
        "{\"id.orig_p\":\"10.0.0.1\",\"id.orig_h\":80,\"proto\":\"tcp\"}\n",
        // A key without its opening quote, the count of quotes made up by
        // one in a number.
        "{x\":1\"}\n", "{\"proto\":\"tcp\",x\":1\"}\n"}) {
    both.agree(line);
    // The line before's keys are not taken for this one's.
    REQUIRE(both.agree(zeek));
  }
}
