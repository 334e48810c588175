// What every reader of flowclean's own files promises, for the fuzz
// targets of the model and the summary: bytes are either refused with
// flowclean::Error or read into a value that writes back canonically, and
// that adds to itself (learn --merge, combine) or refuses a count that would
// pass 2^64 - 1.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>

#include "flowclean/error.h"

namespace flowclean::fuzz {

inline void require(bool condition) {
  if (!condition)
    std::abort();
}

/// `parse(text)`, or nothing when it is refused with Error.
template <class Parse>
auto read_or_refused(Parse parse, const std::string& text)
    -> std::optional<decltype(parse(text))> {
  try {
    return parse(text);
  } catch (const Error&) {
    return std::nullopt;
  }
}

/// The promises above for one input; returns what was read, if anything.
/// `merge(into, from)` adds one value to another.
template <class Parse, class Render, class Merge>
auto check_reader(const std::string& text, Parse parse, Render render,
                  Merge merge) -> std::optional<decltype(parse(text))> {
  auto value = read_or_refused(parse, text);
  if (!value)
    return value;
  const std::string written = render(*value);
  require(render(parse(written)) == written);
  auto twice = *value;
  try {
    merge(twice, *value);
  } catch (const Error&) {
    // a count past 2^64 - 1: refused, as it should be
  }
  return value;
}

}  // namespace flowclean::fuzz
