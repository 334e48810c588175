// What a learned model says, for people: the ranked service-port file,
// the summary `learn` prints, and the tables of `flowclean stats`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "learn/model.h"
#include "report/summary.h"

namespace flowclean {

/// The learned service ports in the --service-ports-file format: one port
/// per line, most evidence first, the evidence as comments; scanners seen
/// are listed in comments so a reviewer knows what was left out.
[[nodiscard]] std::string render_service_ports_file(const Model& model);

/// The short report `flowclean learn` prints on stderr.
[[nodiscard]] std::string render_learn_text(const Model& model, unsigned top);

/// `flowclean stats`: ports as recorded, probing hosts, learned ports, and
/// flips per source port under the default rules and under the model.
/// Inputs of a format without payload columns (`no_payload`, empty when
/// none) learn nothing but port counts: no `learned` summary, and the report
/// says so in place of the learned parts.
[[nodiscard]] std::string render_stats(const Model& model,
                                       const Summary& by_default,
                                       const std::optional<Summary>& learned,
                                       std::string_view no_payload,
                                       unsigned top);

}  // namespace flowclean
