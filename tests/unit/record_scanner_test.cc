#include "scan/record_scanner.h"

#include <algorithm>
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "scan/checked_scan.h"

using flowclean::ProblemKind;
using flowclean::Record;
using flowclean::RecordScanner;
using flowclean::scan_checked;

namespace {

struct Scanned {
  bool plain;
  std::vector<std::string> fields;
  std::size_t size;
  bool terminated;
  std::optional<flowclean::Problem> problem;
};

Scanned scan(const std::string& text) {
  std::string padded = text + std::string(flowclean::kScanPadding, 'x');
  const char* limit = padded.data() + text.size();
  Record record(64);
  Scanned out{};
  RecordScanner scanner(padded.data(), text.size());
  out.plain = scanner.scan_plain(padded.data(), record);
  if (!out.plain)
    out.problem = scan_checked(padded.data(), limit, record);
  for (std::size_t i = 0; i < record.field_count; ++i) {
    out.fields.emplace_back(record.value(i));
  }
  out.size = record.size();
  out.terminated = record.terminated;
  return out;
}

}  // namespace

TEST_CASE("a plain row splits at commas and ends after its newline",
          "[scanner]") {
  const auto s = scan("a,bb,,ccc\nnext,row\n");
  CHECK(s.plain);
  CHECK(s.fields == std::vector<std::string>{"a", "bb", "", "ccc"});
  CHECK(s.size == 10);
  CHECK(s.terminated);
}

TEST_CASE("rows longer than one 16-byte chunk split correctly", "[scanner]") {
  std::string row;
  std::vector<std::string> expected;
  for (int i = 0; i < 40; ++i) {
    expected.push_back(std::string(static_cast<std::size_t>(i % 7),
                                   static_cast<char>('a' + i % 26)));
    row += (i ? "," : "") + expected.back();
  }
  const auto s = scan(row + "\n");
  CHECK(s.plain);
  CHECK(s.fields == expected);
}

TEST_CASE("CR LF line ends are kept out of the last field", "[scanner]") {
  const auto s = scan("a,b\r\n");
  CHECK(s.plain);
  CHECK(s.fields == std::vector<std::string>{"a", "b"});
  CHECK(s.size == 5);
}

TEST_CASE("a last row without a newline ends at the data's end", "[scanner]") {
  const auto s = scan("a,b");
  CHECK(s.plain);
  CHECK(s.fields == std::vector<std::string>{"a", "b"});
  CHECK_FALSE(s.terminated);
}

TEST_CASE("quoted fields may hold commas, quotes and newlines", "[scanner]") {
  const auto s = scan("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",80\nrest\n");
  CHECK_FALSE(s.plain);
  CHECK_FALSE(s.problem);
  CHECK(s.fields ==
        std::vector<std::string>{"a,b", "say \"\"hi\"\"", "two\nlines", "80"});
  CHECK(s.size == 34);
}

TEST_CASE("UTF-8 text passes the checked path", "[scanner]") {
  const auto s = scan("caf\xC3\xA9,\xE2\x82\xAC,\xF0\x9F\x98\x80\n");
  CHECK_FALSE(s.plain);
  CHECK_FALSE(s.problem);
  CHECK(s.fields.size() == 3);
}

TEST_CASE("bytes that are not text are problems with their column and offset",
          "[scanner]") {
  using Row = std::tuple<std::string, ProblemKind, std::size_t, std::size_t>;
  const auto [text, kind, column, offset] =
      GENERATE(table<std::string, ProblemKind, std::size_t, std::size_t>({
          Row{std::string("a,b\0c,d\n", 8), ProblemKind::kNulByte, 1, 3},
          Row{"a,b,c\x07\n", ProblemKind::kControlByte, 2, 5},
          Row{"a\rb,c\n", ProblemKind::kControlByte, 0, 1},
          Row{"a,\xFF\n", ProblemKind::kNotUtf8, 1, 2},
          Row{"a,\xC3(\n", ProblemKind::kNotUtf8, 1, 2},
          Row{"a,\xED\xA0\x80\n", ProblemKind::kNotUtf8, 1, 2},
          Row{"\"a\"b,c\n", ProblemKind::kBadQuoting, 0, 3},
      }));
  CAPTURE(text);
  const auto s = scan(text);
  CHECK_FALSE(s.plain);
  REQUIRE(s.problem);
  CHECK(s.problem->kind == kind);
  CHECK(s.problem->column == column);
  CHECK(s.problem->offset == offset);
  CHECK(s.terminated);
}

TEST_CASE("the fast path resumes after a row that needed care", "[scanner]") {
  std::string text;
  for (int i = 0; i < 50; ++i) {
    text += i % 7 == 3 ? "\"q,uoted\",x\r\n" : "aaaa,bbbbbbbb,c\n";
  }
  const std::string padded = text + std::string(flowclean::kScanPadding, '\0');
  const char* limit = padded.data() + text.size();
  RecordScanner scanner(padded.data(), text.size());
  Record record(8);
  int rows = 0, checked = 0;
  for (const char* p = padded.data(); p < limit; p = record.end, ++rows) {
    if (!scanner.scan_plain(p, record)) {
      ++checked;
      CHECK_FALSE(scan_checked(p, limit, record));
      scanner.resync(record.end);
      CHECK(record.value(0) == "q,uoted");
    } else {
      CHECK(record.field_count == 3);
      CHECK(record.value(2) == "c");
    }
  }
  CHECK(rows == 50);
  CHECK(checked == 7);
}

// The block scanned may end where the reader cut after the line, having
// seen the quote unmatched within the row limit: the end of the data cannot
// tell "never closed" from "closed too late", so both cost the one line.
TEST_CASE("a quote never closed costs its first line, not the lines after",
          "[scanner]") {
  const auto s = scan("a,\"open\nstill open\n");
  REQUIRE(s.problem);
  CHECK(s.problem->kind == ProblemKind::kBadQuoting);
  CHECK(s.size == 8);
  CHECK(scan("a,\"open to the end").size == 18);
}

TEST_CASE("a quoted line break is kept only within the row limit",
          "[scanner]") {
  const std::string text = "a,\"b\nc\",d\ne,f\n";
  flowclean::Record record(8);
  const char* p = text.data();
  const auto within = scan_checked(p, p + text.size(), record, 10);
  CHECK_FALSE(within);
  CHECK(record.end - p == 10);
  const auto past = scan_checked(p, p + text.size(), record, 9);
  REQUIRE(past);
  CHECK(past->kind == ProblemKind::kBadQuoting);
  CHECK(record.end - p == 5);
  // The reader cuts blocks by the same rule.
  CHECK(flowclean::last_record_end(p, text.size(), 10) == 14);
  CHECK(flowclean::last_record_end(p, text.size(), 9) == 14);
  CHECK(flowclean::last_record_end(p, 12, 10) == 10);
  CHECK(flowclean::last_record_end(p, 8, 10) == 0);  // cannot tell yet
  CHECK(flowclean::last_record_end(p, 9, 9) == 5);
}

TEST_CASE("blocks are cut after the last whole record, quote-aware",
          "[scanner]") {
  const std::string plain = "a,b\nc,d\ne,f";
  CHECK(flowclean::last_record_end(plain.data(), plain.size(),
                                   flowclean::kNoRowLimit) == 8);
  const std::string quoted = "a,b\n\"c\nd\",e\n\"f\ng";
  CHECK(flowclean::last_record_end(quoted.data(), quoted.size(),
                                   flowclean::kNoRowLimit) == 12);
  const std::string none = "abc";
  CHECK(flowclean::last_record_end(none.data(), none.size(),
                                   flowclean::kNoRowLimit) == 0);
  const std::string inner_quote = "a,b\"c\nd\n";
  CHECK(flowclean::last_record_end(inner_quote.data(), inner_quote.size(),
                                   flowclean::kNoRowLimit) == 8);
}

namespace {

// Random rows of 1 to 25 fields, some CR LF, some longer than a 16 KiB
// chunk, so rows start and end at every offset of windows and chunks.
std::string random_rows(std::mt19937& rng) {
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    const auto fields = i % 500 == 7 ? 3000 : 1 + rng() % 25;
    for (unsigned f = 0; f < fields; ++f) {
      if (f > 0)
        text += ',';
      text += std::string(rng() % 12, static_cast<char>('a' + f % 26));
    }
    text += i % 5 == 0 ? "\r\n" : "\n";
  }
  return text;
}

void require_same(const Record& fast, const Record& checked) {
  REQUIRE(fast.end == checked.end);
  REQUIRE(fast.content_end == checked.content_end);
  REQUIRE(fast.field_count == checked.field_count);
  REQUIRE(fast.known_fields() == checked.known_fields());
  for (std::size_t i = 0; i < fast.known_fields(); ++i)
    REQUIRE(fast.raw(i) == checked.raw(i));
}

}  // namespace

TEST_CASE("the fast scan agrees with the checked scan wherever windows fall",
          "[scanner]") {
  std::mt19937 rng(1);
  const std::string text = random_rows(rng);
  const std::string padded = text + std::string(flowclean::kScanPadding, '\n');
  const char* limit = padded.data() + text.size();
  RecordScanner scanner(padded.data(), text.size());
  Record fast(32);
  Record checked(32);
  for (const char* p = padded.data(); p < limit; p = fast.end) {
    REQUIRE(scanner.scan_plain(p, fast));
    REQUIRE_FALSE(scan_checked(p, limit, checked));
    require_same(fast, checked);
  }
}

TEST_CASE("the quickest way takes exactly the rows of the expected width",
          "[scanner]") {
  std::mt19937 rng(2);
  std::string text = random_rows(rng);
  text += "no,final,newline";  // the last row: never a plain one
  const std::string padded = text + std::string(flowclean::kScanPadding, ',');
  const char* limit = padded.data() + text.size();
  const std::size_t columns = GENERATE(2u, 3u, 19u, 25u);
  CAPTURE(columns);
  RecordScanner scanner(padded.data(), text.size());
  Record fast(columns);
  Record checked(columns);
  flowclean::PlainRecord plain;
  std::size_t quick = 0;
  for (const char* p = padded.data(); p < limit; p = checked.end) {
    REQUIRE_FALSE(scan_checked(p, limit, checked));
    if (scanner.next_plain(p, columns, plain)) {
      ++quick;
      REQUIRE(checked.field_count == columns);
      REQUIRE(plain.end == checked.end);
      REQUIRE(plain.content_end == checked.content_end);
      for (std::size_t i = 0; i < columns; ++i)
        REQUIRE(plain.raw(i) == checked.raw(i));
    } else {
      REQUIRE(scanner.scan_plain(p, fast));
      REQUIRE((checked.field_count != columns || !checked.terminated));
      require_same(fast, checked);
    }
  }
  CHECK(quick > 50);
}

TEST_CASE("the quickest way leaves rows that need care to the checked path",
          "[scanner]") {
  std::string text;
  int care_rows = 0;
  for (int i = 0; i < 400; ++i) {
    const bool quoted = i % 9 == 4;
    const bool control = i % 9 == 6;
    care_rows += quoted || control ? 1 : 0;
    text += quoted ? "\"a,b\",c\n" : control ? "a,\x01,c\n" : "aa,b,c\n";
  }
  const std::string padded = text + std::string(flowclean::kScanPadding, 'x');
  const char* limit = padded.data() + text.size();
  RecordScanner scanner(padded.data(), text.size());
  Record record(3);
  flowclean::PlainRecord plain;
  int quick = 0, checked = 0;
  for (const char* p = padded.data(); p < limit;) {
    if (scanner.next_plain(p, 3, plain)) {
      ++quick;
      CHECK(plain.raw(0) == "aa");
      p = plain.end;
    } else if (scanner.scan_plain(p, record)) {
      FAIL("only rows needing care are left");
    } else {
      ++checked;
      (void)scan_checked(p, limit, record);
      scanner.resync(record.end);
      p = record.end;
    }
  }
  CHECK(quick == 400 - care_rows);
  CHECK(checked == care_rows);
}

namespace {

// Rows mostly of `columns` fields, so that sixteen in a row are common;
// some of other widths, some quoted, some with a control byte, some CR LF.
std::string mostly_plain_rows(std::mt19937& rng, std::size_t columns) {
  std::string text;
  for (int i = 0; i < 4000; ++i) {
    const auto kind = rng() % 100;
    const std::size_t fields = kind < 3 ? 1 + rng() % 25 : columns;
    for (std::size_t f = 0; f < fields; ++f) {
      if (f > 0)
        text += ',';
      text += std::string(rng() % 9, static_cast<char>('a' + f % 26));
    }
    if (kind == 3)
      text += ",\"q\"";
    if (kind == 4)
      text += '\x01';
    text += kind % 7 == 0 ? "\r\n" : "\n";
  }
  return text;
}

// What next_plain takes: the width asked for, its own newline, no byte
// needing care (TAB and CR LF are text).
bool is_plain(const Record& record, std::size_t columns) {
  if (record.field_count != columns || !record.terminated)
    return false;
  for (const char* c = record.begin; c < record.content_end; ++c) {
    const auto byte = static_cast<unsigned char>(*c);
    if (byte == '"' || byte >= 0x80 || (byte < 0x20 && byte != '\t'))
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("a batch is the next sixteen rows when the quickest way takes all",
          "[scanner]") {
  const std::size_t columns = GENERATE(2u, 3u, 19u);
  CAPTURE(columns);
  std::mt19937 rng(static_cast<unsigned>(columns));
  const std::string text = mostly_plain_rows(rng, columns);
  const std::string padded = text + std::string(flowclean::kScanPadding, ',');
  const char* limit = padded.data() + text.size();
  RecordScanner scanner(padded.data(), text.size());
  Record record(columns);
  flowclean::PlainBatch batch;
  flowclean::PlainRecord plain;
  std::size_t batches = 0;
  for (const char* p = padded.data(); p < limit;) {
    // The oracle: the next sixteen rows, read the checked way.
    std::vector<Record> next;
    for (const char* q = p; q < limit && next.size() < 16;
         q = next.back().end) {
      next.emplace_back(columns);
      (void)scan_checked(q, limit, next.back());
    }
    bool all_plain = next.size() == 16;
    for (const Record& row : next) all_plain &= is_plain(row, columns);
    const bool peeked = scanner.peek_batch(p, columns, batch);
    REQUIRE(peeked == all_plain);
    if (peeked) {
      ++batches;
      std::size_t longest = 0;
      for (const Record& row : next) longest = std::max(longest, row.size());
      REQUIRE(batch.longest_row() == longest);
      for (std::size_t r = 0; r < 16; ++r) {
        const flowclean::PlainRecord row = batch.row(r);
        REQUIRE(row.end == next[r].end);
        REQUIRE(row.content_end == next[r].content_end);
        for (std::size_t i = 0; i < columns; ++i)
          REQUIRE(row.raw(i) == next[r].raw(i));
      }
      scanner.take_batch(batch);
      p = batch.end();
    } else if (scanner.next_plain(p, columns, plain)) {
      p = plain.end;
    } else if (scanner.scan_plain(p, record)) {
      p = record.end;
    } else {
      (void)scan_checked(p, limit, record);
      scanner.resync(record.end);
      p = record.end;
    }
  }
  CHECK(batches > 20);
}
