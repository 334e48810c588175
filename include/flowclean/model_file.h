// The model file: learned evidence as text, one fact per line, sorted, so
// that it diffs, merges and compares byte for byte. Format:
//   flowclean-model 1
//   rows N
//   port PROTO PORT AS_SRC AS_DST CONVERSATIONS PEER_PORTS
//   host PROBES PEERS PEER_HOSTS PEER_PORTS LOW_PORTS OWN_PORTS OWN_LOW_PORTS
//        ADDRESS
//   endpoint PROTO PORT CONVERSATIONS PEERS ADDRESS
//   talk CELL CONVERSATIONS   (hosts hashed into kHostCells cells)
//   ports CELL OWN_PORTS      (hosts hashed into kHostPortCells cells)
// PROTO is tcp or udp; sketches are comma-separated hex values or '-';
// addresses escape bytes outside '!'..'~' and '%' as %XX.
#pragma once

#include <string>
#include <string_view>

#include "flowclean/evidence.h"

namespace flowclean {

[[nodiscard]] std::string render_model(const Evidence& evidence);

/// Parses a model; throws Error naming `name` and the line.
[[nodiscard]] Evidence parse_model(std::string_view text,
                                   const std::string& name);

/// Reads and parses the model file at `path`.
[[nodiscard]] Evidence read_model_file(const std::string& path);

}  // namespace flowclean
