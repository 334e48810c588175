// Every built-in format: a flip followed by a flip gives back the row byte
// for byte, over generated rows that fill every side-named column, and a
// flip changes what it says it changes.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "formats/builtin.h"
#include "pipeline/block_cleaner.h"
#include "scan/checked_scan.h"
#include "scan/record_scanner.h"
#include "scan/schema.h"

namespace {

using flowclean::FieldFlip;
using flowclean::Format;

/// A header for `format` with every column it names, optional ones too,
/// and two it does not.
std::vector<std::string> all_columns(const Format& format) {
  std::vector<std::string> names = {"before"};
  const auto add = [&names](const std::string& name) {
    if (!name.empty() &&
        std::find(names.begin(), names.end(), name) == names.end())
      names.push_back(name);
  };
  for (const std::string& name : format.required()) add(name);
  add(format.protocol_number);
  add(format.protocol_name);
  for (const FieldFlip& flip : format.flips) {
    add(flip.column);
    if (flip.kind == FieldFlip::Kind::kSwap ||
        flip.kind == FieldFlip::Kind::kComplement)
      add(flip.other);
  }
  names.emplace_back("after");
  return names;
}

/// A value as the column would hold it, so every flip has work to do.
std::string value_for(const Format& format, const std::string& column,
                      std::mt19937& random) {
  const auto pick = [&random](std::initializer_list<const char*> values) {
    return std::string(*(values.begin() + random() % values.size()));
  };
  for (const FieldFlip& flip : format.flips) {
    if (flip.other == column && flip.kind == FieldFlip::Kind::kComplement)
      return "1000000";  // a total: every share below fits
    if (flip.column != column)
      continue;
    switch (flip.kind) {
      case FieldFlip::Kind::kComplement:
        return std::to_string(random() % 1000001);
      case FieldFlip::Kind::kArrows:
        return pick({"   ->", "  <->", "<?>", "who", "<-", "  ?>"});
      case FieldFlip::Kind::kHalves:
        return pick({"SRPA_SPA", "_SA", "CON", "FSPA_FSA", "S_"});
      case FieldFlip::Kind::kSwapCase:
        return pick({"ShADadFf", "Dd^", "S", "-", "ShAdDaFr"});
      case FieldFlip::Kind::kExchange:
        return flip.values[random() % flip.values.size()];
      case FieldFlip::Kind::kFlowId:
        return pick({"10.0.0.1-10.0.0.2-80-5555-6", "fe80::1-fe80::2-53-9-17"});
      case FieldFlip::Kind::kSwap:
        break;
    }
  }
  if (column == format.protocol_number)
    return "6";
  if (column == format.protocol_name)
    return "tcp";
  if (column == format.src_port || column == format.dst_port)
    return std::to_string(random() % 65536);
  return column.substr(0, 3) + std::to_string(random() % 100000);
}

}  // namespace

TEST_CASE("in every format a row flipped twice is the row, byte for byte",
          "[format][flip]") {
  std::mt19937 random(2026);
  for (const Format& format : flowclean::builtin_formats()) {
    const auto names = all_columns(format);
    flowclean::Schema schema = flowclean::make_schema(names, &format);
    const flowclean::RowPolicy policy;
    flowclean::BlockCleaner cleaner(schema, policy);
    const char sep = schema.dialect.separator;
    for (int n = 0; n < 200; ++n) {
      std::string row;
      for (const std::string& name : names)
        row += value_for(format, name, random) + sep;
      row.back() = '\n';
      CAPTURE(format.name, row);
      std::string padded = row + std::string(flowclean::kScanPadding, '\0');
      flowclean::Record record(names.size());
      REQUIRE_FALSE(flowclean::scan_checked(
          padded.data(), padded.data() + row.size(), record,
          flowclean::kNoRowLimit, schema.dialect));
      const std::string once = cleaner.flipped_row(record);
      CHECK(once != row);
      std::string padded_once =
          once + std::string(flowclean::kScanPadding, '\0');
      flowclean::Record flipped(names.size());
      REQUIRE_FALSE(flowclean::scan_checked(
          padded_once.data(), padded_once.data() + once.size(), flipped,
          flowclean::kNoRowLimit, schema.dialect));
      REQUIRE(flipped.field_count == names.size());
      // The addresses and ports moved to the other side.
      CHECK(flipped.value(schema.src_ip) == record.value(schema.dst_ip));
      CHECK(flipped.value(schema.dst_port) == record.value(schema.src_port));
      CHECK(cleaner.flipped_row(flipped) == row);
    }
  }
}

TEST_CASE("an nfdump flip exchanges what nfdump -B does, and each side's MACs",
          "[format][flip]") {
  // nfdump's SwapFlow exchanges addresses, ports, counts, AS numbers and
  // the in and out interfaces; MACs and VLANs name a side too.
  const std::vector<std::string> names = {
      "sa",  "da",  "sp",  "dp",   "pr",   "ipkt", "ibyt", "opkt", "obyt", "in",
      "out", "sas", "das", "svln", "dvln", "ismc", "odmc", "idmc", "osmc"};
  const std::string row =
      "10.0.0.1,10.0.0.2,80,5555,TCP,3,300,4,400,7,9,100,200,11,12,"
      "aa:00:00:00:00:01,bb:00:00:00:00:02,cc:00:00:00:00:03,"
      "dd:00:00:00:00:04\n";
  const Format& nfdump = flowclean::builtin_format("nfdump");
  const flowclean::Schema schema = flowclean::make_schema(names, &nfdump);
  const flowclean::RowPolicy policy;
  flowclean::BlockCleaner cleaner(schema, policy);
  std::string padded = row + std::string(flowclean::kScanPadding, '\0');
  flowclean::Record record(names.size());
  REQUIRE_FALSE(
      flowclean::scan_checked(padded.data(), padded.data() + row.size(), record,
                              flowclean::kNoRowLimit, schema.dialect));
  CHECK(cleaner.flipped_row(record) ==
        "10.0.0.2,10.0.0.1,5555,80,TCP,4,400,3,300,9,7,200,100,12,11,"
        "cc:00:00:00:00:03,dd:00:00:00:00:04,aa:00:00:00:00:01,"
        "bb:00:00:00:00:02\n");
}
