#include "pipeline/field_flips.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace flowclean {

namespace {

constexpr std::size_t kMaxDigits = 20;  // of a 64-bit count

char* copy_out(std::string_view text, char* out) {
  std::memcpy(out, text.data(), text.size());
  return out + text.size();
}

// Not decimal.h's parse_count, which stops at 19 digits (the model's and
// the payloads' bound): a total here may be any 64-bit count.
std::optional<std::uint64_t> count_of(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty())
    return std::nullopt;
  return value;
}

/// The other side's share: total - share.
char* complement(std::string_view share, std::string_view total, char* out) {
  const auto part = count_of(share);
  const auto whole = count_of(total);
  if (!part || !whole || *part > *whole)
    return copy_out(share, out);
  return std::to_chars(out, out + kMaxDigits, *whole - *part).ptr;
}

/// "   ->" -> "   <-", "<?>" stays: the arrow's characters in reverse
/// order with '<' and '>' exchanged, leading padding kept. Text that is
/// not an arrow ("who") is kept.
char* arrows(std::string_view field, char* out) {
  const std::size_t start =
      std::min(field.find_first_not_of(' '), field.size());
  const std::string_view arrow = field.substr(start);
  if (arrow.find_first_not_of("<>-?") != std::string_view::npos)
    return copy_out(field, out);
  out = copy_out(field.substr(0, start), out);
  for (auto it = arrow.rbegin(); it != arrow.rend(); ++it)
    *out++ = *it == '<' ? '>' : *it == '>' ? '<' : *it;
  return out;
}

/// "SRPA_SPA" -> "SPA_SRPA" around the one separator; else kept.
char* halves(std::string_view field, char separator, char* out) {
  const std::size_t at = field.find(separator);
  if (at == std::string_view::npos ||
      field.find(separator, at + 1) != std::string_view::npos)
    return copy_out(field, out);
  out = copy_out(field.substr(at + 1), out);
  *out++ = separator;
  return copy_out(field.substr(0, at), out);
}

char* swap_case(std::string_view field, char* out) {
  for (const char c : field) {
    if (c >= 'a' && c <= 'z')
      *out++ = static_cast<char>(c - 'a' + 'A');
    else if (c >= 'A' && c <= 'Z')
      *out++ = static_cast<char>(c - 'A' + 'a');
    else
      *out++ = c;
  }
  return out;
}

/// "A-B-a-b-p" -> "B-A-b-a-p": source and destination address and port
/// exchanged in a five-part flow key; anything else is kept.
char* flow_id(std::string_view field, char* out) {
  std::string_view parts[5];
  std::size_t count = 0;
  for (std::size_t start = 0; count < 5; ++count) {
    const std::size_t dash = field.find('-', start);
    parts[count] = field.substr(start, dash - start);
    if (dash == std::string_view::npos) {
      ++count;
      break;
    }
    start = dash + 1;
  }
  if (count != 5 ||
      parts[4].data() + parts[4].size() != field.data() + field.size())
    return copy_out(field, out);
  for (const std::size_t i : {std::size_t{1}, std::size_t{0}, std::size_t{3},
                              std::size_t{2}, std::size_t{4}}) {
    out = copy_out(parts[i], out);
    if (i != 4)
      *out++ = '-';
  }
  return out;
}

}  // namespace

std::size_t max_flip_growth(const Schema& schema) {
  std::size_t growth = 0;
  for (const ColumnFlip& flip : schema.flips) {
    std::size_t longest = flip.value.size();
    for (const auto& [a, b] : flip.exchanges)
      longest = std::max({longest, a.size(), b.size()});
    growth += flip.kind == FieldFlip::Kind::kComplement ? kMaxDigits : longest;
  }
  return growth;
}

char* write_flipped_field(const ColumnFlip& flip, std::string_view field,
                          std::string_view total, char* out) {
  switch (flip.kind) {
    case FieldFlip::Kind::kComplement:
      return complement(field, total, out);
    case FieldFlip::Kind::kArrows:
      return arrows(field, out);
    case FieldFlip::Kind::kHalves:
      return halves(field, flip.value.front(), out);
    case FieldFlip::Kind::kSwapCase:
      return swap_case(field, out);
    case FieldFlip::Kind::kExchange:
      for (const auto& [a, b] : flip.exchanges) {
        if (field == a)
          return copy_out(b, out);
        if (field == b)
          return copy_out(a, out);
      }
      return copy_out(field, out);
    case FieldFlip::Kind::kFlowId:
      return flow_id(field, out);
    case FieldFlip::Kind::kSwap:
      break;  // made a swap by the schema
  }
  return copy_out(field, out);
}

}  // namespace flowclean
