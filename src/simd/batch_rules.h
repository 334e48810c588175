// The static rules (no model) decided for sixteen plain rows at once:
// fields loaded, ports and protocols parsed and rules tested in vector
// lanes. Written once in simd/generic/batch_rules.h, compiled per
// instruction set (simd/kernels.h). One row at a time, the checks, decision and
// counts took 0.039 s of a 0.063 s clean of 300 MB in memory; in AVX-512
// batches the whole clean takes 0.041 s (doc/performance.md). Rows are
// alike, so sixteen lanes share each instruction.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "rules/ports.h"
#include "rules/protocol.h"
#include "rules/rules.h"
#include "scan/record.h"
#include "scan/schema.h"

namespace flowclean {

/// The columns the static rules read. Each must have a separator on both
/// sides (neither the first nor the last column), as in the VAST layout.
struct BatchColumns {
  std::uint32_t protocol = 0;  ///< the protocol column
  std::uint32_t src_port = 0;
  std::uint32_t dst_port = 0;
  std::uint32_t dst_address = 0;
  /// The protocol is a name (Zeek, Argus, nfdump): TCP and UDP in any
  /// case are decided here, other names left to the row-at-a-time way.
  bool protocol_name = false;
  /// Ports of protocols other than TCP and UDP are not read (Schema).
  bool unchecked_ports = false;
  /// Values padded with blanks (rwcut): read without them.
  bool padded = false;
};

/// The columns of `schema` the batch rules read, when every one lies between
/// separators; otherwise none.
[[nodiscard]] std::optional<BatchColumns> batch_columns_of(
    const Schema& schema);

/// What decide_batch found, lane r for row r.
struct BatchDecision {
  std::array<RuleId, PlainBatch::kRows> rule{};
  std::array<ProtocolId, PlainBatch::kRows> protocol{};
  std::array<Port, PlainBatch::kRows> src_port{};
  std::array<Port, PlainBatch::kRows> dst_port{};
  /// Bit r: row r's rule is not kDefault, or is left to the row-at-a-time
  /// decide() (bit r of `undecided`, with rule unspecified).
  std::uint32_t exceptions = 0;
  /// Rows kDefault decides: those not in `exceptions`.
  unsigned defaults = 0;
  /// Rows left to decide(): destinations that need the full
  /// is_group_address (255.255.255.255 and IPv6 ff..), and protocol names
  /// other than TCP and UDP. Rare, so not vectorised.
  std::uint32_t undecided = 0;
};

/// Decides the batch's rows as decide(key, ports) would; false when a row's
/// protocol or a port does not parse (then every row must take the
/// row-at-a-time way, which finds the problem). The columns must be valid
/// for the batch's rows (BatchColumns). Runs the active kernels; only when
/// batch_rules_supported().
[[nodiscard]] bool decide_batch(const PlainBatch& batch,
                                const BatchColumns& columns,
                                const PortPolicy& ports, BatchDecision& out);

/// Whether the active kernels decide in batches (simd/kernels.h).
[[nodiscard]] bool batch_rules_supported();

}  // namespace flowclean
