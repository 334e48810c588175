// The server endpoints learn keeps: a flat open-addressing table from an
// endpoint key (already a mixed hash) to its evidence. Entries sit in one
// vector, slots in another, so a lookup is one probe into a small array that
// the batch pass can prefetch; std::unordered_map's node per entry cost 10%
// of learn (perf, 120,000 endpoints).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/huge_pages.h"
#include "learn/distinct.h"
#include "rules/ports.h"

namespace flowclean {

/// Per server-side endpoint (address, protocol, port).
struct EndpointEvidence {
  std::string address;
  bool udp = false;
  Port port = 0;
  std::uint64_t conversations = 0;
  DistinctSketch peers;  ///< peer endpoints in conversations
};

/// The slots of an open-addressing table that holds `n` keys at most half
/// full: a power of two, at least `first`. Both tables below grow and
/// reserve by it.
constexpr std::size_t slots_for(std::size_t n, std::size_t first) {
  std::size_t size = first;
  while ((n + 1) * 2 > size) size *= 2;
  return size;
}

/// A flat open-addressing table from a 64-bit key (already a mixed hash) to
/// a V; the server endpoints while learning, their peer counts in a Model.
template <class V>
class FlatTable {
 public:
  using Entry = std::pair<std::uint64_t, V>;

  /// The entry for `key`, added empty if missing; true when added. The
  /// pointer lasts until the next insertion.
  std::pair<V*, bool> try_emplace(std::uint64_t key) {
    if ((entries_.size() + 1) * 2 > slots_.size())
      grow();
    for (std::size_t i = key & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.index == kEmpty) {
        slot = {key, static_cast<std::uint32_t>(entries_.size())};
        entries_.emplace_back(key, V{});
        return {&entries_.back().second, true};
      }
      if (slot.key == key)
        return {&entries_[slot.index].second, false};
    }
  }

  /// Room for `n` entries without growing.
  void reserve(std::size_t n) {
    entries_.reserve(n);
    if (slots_for(n, kFirstSlots) > slots_.size())
      rehash(slots_for(n, kFirstSlots));
  }

  [[nodiscard]] const V* find(std::uint64_t key) const {
    if (slots_.empty())
      return nullptr;
    for (std::size_t i = key & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.index == kEmpty)
        return nullptr;
      if (slot.key == key)
        return &entries_[slot.index].second;
    }
  }

  void prefetch(std::uint64_t key) const {
    if (!slots_.empty())
      __builtin_prefetch(&slots_[key & mask_]);
  }

  /// Keeps only the entries for which `keep(key, value)` is true.
  template <class Keep>
  void retain(Keep keep) {
    entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                  [&](const Entry& entry) {
                                    return !keep(entry.first, entry.second);
                                  }),
                   entries_.end());
    entries_.shrink_to_fit();
    slots_.clear();
    grow();
  }

  [[nodiscard]] std::size_t size() const { return entries_.size(); }
  [[nodiscard]] auto begin() const { return entries_.begin(); }
  [[nodiscard]] auto end() const { return entries_.end(); }

 private:
  struct Slot {
    std::uint64_t key;
    std::uint32_t index;
  };
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  static constexpr std::size_t kFirstSlots = 1024;

  void grow() { rehash(slots_for(entries_.size(), kFirstSlots)); }

  void rehash(std::size_t size) {
    slots_.assign(size, Slot{0, kEmpty});
    mask_ = size - 1;
    for (std::size_t e = 0; e < entries_.size(); ++e) {
      std::size_t i = entries_[e].first & mask_;
      while (slots_[i].index != kEmpty) i = (i + 1) & mask_;
      slots_[i] = {entries_[e].first, static_cast<std::uint32_t>(e)};
    }
  }

  HugeVector<Slot> slots_;
  HugeVector<Entry> entries_;
  std::size_t mask_ = 0;
};

using EndpointTable = FlatTable<EndpointEvidence>;

/// A map from a 64-bit key (already a mixed hash) to a count, built once and
/// then only read: key and count share a 16-byte cell, so a lookup that
/// misses the cache misses once. FlatTable's slot, then entry, was two
/// misses for each of the two endpoint lookups of every row of
/// clean --model (perf annotate, 1 GB benchmark file).
class CountTable {
 public:
  /// Adds `key` (not yet present) with `count`.
  void add(std::uint64_t key, float count) {
    if ((size_ + 1) * 2 > cells_.size())
      grow();
    place(key, count);
    ++size_;
  }

  /// Room for `n` keys without growing.
  void reserve(std::size_t n) {
    if (slots_for(n, kFirstCells) > cells_.size())
      rehash(slots_for(n, kFirstCells));
  }

  /// The count of `key`, 0 if absent.
  [[nodiscard]] float find(std::uint64_t key) const {
    if (cells_.empty())
      return 0;
    for (std::size_t i = key & mask_;; i = (i + 1) & mask_) {
      const Cell& cell = cells_[i];
      if (!cell.used)
        return 0;
      if (cell.key == key)
        return cell.count;
    }
  }

  void prefetch(std::uint64_t key) const {
    if (!cells_.empty())
      __builtin_prefetch(&cells_[key & mask_]);
  }

  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  struct Cell {
    std::uint64_t key = 0;
    float count = 0;
    std::uint32_t used = 0;
  };

  void place(std::uint64_t key, float count) {
    std::size_t i = key & mask_;
    while (cells_[i].used) i = (i + 1) & mask_;
    cells_[i] = {key, count, 1};
  }

  static constexpr std::size_t kFirstCells = 1024;

  void grow() { rehash(slots_for(size_, kFirstCells)); }

  void rehash(std::size_t size) {
    HugeVector<Cell> old = std::move(cells_);
    cells_.assign(size, Cell{});
    mask_ = cells_.size() - 1;
    for (const Cell& cell : old) {
      if (cell.used)
        place(cell.key, cell.count);
    }
  }

  HugeVector<Cell> cells_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace flowclean
