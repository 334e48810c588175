// The header of one input, as its format has it: one CSV line, Zeek's
// leading '#' lines, or none at all (UNSW-NB15's raw files).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "formats/format.h"
#include "scan/block_reader.h"
#include "scan/schema.h"

namespace flowclean {

struct InputHeader {
  std::string bytes;  ///< written first, byte for byte; empty: no header
  Schema schema;
};

/// Reads the header from `reader` and finds the schema in `format` (null:
/// the built-in format the header fits), and tells the reader how the
/// format's lines split and end. nullopt for an empty input. Throws Error
/// naming `input` and the line.
[[nodiscard]] std::optional<InputHeader> read_input_header(
    BlockReader& reader, const std::string& input, const Format* format);

/// The header with --annotate's two columns added, in the format's way:
/// at the end of the line, or of Zeek's #fields and #types lines.
[[nodiscard]] std::string annotated_header(std::string_view header,
                                           const Schema& schema);

}  // namespace flowclean
