// How a format's lines split into fields. Its own header: the scanner
// needs this much of a format and nothing else.
#pragma once

namespace flowclean {

/// CSV (',' with RFC 4180 quotes), or a TAB- or '|'-separated text where
/// '"' is a byte like any other (Zeek, Argus with -c, rwcut), or JSON
/// lines: one object a line, its members found by key (scan/json_row.h).
struct Dialect {
  char separator = ',';
  bool quoting = true;
  /// JSON lines (Zeek's LogAscii::use_json): no header, no separator; a
  /// JSON string cannot hold a raw newline, so lines are records.
  bool json = false;
};

}  // namespace flowclean
