// Which columns flowclean reads and swaps, found by header name.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowclean {

/// A source column and its destination twin; a flip exchanges them.
struct ColumnPair {
  std::size_t src;
  std::size_t dst;
};

/// The header names of the VAST 2013 MC3 layout that flowclean needs.
namespace column {
inline constexpr std::string_view kProtocol = "ipLayerProtocol";
inline constexpr std::string_view kProtocolCode = "ipLayerProtocolCode";
inline constexpr std::string_view kSrcIp = "firstSeenSrcIp";
inline constexpr std::string_view kDstIp = "firstSeenDestIp";
inline constexpr std::string_view kSrcPort = "firstSeenSrcPort";
inline constexpr std::string_view kDstPort = "firstSeenDestPort";
}  // namespace column

/// The five src/dst pairs a flip swaps, by header name.
inline constexpr std::array<std::array<std::string_view, 2>, 5> kSwapPairs = {{
    {"firstSeenSrcIp", "firstSeenDestIp"},
    {"firstSeenSrcPort", "firstSeenDestPort"},
    {"firstSeenSrcPayloadBytes", "firstSeenDestPayloadBytes"},
    {"firstSeenSrcTotalBytes", "firstSeenDestTotalBytes"},
    {"firstSeenSrcPacketCount", "firstSeenDestPacketCount"},
}};

struct Schema {
  std::vector<std::string> names;
  /// ipLayerProtocol (numeric) is preferred; ipLayerProtocolCode is used when
  /// it is the only protocol column.
  std::optional<std::size_t> protocol;
  std::optional<std::size_t> protocol_code;
  std::size_t src_port = 0;
  std::size_t dst_port = 0;
  std::size_t dst_ip = 0;
  std::array<ColumnPair, kSwapPairs.size()> pairs{};
  /// Output column i of a flipped row is input column flipped_order[i].
  std::vector<std::size_t> flipped_order;

  [[nodiscard]] std::size_t columns() const { return names.size(); }
};

/// Builds the schema from header field values (quotes already removed).
/// Throws Error (without file and line: the caller adds them) naming the
/// first missing or duplicated column.
[[nodiscard]] Schema make_schema(std::vector<std::string> names);

}  // namespace flowclean
