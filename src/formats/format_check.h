// What a format description must say for its flips to be whole, and the
// columns a header must have for it.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "formats/format.h"

namespace flowclean {

using FormatField = std::string Format::*;

/// The directives that name one column, and where each goes.
[[nodiscard]] const std::map<std::string_view, FormatField>&
column_directives();

/// Throws Error naming `file` when a required role is missing, a payload
/// column comes without its twin, a column is flipped twice, or the
/// addresses, ports or payload pair are not swapped.
void check_complete(const Format& format, const std::string& file);

}  // namespace flowclean
