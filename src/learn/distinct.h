// Counting distinct things in bounded space, mergeably: the k smallest hash
// values seen (a KMV sketch). The union of two sketches' values, cut to the k
// smallest, is exactly the sketch of the union of their inputs, so models
// learned on separate chunks merge into the model of one pass.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

namespace flowclean {

/// A 64-bit mix of a 64-bit value (splitmix64's finaliser).
[[nodiscard]] inline std::uint64_t mix64(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

/// FNV-1a over the bytes, then mixed: the key of an address text.
[[nodiscard]] inline std::uint64_t hash_text(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return mix64(h);
}

class DistinctSketch {
 public:
  /// 16 values: exact up to 16, about 25% error above (1/sqrt(k-2)); the
  /// decisions compare counts that differ tenfold, so that is plenty.
  static constexpr std::size_t kSize = 16;

  void add(std::uint32_t hash) {
    // The common case once full: one compare, on the sketch's first bytes,
    // so a rejected add touches one cache line, not two.
    if (hash >= reject_from_ && reject_from_ != 0)
      return;
    // Where it goes, and whether it is there, by comparing it with all
    // sixteen values at once (the compiler makes vector compares of these
    // fixed-count loops), then the values after it moved up by one as a
    // select of each slot: a binary search branched on random hashes and
    // the move became a memmove call, 16% and 4% of learn (perf, 1 GB).
    std::uint32_t below = 0;
    std::uint32_t same = 0;
    for (std::uint32_t i = 0; i < kSize; ++i) {
      const std::uint32_t used = i < size_ ? 1 : 0;
      below += used & (values_[i] < hash ? 1U : 0U);
      same |= used & (values_[i] == hash ? 1U : 0U);
    }
    if (same != 0)
      return;
    std::array<std::uint32_t, kSize> moved;
    moved[0] = below == 0 ? hash : values_[0];
    for (std::uint32_t i = 1; i < kSize; ++i) {
      const std::uint32_t kept = i < below ? values_[i] : values_[i - 1];
      moved[i] = i == below ? hash : kept;
    }
    values_ = moved;
    if (size_ < kSize)
      ++size_;
    if (size_ == kSize)
      reject_from_ = values_[kSize - 1];  // never 0: 16 distinct values
  }

  void merge(const DistinctSketch& other) {
    for (std::size_t i = 0; i < other.size_; ++i) add(other.values_[i]);
  }

  /// Exact below kSize; above, (k-1) / (k-th smallest as a fraction).
  [[nodiscard]] double estimate() const {
    if (size_ < kSize)
      return static_cast<double>(size_);
    const double kth =
        (static_cast<double>(values_[kSize - 1]) + 1.0) / 4294967296.0;
    return static_cast<double>(kSize - 1) / kth;
  }

  /// Whether the bytes hold a sketch add() can make: at most kSize values,
  /// strictly ascending, the last one the bound once full. A binary model's
  /// sketches are checked so: a bigger size would read past the values.
  [[nodiscard]] bool well_formed() const {
    if (size_ > kSize)
      return false;
    for (std::size_t i = 1; i < size_; ++i) {
      if (values_[i - 1] >= values_[i])
        return false;
    }
    return reject_from_ == (size_ == kSize ? values_[kSize - 1] : 0);
  }

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] std::uint32_t value(std::size_t i) const { return values_[i]; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  bool operator==(const DistinctSketch& other) const {
    return size_ == other.size_ &&
           std::equal(values_.begin(), values_.begin() + size_,
                      other.values_.begin());
  }

 private:
  // All zero bytes is the empty sketch (learn's tables start as zero pages).
  /// Hashes at or above this cannot enter once full; 0 until then.
  std::uint32_t reject_from_ = 0;
  std::uint32_t size_ = 0;
  std::array<std::uint32_t, kSize> values_{};
};

/// The 32 bits a sketch keeps of a 64-bit key.
[[nodiscard]] inline std::uint32_t sketch_hash(std::uint64_t key) {
  return static_cast<std::uint32_t>(mix64(key) >> 32);
}

}  // namespace flowclean
