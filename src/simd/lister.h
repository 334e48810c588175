// The first stage of scanning: each 64-byte window of a block becomes the
// positions of its commas and newlines, and a bitmap of the bytes that need
// care. The record scanner then reads positions, never bytes. Written once
// in simd/generic/lister.h, compiled per instruction set (simd/kernels.h).
#pragma once

#include <cstddef>
#include <cstdint>

namespace flowclean {

/// Entries list_windows may write past the counts it returns: positions are
/// stored in whole groups without testing each bit, which keeps the loop
/// free of branches that depend on the data.
inline constexpr std::size_t kFlattenSlack = 64;

/// Where list_windows writes: each list needs room for 64 * windows +
/// kFlattenSlack entries, care one bitmap per window.
struct WindowLists {
  std::uint32_t* commas;
  std::uint32_t* newlines;
  std::uint64_t* care;
};

struct ListCounts {
  std::size_t commas = 0;
  std::size_t newlines = 0;
  /// Every window's care bits ORed: 0 when no byte needs care, and nobody
  /// need look at the bitmaps (a loop over them was 4% of a clean).
  std::uint64_t care = 0;
};

/// The positions (first + offset) of the separators (`separator`: ',' in
/// CSV, TAB or '|' in other formats; the lists call them commas) and
/// newlines of `windows` 64-byte windows from `data` (all of whose bytes
/// must be readable), and their care bitmaps: quotes, bytes >= 0x80 and
/// control bytes other than '\n' and the separator (TAB and the CR of CR LF
/// are sorted out by RecordScanner). Bits of window 0 outside `keep_first`
/// and of the last window outside `keep_last` are dropped. Runs the active
/// kernels (simd/kernels.h).
ListCounts list_windows(const char* data, std::size_t windows,
                        std::uint32_t first, std::uint64_t keep_first,
                        std::uint64_t keep_last, char separator,
                        WindowLists out);

}  // namespace flowclean
