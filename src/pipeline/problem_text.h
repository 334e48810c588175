// What a malformed row is told as: the messages of --on-error fail.
#pragma once

#include <cstddef>
#include <string>

#include "scan/json_row.h"
#include "scan/record.h"
#include "scan/schema.h"

namespace flowclean {

/// "row is longer than the limit of N bytes": for rows the workers scan and
/// for rows longer than a block, which they never see.
[[nodiscard]] std::string row_too_long_text(std::size_t max_row_bytes);

/// The message for a malformed row, e.g. "column firstSeenDestPort: '70000'
/// is not a port (0-65535)".
[[nodiscard]] std::string describe_problem(const Problem& problem,
                                           const Record& record,
                                           const Schema& schema,
                                           std::size_t max_row_bytes);
/// The same for a row of JSON lines: a member it lacks is named.
[[nodiscard]] std::string describe_problem(const Problem& problem,
                                           const JsonRow& row,
                                           const Schema& schema,
                                           std::size_t max_row_bytes);

}  // namespace flowclean
