#include "scan/schema.h"

#include <algorithm>

#include <fmt/format.h>

#include "common/text.h"
#include "flowclean/error.h"
#include "formats/builtin.h"

namespace flowclean {

namespace {

std::size_t require_column(const std::vector<std::string>& names,
                           std::string_view name) {
  const auto index = find_column(names, name);
  if (!index) {
    throw Error(fmt::format("header has no column '{}'", name));
  }
  return *index;
}

// The columns the format reads to decide: a header may not name one twice,
// for which it means would be a guess. A column a flip only moves may be
// named twice, and the first is moved: CIC-IDS2017 names "Fwd Header
// Length" twice, the second a copy of the first.
std::vector<std::string> read_columns(const Format& format) {
  std::vector<std::string> read = {format.src_address,     format.dst_address,
                                   format.src_port,        format.dst_port,
                                   format.protocol_number, format.protocol_name,
                                   format.src_payload,     format.dst_payload};
  read.insert(read.end(), format.payload_estimate.begin(),
              format.payload_estimate.end());
  // A format without a protocol name (or payload) reads no column "".
  read.erase(std::remove(read.begin(), read.end(), std::string()), read.end());
  return read;
}

void reject_duplicates(const std::vector<std::string>& names,
                       const Format& format) {
  const std::vector<std::string> read = read_columns(format);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string_view name = trim_blanks(names[i]);
    if (std::none_of(read.begin(), read.end(), [name](const std::string& r) {
          return trim_blanks(r) == name;
        }))
      continue;
    for (std::size_t j = i + 1; j < names.size(); ++j) {
      if (trim_blanks(names[j]) == name) {
        throw Error(
            fmt::format("header names column '{}' twice (columns {} "
                        "and {})",
                        name, i + 1, j + 1));
      }
    }
  }
}

}  // namespace

Schema make_schema(std::vector<std::string> names, const Format* format) {
  const Format& chosen = choose_format(names, format);
  reject_duplicates(names, chosen);
  Schema schema;
  schema.names = std::move(names);
  schema.format = chosen.name;
  const auto& n = schema.names;
  if (!chosen.protocol_number.empty())
    schema.protocol = find_column(n, chosen.protocol_number);
  if (!chosen.protocol_name.empty())
    schema.protocol_code = find_column(n, chosen.protocol_name);
  schema.src_ip = require_column(n, chosen.src_address);
  schema.dst_ip = require_column(n, chosen.dst_address);
  schema.src_port = require_column(n, chosen.src_port);
  schema.dst_port = require_column(n, chosen.dst_port);
  if (!chosen.src_payload.empty()) {
    schema.payload = ColumnPair{require_column(n, chosen.src_payload),
                                require_column(n, chosen.dst_payload)};
  }
  // Only where the header has all four (Argus without SrcPkts: none, and
  // learning is refused as for a format without payload).
  const auto& estimate = chosen.payload_estimate;
  std::optional<std::size_t> at[4];
  bool all = estimate.size() == 4;
  for (std::size_t i = 0; all && i < 4; ++i) {
    at[i] = find_column(n, estimate[i]);
    all = at[i].has_value();
  }
  if (all) {
    schema.estimate_bytes = ColumnPair{*at[0], *at[2]};
    schema.estimate_packets = ColumnPair{*at[1], *at[3]};
    schema.estimate_from_totals = chosen.estimate_from_totals;
  }
  schema.flipped_order.resize(n.size());
  for (std::size_t i = 0; i < n.size(); ++i) schema.flipped_order[i] = i;
  std::vector<std::pair<std::string, std::string>> swaps = chosen.swaps;
  for (const FieldFlip& flip : chosen.flips) {
    const bool pair = flip.kind == FieldFlip::Kind::kSwap ||
                      flip.kind == FieldFlip::Kind::kComplement;
    if (flip.optional &&
        (!find_column(n, flip.column) || (pair && !find_column(n, flip.other))))
      continue;
    if (flip.kind == FieldFlip::Kind::kSwap) {
      swaps.emplace_back(flip.column, flip.other);
      continue;
    }
    ColumnFlip column{flip.kind, require_column(n, flip.column), 0, {}, {}};
    if (flip.kind == FieldFlip::Kind::kComplement)
      column.total = require_column(n, flip.other);
    column.value = flip.other;
    for (std::size_t i = 0; i + 1 < flip.values.size(); i += 2)
      column.exchanges.emplace_back(flip.values[i], flip.values[i + 1]);
    schema.flips.push_back(column);
  }
  for (const auto& [a, b] : swaps) {
    const ColumnPair pair{require_column(n, a), require_column(n, b)};
    schema.swaps.push_back(pair);
    std::swap(schema.flipped_order[pair.src], schema.flipped_order[pair.dst]);
  }
  schema.unchecked_ports = chosen.unchecked_ports;
  if (!chosen.handshake_column.empty()) {
    schema.handshake = find_column(n, chosen.handshake_column);
    schema.handshake_kind = chosen.handshake;
  }
  schema.dialect = chosen.dialects.front();  // parse_header picks one
  schema.padded = chosen.padded;
  schema.comment = chosen.comment;
  schema.header_line = chosen.header_line;
  schema.trailer = chosen.trailer;
  schema.headerless = !chosen.columns.empty();
  schema.unidirectional = chosen.unidirectional;
  return schema;
}

}  // namespace flowclean
