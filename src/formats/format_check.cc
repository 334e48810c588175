#include "formats/format_check.h"

#include <algorithm>

#include <fmt/format.h>

#include "flowclean/error.h"

namespace flowclean {

namespace {

bool swapped(const Format& format, const std::string& a, const std::string& b) {
  return std::any_of(format.swaps.begin(), format.swaps.end(),
                     [&](const auto& pair) {
                       return (pair.first == a && pair.second == b) ||
                              (pair.first == b && pair.second == a);
                     });
}

}  // namespace

/// What a description must say for a flip to be whole.
void check_complete(const Format& format, const std::string& file) {
  const auto need = [&](bool ok, const std::string& what) {
    if (!ok)
      throw Error(file, 0, fmt::format("the format {}", what));
  };
  need(!format.name.empty(), "has no name (format NAME)");
  for (const auto& [verb, field] : column_directives()) {
    const bool optional = verb.find("protocol") == 0 ||
                          verb.find("payload") != std::string_view::npos;
    need(optional || !(format.*field).empty(),
         fmt::format("names no {} column", verb));
  }
  need(!format.protocol_number.empty() || !format.protocol_name.empty(),
       "names no protocol-number or protocol-name column");
  need(format.header_line.empty() ||
           (!format.comment.empty() &&
            format.header_line.rfind(format.comment, 0) == 0),
       "has a header-line that is not a comment line");
  need(format.header_line.empty() || format.columns.empty(),
       "has both a header-line and columns");
  need(format.src_payload.empty() == format.dst_payload.empty(),
       "names one payload column without the other");
  need(swapped(format, format.src_address, format.dst_address),
       "does not swap the address columns");
  need(swapped(format, format.src_port, format.dst_port),
       "does not swap the port columns");
  need(format.src_payload.empty() ||
           swapped(format, format.src_payload, format.dst_payload),
       "does not swap the payload columns");
  need(format.src_payload.empty() || format.payload_estimate.empty(),
       "has payload columns and a payload-estimate");
  std::vector<std::string> swapped_columns;
  for (const auto& [a, b] : format.swaps) {
    for (const std::string& column : {a, b}) {
      need(std::find(swapped_columns.begin(), swapped_columns.end(), column) ==
               swapped_columns.end(),
           fmt::format("swaps column '{}' twice", column));
      swapped_columns.push_back(column);
    }
    need(a != b, fmt::format("swaps column '{}' with itself", a));
  }
  for (const FieldFlip& flip : format.flips) {
    const bool swap = flip.kind == FieldFlip::Kind::kSwap;
    for (const std::string* column :
         {&flip.column, swap ? &flip.other : nullptr}) {
      if (column == nullptr)
        continue;
      need(std::find(swapped_columns.begin(), swapped_columns.end(), *column) ==
               swapped_columns.end(),
           fmt::format("flips column '{}' twice", *column));
      swapped_columns.push_back(*column);
    }
  }
}

std::vector<std::string> Format::required() const {
  std::vector<std::string> needed = {src_address, dst_address, src_port,
                                     dst_port};
  const auto add = [&needed](const std::string& column) {
    if (std::find(needed.begin(), needed.end(), column) == needed.end())
      needed.push_back(column);
  };
  for (const auto& [a, b] : swaps) {
    add(a);
    add(b);
  }
  for (const FieldFlip& flip : flips) {
    if (flip.optional)
      continue;
    add(flip.column);
    if (flip.kind == FieldFlip::Kind::kComplement)
      add(flip.other);
  }
  return needed;
}

std::vector<std::string> Format::named() const {
  std::vector<std::string> names = required();
  const auto add = [&names](const std::string& column) {
    if (!column.empty() &&
        std::find(names.begin(), names.end(), column) == names.end())
      names.push_back(column);
  };
  add(protocol_number);
  add(protocol_name);
  add(handshake_column);
  for (const std::string& column : payload_estimate) add(column);
  for (const FieldFlip& flip : flips) {
    add(flip.column);
    if (flip.kind == FieldFlip::Kind::kSwap ||
        flip.kind == FieldFlip::Kind::kComplement)
      add(flip.other);
  }
  return names;
}

}  // namespace flowclean
