// A summary read back (flowclean combine) must agree with itself: each
// count below is written by one run from the same rows, so any mismatch
// means the file was damaged or edited.
#include "report/summary_check.h"

#include <fmt/format.h>

#include "common/counts.h"
#include "flowclean/error.h"

namespace flowclean {

namespace {

template <typename Range, typename Count>
std::uint64_t sum(const Range& range, Count count) {
  std::uint64_t total = 0;
  for (const auto& item : range) add_count(total, count(item), "a table");
  return total;
}

std::uint64_t sum(const std::vector<std::uint64_t>& counts) {
  return sum(counts, [](std::uint64_t n) { return n; });
}

template <std::size_t N>
std::uint64_t sum(const std::array<std::uint64_t, N>& counts) {
  return sum(counts, [](std::uint64_t n) { return n; });
}

std::uint64_t rule_rows(const Summary& s, RuleId id) {
  return s.by_rule[static_cast<std::size_t>(id)];
}

struct Checker {
  const std::string& file;

  void equal(std::uint64_t left, const char* left_name, std::uint64_t right,
             const char* right_name) const {
    if (left != right) {
      throw Error(file, 0,
                  fmt::format("{} ({}) is not {} ({}): the summary does not "
                              "agree with itself",
                              left_name, left, right_name, right));
    }
  }
  void at_most(std::uint64_t small, const char* small_name, std::uint64_t big,
               const char* big_name) const {
    if (small > big) {
      throw Error(file, 0,
                  fmt::format("{} ({}) is more than {} ({}): the summary does "
                              "not agree with itself",
                              small_name, small, big_name, big));
    }
  }
};

// The port tables agree with themselves and with the rows: so the counts
// after cleaning (ProtocolPorts::src_after) cannot go below 0.
void check_ports(const Summary& s, const Checker& c) {
  std::uint64_t rows = 0;
  std::uint64_t flipped = 0;
  for (const ProtocolPorts& p : s.ports.protocols()) {
    if (p.empty())
      continue;
    std::array<std::uint64_t, kPortBins> src_bins{};
    std::array<std::uint64_t, kPortBins> dst_bins{};
    for (std::size_t port = 0; port < ProtocolPorts::kPorts; ++port) {
      const auto bin = port_bin(static_cast<Port>(port));
      add_count(src_bins[bin], p.src[port], "rows by port");
      add_count(dst_bins[bin], p.dst[port], "rows by port");
      c.at_most(p.flipped_src[port], "a port's flipped rows", p.src[port],
                "its rows");
      c.at_most(p.flipped_dst[port], "a port's flipped rows", p.dst[port],
                "its rows");
    }
    for (std::size_t b = 0; b < kPortBins; ++b) {
      std::uint64_t by_src = 0;
      std::uint64_t by_dst = 0;
      for (std::size_t o = 0; o < kPortBins; ++o) {
        const std::size_t cell = b * kPortBins + o;
        c.at_most(p.flipped_density[cell], "a density cell's flipped rows",
                  p.density[cell], "its rows");
        add_count(by_src, p.density[cell], "density");
        add_count(by_dst, p.density[o * kPortBins + b], "density");
      }
      c.equal(by_src, "a density row", src_bins[b], "its source ports' rows");
      c.equal(by_dst, "a density column", dst_bins[b],
              "its destination ports' rows");
    }
    c.equal(sum(p.flipped_src), "the flipped rows by source port",
            sum(p.flipped_dst), "the flipped rows by destination port");
    c.equal(sum(p.flipped_density), "the flipped rows of the density",
            sum(p.flipped_src), "the flipped rows by source port");
    add_count(rows, p.rows(), "rows");
    add_count(flipped, p.flipped(), "rows");
  }
  c.at_most(rows, "the rows by port", s.rows_read - s.rows_malformed,
            "rows_read - rows_malformed");
  c.at_most(flipped, "the flipped rows by port", s.rows_flipped,
            "rows_flipped");
  for (std::size_t k = 0; k < kProblemKindCount; ++k) {
    c.at_most(s.first_malformed[k].size(), "the malformed lines named",
              s.malformed_by_kind[k], "their kind's count");
  }
}

}  // namespace

void check_summary(const Summary& s, const std::string& file) {
  const Checker c{file};
  std::uint64_t written_or_rejected = s.rows_written;
  add_count(written_or_rejected, s.rows_rejected, "rows");
  c.equal(s.rows_read, "rows_read", written_or_rejected,
          "rows_written + rows_rejected");
  c.at_most(s.rows_malformed, "rows_malformed", s.rows_read, "rows_read");
  c.at_most(s.rows_rejected, "rows_rejected", s.rows_malformed,
            "rows_malformed");
  c.at_most(s.rows_flipped, "rows_flipped", s.rows_written, "rows_written");
  c.at_most(s.rows_marked, "rows_marked", s.rows_flipped, "rows_flipped");
  c.equal(sum(s.malformed_by_kind), "the sum of malformed_by_kind",
          s.rows_malformed, "rows_malformed");
  c.equal(sum(s.by_rule), "the sum of rules", s.rows_read - s.rows_malformed,
          "rows_read - rows_malformed");
  const std::uint64_t flipped_by_rules = sum(kRules, [&](const Rule& rule) {
    return rule.action == Action::kFlip ? rule_rows(s, rule.id) : 0;
  });
  c.equal(flipped_by_rules, "the sum of the flipping rules", s.rows_flipped,
          "rows_flipped");
  c.equal(sum(s.flips_by_src_port), "the sum of flips_by_src_port",
          s.rows_flipped, "rows_flipped");
  c.equal(sum(s.port_zero_tcp_udp), "port_zero tcp + udp",
          rule_rows(s, RuleId::kPortZero), "rules.port-zero");
  c.equal(sum(s.meaningless_by_protocol), "the sum of meaningless_by_protocol",
          rule_rows(s, RuleId::kPortsMeaningless), "rules.ports-meaningless");
  check_ports(s, c);
  if (s.inputs.empty())
    throw Error(file, 0, "\"inputs\": empty, yet every run reads an input");
  c.equal(sum(s.inputs, [](const InputCounts& in) { return in.rows_read; }),
          "the sum of inputs' rows_read", s.rows_read, "rows_read");
  c.equal(sum(s.inputs, [](const InputCounts& in) { return in.rows_flipped; }),
          "the sum of inputs' rows_flipped", s.rows_flipped, "rows_flipped");
}

}  // namespace flowclean
