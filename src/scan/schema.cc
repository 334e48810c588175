#include "scan/schema.h"

#include <algorithm>

#include <fmt/format.h>

#include "flowclean/error.h"

namespace flowclean {

namespace {

std::optional<std::size_t> find_column(const std::vector<std::string>& names,
                                       std::string_view name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end())
    return std::nullopt;
  return static_cast<std::size_t>(it - names.begin());
}

std::size_t require_column(const std::vector<std::string>& names,
                           std::string_view name) {
  const auto index = find_column(names, name);
  if (!index) {
    throw Error(fmt::format("header has no column '{}'", name));
  }
  return *index;
}

void reject_duplicates(const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    for (std::size_t j = i + 1; j < names.size(); ++j) {
      if (names[i] == names[j]) {
        throw Error(
            fmt::format("header names column '{}' twice (columns {} "
                        "and {})",
                        names[i], i + 1, j + 1));
      }
    }
  }
}

}  // namespace

Schema make_schema(std::vector<std::string> names) {
  reject_duplicates(names);
  Schema schema;
  schema.names = std::move(names);
  const auto& n = schema.names;
  schema.protocol = find_column(n, column::kProtocol);
  schema.protocol_code = find_column(n, column::kProtocolCode);
  if (!schema.protocol && !schema.protocol_code) {
    throw Error(fmt::format("header has no column '{}' or '{}'",
                            column::kProtocol, column::kProtocolCode));
  }
  for (std::size_t i = 0; i < kSwapPairs.size(); ++i) {
    schema.pairs[i] = {require_column(n, kSwapPairs[i][0]),
                       require_column(n, kSwapPairs[i][1])};
  }
  schema.src_port = require_column(n, column::kSrcPort);
  schema.dst_port = require_column(n, column::kDstPort);
  schema.dst_ip = require_column(n, column::kDstIp);
  schema.flipped_order.resize(n.size());
  for (std::size_t i = 0; i < n.size(); ++i) schema.flipped_order[i] = i;
  for (const ColumnPair& pair : schema.pairs) {
    std::swap(schema.flipped_order[pair.src], schema.flipped_order[pair.dst]);
  }
  return schema;
}

}  // namespace flowclean
