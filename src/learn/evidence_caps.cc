// Keeping learn's per-host and per-endpoint tables within their caps
// (evidence.h). A table past its cap keeps the entries heavier than the one
// at half the cap's rank and drops the rest, counted in Dropped. The caps
// cost no decision a model can make on its own evidence: a scanner or a
// probed host needs 8 or more probes (learned::kScannerMinLowPorts,
// kTargetMinPeers), a server 4 or more peers (kServerMinPeers), and a flood
// of distinct hosts is hosts of 1 probe each. What it can cost: a host or
// endpoint dropped early that would have grown heavy later starts again
// from nothing, so a capped model is approximate, and may differ from run
// to run (which worker saw which rows decides what was dropped), as the
// model file says in its 'dropped' line.
#include <algorithm>
#include <vector>

#include "common/counts.h"
#include "learn/evidence.h"

namespace flowclean {

namespace {

/// The weight below which entries go: that of the entry ranked `keep` by
/// weight, so at most `keep` entries are heavier. Entries that tie with it
/// go too, so a table of equal weights empties.
std::uint64_t cut_weight(std::vector<std::uint64_t> weights, std::size_t keep) {
  if (weights.size() <= keep)
    return 0;
  const auto rank = weights.begin() + static_cast<std::ptrdiff_t>(keep);
  std::nth_element(weights.begin(), rank, weights.end(),
                   std::greater<std::uint64_t>());
  return *rank;
}

}  // namespace

void Evidence::keep_within_caps() {
  if (hosts.size() > max_hosts_) {
    std::vector<std::uint64_t> probes;
    probes.reserve(hosts.size());
    for (const auto& entry : hosts) probes.push_back(entry.second.probes);
    const std::uint64_t cut = cut_weight(std::move(probes), max_hosts_ / 2);
    for (auto it = hosts.begin(); it != hosts.end();) {
      if (it->second.probes > cut) {
        ++it;
        continue;
      }
      add_count(dropped_.hosts, 1, "dropped hosts");
      add_count(dropped_.probes, it->second.probes, "dropped probes");
      it = hosts.erase(it);
    }
  }
  if (endpoints.size() > max_endpoints_) {
    std::vector<std::uint64_t> conversations;
    conversations.reserve(endpoints.size());
    for (const auto& entry : endpoints)
      conversations.push_back(entry.second.conversations);
    const std::uint64_t cut =
        cut_weight(std::move(conversations), max_endpoints_ / 2);
    endpoints.retain([&](std::uint64_t, const EndpointEvidence& endpoint) {
      if (endpoint.conversations > cut)
        return true;
      add_count(dropped_.endpoints, 1, "dropped endpoints");
      add_count(dropped_.conversations, endpoint.conversations,
                "dropped conversations");
      return false;
    });
  }
}

}  // namespace flowclean
