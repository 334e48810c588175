// A flow format: which columns play which role (addresses, ports,
// protocol, payload bytes) and which pairs of columns a flip exchanges.
// Formats are written in a small text language (doc/formats.md); the
// built-in ones are too, so `flowclean formats show vast` prints a
// description to copy and edit, and --format-file reads one.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "formats/dialect.h"
#include "rules/handshake.h"

namespace flowclean {

/// What a flip does to a column beyond swapping it with its twin.
struct FieldFlip {
  enum class Kind {
    kSwap,        ///< exchange with `other` (an optional swap)
    kComplement,  ///< a side's share of the total in `other`: total - share
    kArrows,      ///< "->" <-> "<-": the arrow turned round, padding kept
    kHalves,      ///< "A_B" <-> "B_A" around the separator in `other`
    kSwapCase,    ///< every letter's case swapped (Zeek's history)
    kExchange,    ///< each value of `values` <-> its pair's other
    kFlowId,      ///< "A-B-a-b-p" <-> "B-A-b-a-p" (CICFlowMeter's Flow ID)
  };
  Kind kind;
  std::string column;
  std::string other;
  std::string value;
  /// kExchange: pairs of values, one after the other (RSTO RSTR S2 S3).
  std::vector<std::string> values;
  /// Applies only when the header has the columns (argus's SrcPkts).
  bool optional = false;
};

struct Format {
  std::string name;
  std::string about;   ///< one line, for `flowclean formats`
  std::string text;    ///< the description as written
  std::string origin;  ///< "built in", or the file it was read from
  std::string src_address;
  std::string dst_address;
  std::string src_port;
  std::string dst_port;
  /// At least one of the two: the number is read when both are there.
  std::string protocol_number;
  std::string protocol_name;
  /// Payload bytes each side sent, when the format has them: the evidence
  /// learn uses to tell conversations from probes. Both or neither.
  std::string src_payload;
  std::string dst_payload;
  /// Formats that count bytes with their headers: each side's bytes and
  /// packets (source bytes, source packets, destination bytes, destination
  /// packets), from which learn estimates the payload. Empty, or four.
  std::vector<std::string> payload_estimate;
  /// The estimate's destination columns are totals of both sides, the
  /// destination's share the rest (Argus's TotBytes, TotPkts).
  bool estimate_from_totals = false;
  /// The pairs of columns a flip exchanges: the addresses and ports, the
  /// payload pair, and every other column that names a side.
  std::vector<std::pair<std::string, std::string>> swaps;
  /// The other side-named columns and what a flip does to each.
  std::vector<FieldFlip> flips;
  /// The column that records a TCP connection's flags, and how
  /// (handshake.h): where the header has it, it decides before any port
  /// rule. Empty: none.
  std::string handshake_column;
  HandshakeKind handshake = HandshakeKind::kNone;
  /// Ports of protocols other than TCP and UDP are not read (Argus writes
  /// ICMP type and code there in hex, ARP rows leave them empty).
  bool unchecked_ports = false;

  /// How lines split into fields (separator, quoting): one, or several
  /// the header tells apart (Argus writes CSV or TSV with the same names).
  std::vector<Dialect> dialects = {Dialect{}};
  /// Values may be padded with spaces (rwcut's aligned columns): addresses
  /// and ports are read without them, and fields keep them as they move.
  bool padded = false;
  /// Lines that start with this are not rows: kept byte for byte wherever
  /// they are (Zeek's '#' lines, a second header block in joined logs).
  std::string comment;
  /// The header is the input's leading comment lines, and the column names
  /// follow this word on one of them (Zeek's "#fields").
  std::string header_line;
  /// This line and every line after it are kept byte for byte, not rows
  /// (nfdump's "Summary" block).
  std::string trailer;
  /// The input has no header line: these are its columns (UNSW-NB15's raw
  /// files). Such a format is only used when asked for by name.
  std::vector<std::string> columns;
  /// Each row is one direction of a flow, its counts what its source sent
  /// (SiLK): a flip would give the server's bytes to the client, so rows
  /// the rules would flip are marked `reply` instead, bytes unchanged.
  bool unidirectional = false;

  /// The columns a header must have for this format, in the order the
  /// description names them (either protocol column counts as one).
  [[nodiscard]] std::vector<std::string> required() const;
  /// Every column the description names, required or optional: the
  /// columns of a JSON line, whose members are found by key.
  [[nodiscard]] std::vector<std::string> named() const;
};

/// Parses a description; throws Error naming `file` and the line.
[[nodiscard]] Format parse_format(std::string_view text,
                                  const std::string& file);

/// Reads and parses the description in the file at `path`.
[[nodiscard]] Format read_format_file(const std::string& path);

}  // namespace flowclean
