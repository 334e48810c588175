// The vectorised static rules against the row-at-a-time parse and decide().
#include "simd/batch_rules.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "common/text.h"
#include "scan/record_scanner.h"
#include "simd/kernels.h"

using flowclean::BatchColumns;
using flowclean::BatchDecision;
using flowclean::PlainBatch;
using flowclean::PortPolicy;
using flowclean::RuleId;

namespace {

// Field texts that parse, and near misses that must not.
const std::vector<std::string> kProtocols = {"6",  "17",  "1", "0",  "255",
                                             "06", "017", "2", "132"};
const std::vector<std::string> kBadProtocols = {"",   "256", "1000", "x",
                                                "6 ", "-6",  "1.0"};
const std::vector<std::string> kPorts = {
    "0",    "1",     "20",    "21",    "53",    "80",    "123",  "137",
    "443",  "1024",  "1025",  "1900",  "1984",  "3389",  "5355", "8080",
    "9999", "10000", "14545", "49151", "65535", "00080", "0",    "99"};
const std::vector<std::string> kBadPorts = {
    "", "65536", "99999", "123456", "8O", "-1", " 80", "80 ", "1e3", "/", ":"};
const std::vector<std::string> kAddresses = {"172.10.0.4",
                                             "10.0.0.12",
                                             "224.0.0.251",
                                             "239.255.255.250",
                                             "223.1.1.1",
                                             "240.0.0.1",
                                             "230.1.2.3",
                                             "2.2.2.2",
                                             "22.",
                                             "22.1",
                                             "22",
                                             "2",
                                             "",
                                             "255.255.255.255",
                                             "255.255.255.25",
                                             "255.255.255.2555",
                                             "ff02::1",
                                             "FF02::1",
                                             "fe80::1",
                                             "ff",
                                             "ff0",
                                             "ffff",
                                             "fF02::1",
                                             "25.5.5.5",
                                             "23a.1.1.1",
                                             "2a4.0.0.1",
                                             "22/.0.0.1",
                                             "229.1.1.1"};

// Protocol names as Zeek, Argus and nfdump write them, and near misses that
// are other names (left to decide(), never a parse failure).
const std::vector<std::string> kProtocolNames = {
    "tcp",  "TCP", "udp",       "UDP", "Tcp",  "uDp", "icmp",
    "igmp", "arp", "ipv6-icmp", "tc",  "tcpp", "ud",  "",
    "6",    "t?p", "TCQ",       "udq", "llc"};
// Argus writes ICMP type and code in hex where ports are.
const std::vector<std::string> kUncheckedPorts = {"0x0008", "0x0303", "", "-"};

template <class T>
const T& pick(const std::vector<T>& from, std::mt19937& rng) {
  return from[rng() % from.size()];
}

struct Row {
  std::string protocol, src_port, dst_port, dst_address;
};

std::string text_of(const std::vector<Row>& rows) {
  std::string text;
  for (const Row& r : rows) {
    text += "1364807428.9,2013-04-01 09:10:28,x," + r.protocol +
            ",TCP,10.0.0.1," + r.dst_address + "," + r.src_port + "," +
            r.dst_port + ",0,0,3,7425,11,7865,51,8,2,0\n";
  }
  return text;
}

/// A row of numbers that parse, as decide() reads it.
flowclean::FlowKey key_of(const Row& r) {
  flowclean::FlowKey key;
  key.protocol = *flowclean::parse_protocol_number(r.protocol);
  key.src_port = *flowclean::parse_port(r.src_port);
  key.dst_port = *flowclean::parse_port(r.dst_port);
  key.dst_address = r.dst_address;
  return key;
}

/// The rows as one batch, as the scanner gives it, decided by `isa`'s
/// kernels; false when a row does not parse.
bool decide_rows(const flowclean::simd::Kernels& isa,
                 const std::vector<Row>& rows, const BatchColumns& columns,
                 const PortPolicy& policy, BatchDecision& decided) {
  const std::string text = text_of(rows);
  const std::string padded = text + std::string(flowclean::kScanPadding, '9');
  flowclean::RecordScanner scanner(padded.data(), text.size());
  PlainBatch batch;
  REQUIRE(scanner.peek_batch(padded.data(), 19, batch));
  return isa.decide_batch(batch, columns, policy, decided);
}

}  // namespace

TEST_CASE("sixteen rows decided at once are decided as one at a time",
          "[batch][isa]") {
  const flowclean::simd::Kernels isa =
      GENERATE(from_range(flowclean::simd::supported_kernels()));
  CAPTURE(isa.isa);
  const PortPolicy policy =
      GENERATE(PortPolicy(), PortPolicy({0, 443, 1025, 65535}, 0),
               PortPolicy({80, 8080}, 49151));
  const BatchColumns columns{3, 7, 8, 6};
  std::mt19937 rng(7);
  int decided_batches = 0;
  for (int round = 0; round < 3000; ++round) {
    std::vector<Row> rows(PlainBatch::kRows);
    bool all_parse = true;
    for (Row& r : rows) {
      const bool bad = round % 4 == 0 && rng() % 16 == 0;
      const auto which = bad ? rng() % 3 : 3;
      r = {which == 0 ? pick(kBadProtocols, rng) : pick(kProtocols, rng),
           which == 1 ? pick(kBadPorts, rng) : pick(kPorts, rng),
           which == 2 ? pick(kBadPorts, rng) : pick(kPorts, rng),
           pick(kAddresses, rng)};
      all_parse &= !bad;
    }
    BatchDecision decided;
    REQUIRE(decide_rows(isa, rows, columns, policy, decided) == all_parse);
    if (!all_parse)
      continue;
    ++decided_batches;
    unsigned defaults = 0;
    for (std::size_t i = 0; i < PlainBatch::kRows; ++i) {
      CAPTURE(i, rows[i].protocol, rows[i].src_port, rows[i].dst_port,
              rows[i].dst_address);
      const flowclean::FlowKey key = key_of(rows[i]);
      const flowclean::Decision expected = flowclean::decide(key, policy);
      REQUIRE(decided.protocol[i] == key.protocol);
      REQUIRE(decided.src_port[i] == key.src_port);
      REQUIRE(decided.dst_port[i] == key.dst_port);
      const bool exception = (decided.exceptions >> i) & 1U;
      if ((decided.undecided >> i) & 1U) {
        REQUIRE(exception);
        // Only the full address test can tell these.
        REQUIRE((rows[i].dst_address.size() == 15 ||
                 (rows[i].dst_address[0] | 0x20) == 'f'));
        continue;
      }
      REQUIRE(decided.rule[i] == expected.rule);
      REQUIRE(exception == (expected.rule != RuleId::kDefault));
      defaults += exception ? 0 : 1;
    }
    REQUIRE(decided.defaults == defaults);
  }
  CHECK(decided_batches > 2000);
}

TEST_CASE("protocol names are decided at once as one at a time",
          "[batch][isa]") {
  const flowclean::simd::Kernels isa =
      GENERATE(from_range(flowclean::simd::supported_kernels()));
  const bool unchecked_ports = GENERATE(false, true);
  CAPTURE(isa.isa, unchecked_ports);
  const PortPolicy policy;
  BatchColumns columns{3, 7, 8, 6};
  columns.protocol_name = true;
  columns.unchecked_ports = unchecked_ports;
  std::mt19937 rng(11);
  int decided_batches = 0;
  for (int round = 0; round < 3000; ++round) {
    std::vector<Row> rows(PlainBatch::kRows);
    for (Row& r : rows) {
      r = {pick(kProtocolNames, rng), pick(kPorts, rng), pick(kPorts, rng),
           pick(kAddresses, rng)};
      const flowclean::ProtocolId id =
          flowclean::protocol_from_code(r.protocol);
      if (unchecked_ports && !flowclean::has_ports(id) && rng() % 2 == 0)
        r.src_port = pick(kUncheckedPorts, rng);
    }
    BatchDecision decided;
    // Every row's ports parse where they are read: the batch is decided.
    REQUIRE(decide_rows(isa, rows, columns, policy, decided));
    ++decided_batches;
    for (std::size_t i = 0; i < PlainBatch::kRows; ++i) {
      CAPTURE(i, rows[i].protocol, rows[i].src_port, rows[i].dst_port,
              rows[i].dst_address);
      flowclean::FlowKey key;
      key.protocol = flowclean::protocol_from_code(rows[i].protocol);
      const bool ports = !unchecked_ports || flowclean::has_ports(key.protocol);
      key.src_port = ports ? *flowclean::parse_port(rows[i].src_port) : 0;
      key.dst_port = ports ? *flowclean::parse_port(rows[i].dst_port) : 0;
      key.dst_address = rows[i].dst_address;
      const flowclean::Decision expected = flowclean::decide(key, policy);
      const bool exception = (decided.exceptions >> i) & 1U;
      if ((decided.undecided >> i) & 1U) {
        REQUIRE(exception);
        continue;
      }
      // Decided here only for TCP and UDP.
      REQUIRE(flowclean::has_ports(key.protocol));
      REQUIRE(decided.protocol[i] == key.protocol);
      REQUIRE(decided.src_port[i] == key.src_port);
      REQUIRE(decided.rule[i] == expected.rule);
      REQUIRE(exception == (expected.rule != RuleId::kDefault));
    }
  }
  CHECK(decided_batches == 3000);
}

TEST_CASE("padded fields are decided at once as trimmed one at a time",
          "[batch][isa]") {
  const flowclean::simd::Kernels isa =
      GENERATE(from_range(flowclean::simd::supported_kernels()));
  CAPTURE(isa.isa);
  const PortPolicy policy;
  BatchColumns columns{3, 7, 8, 6};
  columns.padded = true;
  std::mt19937 rng(13);
  // rwcut right-aligns in columns as wide as its longest value; a tab or a
  // space after the value now and then, which the batch must refuse or
  // read as the row-at-a-time way does (refused batches are checked by
  // nothing here: they go that way).
  const auto pad = [&rng](const std::string& value, unsigned widest) {
    std::string padded = std::string(rng() % (widest + 1), ' ') + value;
    if (rng() % 50 == 0)
      padded = (rng() % 2 == 0 ? "\t" : "") + padded + (rng() % 2 ? " " : "\t");
    return padded;
  };
  int decided_batches = 0;
  for (int round = 0; round < 2000; ++round) {
    std::vector<Row> rows(PlainBatch::kRows);
    std::vector<Row> trimmed(PlainBatch::kRows);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      trimmed[i] = {pick(kProtocols, rng), pick(kPorts, rng), pick(kPorts, rng),
                    pick(kAddresses, rng)};
      // Numbers padded to rwcut's widths (and wider, now and then);
      // addresses to 39, an IPv6 column's.
      const unsigned number_pad = rng() % 20 == 0 ? 12 : 3;
      rows[i] = {pad(trimmed[i].protocol, number_pad),
                 pad(trimmed[i].src_port, number_pad),
                 pad(trimmed[i].dst_port, number_pad),
                 pad(trimmed[i].dst_address, 39)};
    }
    BatchDecision decided;
    if (!decide_rows(isa, rows, columns, policy, decided))
      continue;
    ++decided_batches;
    for (std::size_t i = 0; i < PlainBatch::kRows; ++i) {
      CAPTURE(i, rows[i].protocol, rows[i].src_port, rows[i].dst_port,
              rows[i].dst_address);
      const flowclean::FlowKey key = key_of(trimmed[i]);
      REQUIRE(decided.src_port[i] == key.src_port);
      REQUIRE(decided.dst_port[i] == key.dst_port);
      if ((decided.undecided >> i) & 1U)
        continue;
      REQUIRE(decided.rule[i] == flowclean::decide(key, policy).rule);
    }
  }
  CHECK(decided_batches > 100);
}

TEST_CASE("a padded number is read as its digits or not at all",
          "[batch][isa]") {
  const flowclean::simd::Kernels isa =
      GENERATE(from_range(flowclean::simd::supported_kernels()));
  // Blanks inside a number, nothing but blanks, more digits than a port
  // has, a value too large: the row-at-a-time way finds each wrong, so the
  // batch must not read them (as 80, 0 or 12345 say).
  const std::string bad =
      GENERATE(as<std::string>{}, "8 0", " 8 0", "1 2 3", "     ", "        ",
               " 123456", "  000080", "  99999", "  8O", "   -1", "  +80");
  // Blanks the row-at-a-time way trims: read as it reads them, or refused.
  const std::string trimmed_ok = GENERATE(as<std::string>{}, "80 ", "\t80",
                                          "     443", "  00080", "    0");
  CAPTURE(isa.isa, bad, trimmed_ok);
  BatchColumns columns{3, 7, 8, 6};
  columns.padded = true;
  std::vector<Row> rows(PlainBatch::kRows,
                        Row{"  6", "   80", "14545", "  172.10.0.4"});
  BatchDecision decided;
  REQUIRE(decide_rows(isa, rows, columns, PortPolicy(), decided));
  CHECK(decided.src_port[0] == 80);
  rows[5].dst_port = bad;
  CHECK_FALSE(decide_rows(isa, rows, columns, PortPolicy(), decided));
  rows[5].dst_port = "   53";
  rows[9].src_port = trimmed_ok;
  if (decide_rows(isa, rows, columns, PortPolicy(), decided)) {
    CHECK(decided.src_port[9] ==
          *flowclean::parse_port(flowclean::trim_blanks(trimmed_ok)));
    CHECK(decided.dst_port[5] == 53);
  }
}

TEST_CASE("the batch rules read columns that lie between commas", "[batch]") {
  std::vector<std::string> names = {"TimeSeconds",
                                    "parsedDate",
                                    "dateTimeStr",
                                    "ipLayerProtocol",
                                    "ipLayerProtocolCode",
                                    "firstSeenSrcIp",
                                    "firstSeenDestIp",
                                    "firstSeenSrcPort",
                                    "firstSeenDestPort",
                                    "moreFragments",
                                    "contFragments",
                                    "durationSeconds",
                                    "firstSeenSrcPayloadBytes",
                                    "firstSeenDestPayloadBytes",
                                    "firstSeenSrcTotalBytes",
                                    "firstSeenDestTotalBytes",
                                    "firstSeenSrcPacketCount",
                                    "firstSeenDestPacketCount",
                                    "recordForceOut"};
  const auto vast = flowclean::batch_columns_of(flowclean::make_schema(names));
  REQUIRE(vast);
  CHECK(vast->protocol == 3);
  CHECK(vast->dst_address == 6);
  CHECK(vast->src_port == 7);
  CHECK(vast->dst_port == 8);

  SECTION("not a destination port in the last column") {
    std::rotate(names.begin() + 8, names.begin() + 9, names.end());
    CHECK_FALSE(flowclean::batch_columns_of(flowclean::make_schema(names)));
  }
  SECTION("not a protocol in the first column") {
    std::rotate(names.begin(), names.begin() + 3, names.begin() + 4);
    CHECK_FALSE(flowclean::batch_columns_of(flowclean::make_schema(names)));
  }
  SECTION("a protocol named by its code only, read as a name") {
    names.erase(names.begin() + 3);
    const auto code =
        flowclean::batch_columns_of(flowclean::make_schema(names));
    REQUIRE(code);
    CHECK(code->protocol == 3);
    CHECK(code->protocol_name);
  }
}
