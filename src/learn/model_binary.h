// The model in binary form: the evidence of the text model (model_file.h)
// laid out as flowclean holds it, so that loading it is copying, not
// parsing. The text model stays the one to keep, diff, merge and move
// between machines; the binary one is written beside it (learn
// --binary-model) for runs that load a model many times, as every clean
// task of a cluster run does. Loading the benchmark's 34 MB text model
// (a million lines) took about 100 ms; doc/performance.md has the binary's.
//
// Layout, version 1, numbers in the byte order of the machine that wrote
// it (recorded, so that a machine of the other order refuses the file
// rather than misreading it):
//   header     "flowclean-bmodel" (16 bytes), u32 version, u32 0x01020304,
//              u32 sizeof(PortEvidence), u32 sizeof(DistinctSketch),
//              u64 rows, u64 x 4 dropped (hosts probes endpoints
//              conversations)
//   ports      kPortSlots PortEvidence, both protocols' ports in order
//   talk       kHostCells u32: conversations per host cell
//   ports of hosts  kHostPortCells DistinctSketch
//   hosts      u64 count; each: u64 probes, 6 DistinctSketch (peers,
//              peer_hosts, peer_ports, low_ports, own_ports,
//              own_low_ports), u32 address length, address bytes
//   endpoints  u64 count; each: u8 udp, u16 port, u64 conversations,
//              DistinctSketch peers, u32 address length, address bytes
//   trailer    u32 CRC-32 (zlib's) of every byte before it
// Every sketch is checked to be one learning could make, every host and
// endpoint to appear once: a damaged file is refused, naming the byte.
#pragma once

#include <string>
#include <string_view>

#include "io/source.h"
#include "learn/evidence.h"

namespace flowclean {

inline constexpr std::string_view kBinaryModelMagic = "flowclean-bmodel";
inline constexpr std::uint32_t kBinaryModelVersion = 1;

/// The binary model of `evidence`.
[[nodiscard]] std::string render_binary_model(const Evidence& evidence);

/// Whether `bytes` start as a binary model does (else: a text model).
[[nodiscard]] bool is_binary_model(std::string_view bytes);

/// Reads a binary model from `source`, which is at its first byte; throws
/// Error naming the source and the byte.
[[nodiscard]] Evidence read_binary_model(ByteSource& source);
/// The same for bytes in memory (tests, the fuzzer).
[[nodiscard]] Evidence parse_binary_model(std::string_view bytes,
                                          const std::string& name);

}  // namespace flowclean
