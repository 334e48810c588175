// Which columns flowclean reads and swaps, found by header name.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "formats/format.h"

namespace flowclean {

/// A source column and its destination twin; a flip exchanges them.
struct ColumnPair {
  std::size_t src;
  std::size_t dst;
};

/// A column a flip rewrites rather than moves (FieldFlip, by index).
struct ColumnFlip {
  FieldFlip::Kind kind;
  std::size_t column = 0;
  std::size_t total = 0;  ///< kComplement: the total's column
  std::string value;      ///< kHalves: the separator
  /// kExchange: the values a flip exchanges, pair by pair.
  std::vector<std::pair<std::string, std::string>> exchanges;
};

/// Where a header's columns are: the roles flowclean reads and the pairs
/// a flip exchanges, as a Format names them (formats/format.h).
struct Schema {
  std::vector<std::string> names;
  std::string format;  ///< the format's name
  /// The protocol number is preferred; the name is used when it is the
  /// only protocol column.
  std::optional<std::size_t> protocol;
  std::optional<std::size_t> protocol_code;
  std::size_t src_ip = 0;
  std::size_t dst_ip = 0;
  std::size_t src_port = 0;
  std::size_t dst_port = 0;
  /// The payload bytes each side sent, when the format has them.
  std::optional<ColumnPair> payload;
  /// Or each side's bytes and packets, headers counted (Format).
  std::optional<ColumnPair> estimate_bytes;
  std::optional<ColumnPair> estimate_packets;
  /// The estimate's destination columns are both sides' totals (Format).
  bool estimate_from_totals = false;

  /// Whether learning has evidence of the payload each side sent.
  [[nodiscard]] bool has_payload() const {
    return payload.has_value() || estimate_bytes.has_value();
  }
  std::vector<ColumnPair> swaps;
  /// Columns a flip rewrites in place, beside the swaps.
  std::vector<ColumnFlip> flips;
  /// Ports of protocols other than TCP and UDP are not read.
  bool unchecked_ports = false;
  /// The column recording who sent the first SYN, and how (Format).
  std::optional<std::size_t> handshake;
  HandshakeKind handshake_kind = HandshakeKind::kNone;
  /// Output column i of a flipped row is input column flipped_order[i].
  std::vector<std::size_t> flipped_order;
  /// How lines split into fields, and which lines are not rows (Format).
  Dialect dialect;
  bool padded = false;
  std::string comment;
  std::string header_line;
  std::string trailer;
  /// The input has no header line: the names are the format's.
  bool headerless = false;
  /// Rows are one direction each: marked, never flipped (Format).
  bool unidirectional = false;

  [[nodiscard]] std::size_t columns() const { return names.size(); }
};

/// Builds the schema from header field values (quotes already removed) in
/// `format`, or in the first built-in format they fit when it is null.
/// Throws Error (without file and line: the caller adds them) naming the
/// duplicated column, or what the header lacks.
[[nodiscard]] Schema make_schema(std::vector<std::string> names,
                                 const Format* format = nullptr);

}  // namespace flowclean
