// The formats flowclean knows by name, and how a header picks one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/format.h"

namespace flowclean {

/// Where the column called `name` is among a header's `names`: the first
/// one, blanks around either name ignored (CIC-IDS2017 writes " Source IP").
[[nodiscard]] std::optional<std::size_t> find_column(
    const std::vector<std::string>& names, std::string_view name);

/// The built-in formats, in the order --format auto tries them.
[[nodiscard]] const std::vector<Format>& builtin_formats();

/// The built-in format called `name`; throws UsageError listing them,
/// saying `asked_by` asked.
[[nodiscard]] const Format& builtin_format(
    const std::string& name, const std::string& asked_by = "--format");

/// The format of a header with these column names: `forced` when given
/// (throws Error naming the first column it lacks), else the first
/// built-in whose columns are all there (throws Error naming, for each,
/// the first column it lacks). The caller adds the file and line.
[[nodiscard]] const Format& choose_format(const std::vector<std::string>& names,
                                          const Format* forced);

/// The first column of `format` that `names` lacks, or empty.
[[nodiscard]] std::string first_missing(const Format& format,
                                        const std::vector<std::string>& names);

}  // namespace flowclean
