#include "report/port_profile.h"

#include "common/counts.h"
#include "flowclean/error.h"

namespace flowclean {

namespace {

template <typename Array>
std::uint64_t total(const Array& counts) {
  std::uint64_t sum = 0;
  for (const std::uint64_t n : counts) add_count(sum, n, "rows by port");
  return sum;
}

template <typename Into, typename From>
void add_plain(Into& into, const From& from) {
  // Plain sums: a worker's counts are bounded by its rows, far below 2^64,
  // and the loop vectorises (a check per port would not).
  for (std::size_t i = 0; i < into.size(); ++i) into[i] += from[i];
}

constexpr const char* kPortRows = "rows by port in the summary";

}  // namespace

void ProtocolPorts::allocate() {
  src.assign(kPorts, 0);
  dst.assign(kPorts, 0);
  flipped_src.assign(kPorts, 0);
  flipped_dst.assign(kPorts, 0);
}

std::uint64_t ProtocolPorts::rows() const {
  return total(density);
}

std::uint64_t ProtocolPorts::flipped() const {
  return total(flipped_density);
}

void PortProfile::make_tables(std::size_t k) {
  Tally& t = tallies_[k];
  for (auto* table : {&t.src, &t.dst, &t.flipped_src, &t.flipped_dst})
    table->assign(ProtocolPorts::kPorts, 0);
  if (totals_[k].empty())
    totals_[k].allocate();
}

void PortProfile::settle() {
  for (std::size_t k = 0; k < tallies_.size(); ++k) {
    Tally& t = tallies_[k];
    if (t.src.empty())
      continue;
    ProtocolPorts& into = totals_[k];
    add_plain(into.src, t.src);
    add_plain(into.dst, t.dst);
    add_plain(into.flipped_src, t.flipped_src);
    add_plain(into.flipped_dst, t.flipped_dst);
    t = Tally{};
  }
}

bool PortProfile::unsettled() const {
  return !tallies_[0].src.empty() || !tallies_[1].src.empty();
}

const std::array<ProtocolPorts, 2>& PortProfile::protocols() const {
  if (unsettled())
    throw Error("internal: port counts read before PortProfile::settle()");
  return totals_;
}

void PortProfile::merge(const PortProfile& other) {
  if (other.unsettled())
    throw Error("internal: port counts merged before PortProfile::settle()");
  missing = missing || other.missing;
  for (std::size_t i = 0; i < totals_.size(); ++i) {
    const ProtocolPorts& from = other.totals_[i];
    if (from.empty())
      continue;
    ProtocolPorts& into = totals_[i];
    if (into.empty())
      into.allocate();
    add_counts(into.src, from.src, kPortRows);
    add_counts(into.dst, from.dst, kPortRows);
    add_counts(into.flipped_src, from.flipped_src, kPortRows);
    add_counts(into.flipped_dst, from.flipped_dst, kPortRows);
    add_counts(into.density, from.density, kPortRows);
    add_counts(into.flipped_density, from.flipped_density, kPortRows);
  }
}

}  // namespace flowclean
