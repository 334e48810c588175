// What a flip writes for a rewritten column: each its own inverse, so a
// row flipped twice is the row; a value it cannot read stays as it is.
#include "pipeline/field_flips.h"

#include <string>

#include <catch2/catch.hpp>

using flowclean::ColumnFlip;
using Kind = flowclean::FieldFlip::Kind;

namespace {

std::string flipped(const ColumnFlip& flip, const std::string& field,
                    const std::string& total = "") {
  std::string out(field.size() + 64, '\0');
  char* end = flowclean::write_flipped_field(flip, field, total, out.data());
  out.resize(static_cast<std::size_t>(end - out.data()));
  return out;
}

void twice_is_once(const ColumnFlip& flip, const std::string& field,
                   const std::string& total = "") {
  CAPTURE(field, total);
  CHECK(flipped(flip, flipped(flip, field, total), total) == field);
}

}  // namespace

TEST_CASE("a share becomes the rest of its total, and back", "[flip]") {
  const ColumnFlip complement{Kind::kComplement, 0, 1, {}, {}};
  CHECK(flipped(complement, "4102", "5723") == "1621");
  CHECK(flipped(complement, "0", "18446744073709551615") ==
        "18446744073709551615");
  twice_is_once(complement, "4102", "5723");
  // Not a share of this total: left alone, never made up.
  CHECK(flipped(complement, "6000", "5723") == "6000");
  CHECK(flipped(complement, "", "5723") == "");
  CHECK(flipped(complement, "12", "") == "12");
  CHECK(flipped(complement, "0x10", "99") == "0x10");
}

TEST_CASE("arrows turn round, padding kept, other text kept", "[flip]") {
  const ColumnFlip arrows{Kind::kArrows, 0, 0, {}, {}};
  CHECK(flipped(arrows, "   ->") == "   <-");
  CHECK(flipped(arrows, "<-") == "->");
  CHECK(flipped(arrows, "  <->") == "  <->");
  CHECK(flipped(arrows, "  <?>") == "  <?>");
  CHECK(flipped(arrows, "?>") == "<?");
  CHECK(flipped(arrows, "  who") == "  who");
  for (const std::string field : {"   ->", "?>", "<?", "  <->", "who", ""})
    twice_is_once(arrows, field);
}

TEST_CASE("per-side halves swap around the one separator", "[flip]") {
  const ColumnFlip halves{Kind::kHalves, 0, 0, "_", {}};
  CHECK(flipped(halves, "SRPA_SPA") == "SPA_SRPA");
  CHECK(flipped(halves, "_SA") == "SA_");
  CHECK(flipped(halves, "CON") == "CON");
  CHECK(flipped(halves, "A_B_C") == "A_B_C");
  for (const std::string field : {"SRPA_SPA", "_SA", "CON", "A_B_C"})
    twice_is_once(halves, field);
}

TEST_CASE("letter case swaps, and named values exchange", "[flip]") {
  const ColumnFlip history{Kind::kSwapCase, 0, 0, {}, {}};
  CHECK(flipped(history, "ShADadFf^") == "sHadADfF^");
  twice_is_once(history, "ShADadFf^");
  // Zeek's side-named connection states.
  const ColumnFlip state{Kind::kExchange,
                         0,
                         0,
                         {},
                         {{"SH", "SHR"}, {"RSTO", "RSTR"}, {"S2", "S3"}}};
  CHECK(flipped(state, "SH") == "SHR");
  CHECK(flipped(state, "SHR") == "SH");
  CHECK(flipped(state, "RSTR") == "RSTO");
  CHECK(flipped(state, "S2") == "S3");
  CHECK(flipped(state, "SF") == "SF");
  for (const std::string field : {"SHR", "RSTO", "S3", "SF", ""})
    twice_is_once(state, field);
}

TEST_CASE("a flow key's two ends exchange, protocol kept", "[flip]") {
  const ColumnFlip flow_id{Kind::kFlowId, 0, 0, {}, {}};
  CHECK(flipped(flow_id, "192.168.10.14-40.83.143.209-49545-443-6") ==
        "40.83.143.209-192.168.10.14-443-49545-6");
  CHECK(flipped(flow_id, "fe80::1-fe80::2-5353-5353-17") ==
        "fe80::2-fe80::1-5353-5353-17");
  // Not five parts: kept.
  CHECK(flipped(flow_id, "a-b-c-d") == "a-b-c-d");
  CHECK(flipped(flow_id, "a-b-c-d-e-f") == "a-b-c-d-e-f");
  for (const std::string field :
       {"192.168.10.14-40.83.143.209-49545-443-6", "a-b-c-d", "", "-----"})
    twice_is_once(flow_id, field);
}
