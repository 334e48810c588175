// Small text helpers shared by the stages.
#pragma once

#include <string_view>

namespace flowclean {

/// `text` without the spaces, tabs and CRs around it.
[[nodiscard]] inline std::string_view trim_blanks(std::string_view text) {
  constexpr std::string_view kBlanks = " \t\r";
  const auto first = text.find_first_not_of(kBlanks);
  if (first == std::string_view::npos)
    return {};
  const auto last = text.find_last_not_of(kBlanks);
  return text.substr(first, last - first + 1);
}

}  // namespace flowclean
