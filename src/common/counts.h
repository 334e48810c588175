// Counters that never wrap: models and summaries of separate runs are added
// together (learn --merge, combine), and a wrapped count would be a wrong
// result with exit 0. An overflow is an error instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "flowclean/error.h"

namespace flowclean {

/// `total += more`, or Error naming `what` when the sum passes 2^64 - 1.
inline void add_count(std::uint64_t& total, std::uint64_t more,
                      const char* what) {
  if (__builtin_add_overflow(total, more, &total)) {
    throw Error(std::string("the count of ") + what +
                " passes 2^64 - 1 when added up: the inputs cannot be right");
  }
}

/// Adds a table of counts into another of the same size, entry by entry.
template <typename Table>
void add_counts(Table& into, const Table& from, const char* what) {
  for (std::size_t i = 0; i < into.size(); ++i)
    add_count(into[i], from[i], what);
}

}  // namespace flowclean
