// The report's counts in the summary JSON: "ports" (PortProfile) and
// "first_malformed" (Summary::first_malformed), written and read back.
#pragma once

#include <string>

#include "report/json_fields.h"
#include "report/summary.h"

namespace flowclean {

/// Appends the "ports" and "first_malformed" keys, each line starting with
/// two blanks and ending ",\n".
void render_ports_json(const Summary& summary, std::string& out);

void read_ports(const JsonFields& fields, const Json& ports,
                PortProfile& profile);
void read_first_malformed(const JsonFields& fields, const Json& kinds,
                          Summary& summary);

}  // namespace flowclean
