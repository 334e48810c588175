// The model file: learned evidence as text, one fact per line, sorted, so
// that it diffs, merges and compares byte for byte. Format:
//   flowclean-model 2
//   rows N
//   dropped HOSTS PROBES ENDPOINTS CONVERSATIONS   (only when the caps of
//                              evidence.h left hosts or endpoints out)
//   port PROTO PORT AS_SRC AS_DST CONVERSATIONS PEER_PORTS
//   host PROBES PEERS PEER_HOSTS PEER_PORTS LOW_PORTS OWN_PORTS OWN_LOW_PORTS
//        ADDRESS
//   endpoint PROTO PORT CONVERSATIONS PEERS ADDRESS
//   talk CELL CONVERSATIONS   (hosts hashed into kHostCells cells)
//   ports CELL OWN_PORTS      (hosts hashed into kHostPortCells cells)
//   end LINES CRC32           (the last line: how many lines stand before
//                              it, and the CRC-32 of their bytes, in hex)
// Each fact appears once. A model cut short, edited, or with a line given
// twice is refused, naming the line: a damaged model would silently change
// the flips of every chunk a cluster run cleans with it.
// PROTO is tcp or udp; sketches are comma-separated hex values or '-';
// addresses escape bytes outside '!'..'~' and '%' as %XX.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "learn/evidence.h"

namespace flowclean {

inline constexpr std::string_view kModelMagic = "flowclean-model 2";

/// The model file, trailer included.
[[nodiscard]] std::string render_model(const Evidence& evidence);

/// `body` (whole lines) with its `end` line: for tests and the fuzzer,
/// which make models by hand.
[[nodiscard]] std::string with_model_trailer(std::string body);

/// The checksum the `end` line holds: CRC-32, as zlib computes it.
[[nodiscard]] std::uint32_t model_checksum(std::string_view body);
/// The checksum of bytes that follow those `crc` is the checksum of.
[[nodiscard]] std::uint32_t update_model_checksum(std::uint32_t crc,
                                                  std::string_view bytes);

}  // namespace flowclean
