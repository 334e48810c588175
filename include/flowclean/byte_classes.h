// The first stage of scanning: each 64-byte window of a block becomes three
// bitmaps (commas, newlines, bytes that need care), one bit per byte. The
// record scanner then walks bits, never bytes.
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

}  // namespace flowclean
