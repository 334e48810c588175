// The first stage of reading a JSON line: the places of the ','
// outside its strings, and counts that tell whether the line is in the
// form Zeek writes, found 64 bytes at a time. The reader
// (JsonRow::scan_marked) then goes from member to member instead of byte
// by byte. Written once in simd/generic/json_marks.h, compiled per
// instruction set (simd/kernels.h).
#pragma once

#include <cstddef>
#include <cstdint>

namespace flowclean {

/// Lines longer than this many windows (4 KiB) are read byte by byte.
inline constexpr std::size_t kMaxJsonWindows = 64;

/// What mark_json found, up to the first '\n'.
struct JsonLineMarks {
  static constexpr std::uint32_t kNoNewline = UINT32_MAX;
  std::uint32_t newline = kNoNewline;  ///< the first '\n''s offset
  std::uint32_t quotes = 0;            ///< '"' before it
  /// '\\' and control bytes, and outside strings '{', '}', '[', ']' and
  /// ' ' (and '_', 'Y', 'y', DEL, which come there only in lines scan()
  /// would not take): 2 in a flat object without blanks or escapes.
  std::uint32_t stray = 0;
  std::size_t marks = 0;     ///< ',' outside strings, listed
  bool open_string = false;  ///< a string still open at the '\n'
};

/// Entries to allow in the list: one per byte, and store_positions' slack.
inline constexpr std::size_t kJsonMarksRoom = 64 * kMaxJsonWindows + 64;

/// Marks the line at `data` (64 * `windows` bytes readable) up to its
/// first '\n', or through the windows when none comes in them; the marks'
/// offsets go to `marks` (kJsonMarksRoom entries). Runs the active kernels
/// (simd/kernels.h).
JsonLineMarks mark_json(const char* data, std::size_t windows,
                        std::uint32_t* marks);

}  // namespace flowclean
