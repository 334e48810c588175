// The --service-ports-file format: one port per line, '#' starts a comment.
#pragma once

#include <string>
#include <vector>

#include "rules/ports.h"

namespace flowclean {

/// Reads a service-port file. Throws Error with file and line on a bad port.
[[nodiscard]] std::vector<Port> read_service_ports_file(
    const std::string& path);

}  // namespace flowclean
