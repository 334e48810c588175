// How a format's lines split into fields. Its own header: the scanner
// needs this much of a format and nothing else.
#pragma once

namespace flowclean {

/// CSV (',' with RFC 4180 quotes), or a TAB- or '|'-separated text where
/// '"' is a byte like any other (Zeek, Argus with -c, rwcut).
struct Dialect {
  char separator = ',';
  bool quoting = true;
};

}  // namespace flowclean
