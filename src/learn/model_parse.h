// The model file read back: every line checked, the trailer's line count
// and checksum first (model_file.h has the format).
#pragma once

#include <string>
#include <string_view>

#include "learn/evidence.h"

namespace flowclean {

/// Parses a model; throws Error naming `name` and the line.
[[nodiscard]] Evidence parse_model(std::string_view text,
                                   const std::string& name);

/// Reads and parses the model file at `path`, text or binary
/// (model_binary.h).
[[nodiscard]] Evidence read_model_file(const std::string& path);

}  // namespace flowclean
