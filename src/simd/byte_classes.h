// The first stages of scanning: each 64-byte window of a block becomes three
// bitmaps (commas, newlines, bytes that need care), one bit per byte, and
// the bitmaps become lists of positions. The record scanner then reads
// positions, never bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace flowclean {

/// The bitmaps of `windows` consecutive 64-byte windows from `data` (all of
/// whose bytes must be readable). care marks quotes, bytes >= 0x80 and
/// control bytes other than '\n', before TAB and the CR of CR LF are sorted
/// out (see RecordScanner).
struct WindowBits {
  std::uint64_t* commas;
  std::uint64_t* newlines;
  std::uint64_t* care;
};

/// Classifies with the widest vectors the CPU has (AVX-512BW, AVX2, else
/// SSE2), chosen once at run time: the build targets baseline x86-64.
void classify_windows(const char* data, std::size_t windows, WindowBits out);

/// One way to classify, for tests and benchmarks to compare.
struct Classifier {
  const char* name;  ///< "avx512bw", "avx2", "sse2" or "scalar"
  void (*classify)(const char* data, std::size_t windows, WindowBits out);
};

/// Those this CPU can run, widest (the one classify_windows uses) first.
[[nodiscard]] const std::vector<Classifier>& supported_classifiers();

/// Entries flatten_bits may write past the count it returns.
inline constexpr std::size_t kFlattenSlack = 64;

/// Turns bitmaps into positions: for each set bit i of bits[w], in order,
/// writes first + 64 * w + i to `out`, and returns how many it wrote. `out`
/// must have room for that many plus kFlattenSlack: the loop stores whole
/// groups of positions without testing each bit, which keeps it free of
/// branches that depend on the data.
std::size_t flatten_bits(const std::uint64_t* bits, std::size_t windows,
                         std::uint32_t first, std::uint32_t* out);

/// One way to flatten, for tests and benchmarks to compare.
struct Flattener {
  const char* name;  ///< "avx512vbmi2" or "scalar"
  std::size_t (*flatten)(const std::uint64_t* bits, std::size_t windows,
                         std::uint32_t first, std::uint32_t* out);
};

/// Those this CPU can run, the one flatten_bits uses first.
[[nodiscard]] const std::vector<Flattener>& supported_flatteners();

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

/// classify_windows, then flatten_bits of the commas and newlines: their
/// positions (first + offset) and the care bitmaps of `windows` windows.
/// Bits of window 0 outside `keep_first` and of the last window outside
/// `keep_last` are dropped. In one pass where the CPU has AVX-512 VBMI2, so
/// the bitmaps never go through memory (a 300 MB clean in memory: 0.082 s
/// in two steps, 0.076 s in one), else in the two steps.
ListCounts list_windows(const char* data, std::size_t windows,
                        std::uint32_t first, std::uint64_t keep_first,
                        std::uint64_t keep_last, WindowLists out);

/// One way to list, for tests and benchmarks to compare.
struct Lister {
  const char* name;  ///< "avx512vbmi2" or "two steps"
  ListCounts (*list)(const char* data, std::size_t windows, std::uint32_t first,
                     std::uint64_t keep_first, std::uint64_t keep_last,
                     WindowLists out);
};

/// Those this CPU can run, the one list_windows uses first.
[[nodiscard]] const std::vector<Lister>& supported_listers();

}  // namespace flowclean
