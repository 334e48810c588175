// The header row: column names in, header bytes out.
#pragma once

#include <string>
#include <string_view>

#include "scan/schema.h"

namespace flowclean {

/// Parses the header row (its bytes as read, with line end and maybe a UTF-8
/// BOM) into a schema in `format` (null: the built-in one it fits). Throws
/// Error naming `input` and line 1.
[[nodiscard]] Schema parse_header(std::string_view header,
                                  const std::string& input,
                                  const Format* format = nullptr);

}  // namespace flowclean
