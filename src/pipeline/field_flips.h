// What a flip writes for a column it rewrites rather than moves
// (ColumnFlip: totals, arrows, halves, letter case, named values). Each is
// its own inverse, so a flip flipped again gives back the row byte for
// byte; a value it cannot read (a share above its total, an arrow that is
// not one) is written unchanged.
#pragma once

#include <cstddef>
#include <string_view>

#include "scan/schema.h"

namespace flowclean {

/// The most bytes a flip can add to a row of `schema`: a complement writes
/// up to 20 digits, an exchange its longer value.
[[nodiscard]] std::size_t max_flip_growth(const Schema& schema);

/// Writes the flipped `field` at `out` and returns the end; `total` is
/// the complement's total field (else unused).
char* write_flipped_field(const ColumnFlip& flip, std::string_view field,
                          std::string_view total, char* out);

}  // namespace flowclean
