// One classifier per instruction set, chosen once by what the CPU reports.
// Measured on the CI kind of machine (AMD EPYC, AVX-512BW), a 300 MB
// scan: see doc/performance.md. Each function only uses intrinsics, so no
// inline code of ours is compiled for a wider instruction set than the
// CPU may have.
#include "simd/byte_classes.h"

#include <algorithm>
#include <array>

#include "scan/record.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FLOWCLEAN_X86 1
#endif

namespace flowclean {

namespace {

// Compared as signed bytes in the vector code, so bytes >= 0x80 fall below
// it too and are marked with the control bytes.
constexpr char kFirstText = static_cast<char>(kFirstTextByte);

void classify_scalar(const char* data, std::size_t windows, WindowBits out) {
  for (std::size_t w = 0; w < windows; ++w) {
    std::uint64_t commas = 0;
    std::uint64_t newlines = 0;
    std::uint64_t care = 0;
    for (unsigned i = 0; i < 64; ++i) {
      const auto byte = static_cast<unsigned char>(data[64 * w + i]);
      const std::uint64_t bit = std::uint64_t{1} << i;
      commas |= byte == ',' ? bit : 0;
      newlines |= byte == '\n' ? bit : 0;
      const bool control = byte < kFirstTextByte;
      care |=
          (control && byte != '\n') || byte >= 0x80 || byte == '"' ? bit : 0;
    }
    out.commas[w] = commas;
    out.newlines[w] = newlines;
    out.care[w] = care;
  }
}

#if FLOWCLEAN_X86

std::uint64_t mask16(__m128i m, std::size_t shift) {
  return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(m)))
         << shift;
}

void classify_sse2(const char* data, std::size_t windows, WindowBits out) {
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i first_text = _mm_set1_epi8(kFirstText);
  for (std::size_t w = 0; w < windows; ++w) {
    std::uint64_t commas = 0;
    std::uint64_t newlines = 0;
    std::uint64_t care = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      const __m128i chunk = _mm_loadu_si128(
          reinterpret_cast<const __m128i*>(data + 64 * w + 16 * i));
      const __m128i is_newline = _mm_cmpeq_epi8(chunk, newline);
      commas |= mask16(_mm_cmpeq_epi8(chunk, comma), 16 * i);
      newlines |= mask16(is_newline, 16 * i);
      care |= mask16(
          _mm_or_si128(
              _mm_andnot_si128(is_newline, _mm_cmplt_epi8(chunk, first_text)),
              _mm_cmpeq_epi8(chunk, quote)),
          16 * i);
    }
    out.commas[w] = commas;
    out.newlines[w] = newlines;
    out.care[w] = care;
  }
}

__attribute__((target("avx2"))) std::uint64_t mask32(__m256i m,
                                                     std::size_t shift) {
  return static_cast<std::uint64_t>(
             static_cast<unsigned>(_mm256_movemask_epi8(m)))
         << shift;
}

__attribute__((target("avx2"))) void classify_avx2(const char* data,
                                                   std::size_t windows,
                                                   WindowBits out) {
  const __m256i comma = _mm256_set1_epi8(',');
  const __m256i newline = _mm256_set1_epi8('\n');
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i first_text = _mm256_set1_epi8(kFirstText);
  for (std::size_t w = 0; w < windows; ++w) {
    std::uint64_t commas = 0;
    std::uint64_t newlines = 0;
    std::uint64_t care = 0;
    for (std::size_t i = 0; i < 2; ++i) {
      const __m256i chunk = _mm256_loadu_si256(
          reinterpret_cast<const __m256i*>(data + 64 * w + 32 * i));
      const __m256i is_newline = _mm256_cmpeq_epi8(chunk, newline);
      commas |= mask32(_mm256_cmpeq_epi8(chunk, comma), 32 * i);
      newlines |= mask32(is_newline, 32 * i);
      care |= mask32(
          _mm256_or_si256(_mm256_andnot_si256(
                              is_newline, _mm256_cmpgt_epi8(first_text, chunk)),
                          _mm256_cmpeq_epi8(chunk, quote)),
          32 * i);
    }
    out.commas[w] = commas;
    out.newlines[w] = newlines;
    out.care[w] = care;
  }
}

// The bytes of a window that need care (control bytes but its newlines,
// bytes >= 0x80, quotes): one rule for the classifier and the lister.
__attribute__((target("avx512f,avx512bw"), always_inline)) inline std::uint64_t
care_avx512(__m512i chunk, std::uint64_t newlines) {
  return (_mm512_cmplt_epi8_mask(chunk, _mm512_set1_epi8(kFirstText)) &
          ~newlines) |
         _mm512_cmpeq_epi8_mask(chunk, _mm512_set1_epi8('"'));
}

__attribute__((target("avx512bw"))) void classify_avx512(const char* data,
                                                         std::size_t windows,
                                                         WindowBits out) {
  const __m512i comma = _mm512_set1_epi8(',');
  const __m512i newline = _mm512_set1_epi8('\n');
  for (std::size_t w = 0; w < windows; ++w) {
    const __m512i chunk = _mm512_loadu_si512(data + 64 * w);
    const std::uint64_t newlines = _mm512_cmpeq_epi8_mask(chunk, newline);
    out.commas[w] = _mm512_cmpeq_epi8_mask(chunk, comma);
    out.newlines[w] = newlines;
    out.care[w] = care_avx512(chunk, newlines);
  }
}

#endif

// x86-64's baseline has no POPCNT instruction, and __builtin_popcountll
// then calls a libgcc routine (3% of a run in perf); this stays inline.
std::size_t popcount(std::uint64_t x) {
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<std::size_t>((x * 0x0101010101010101ULL) >> 56);
}

// The lowest set bit's index, and 63 once none is left: the unconditional
// stores below write past the count, so an empty word must be defined too.
unsigned lowest(std::uint64_t bits) {
  return static_cast<unsigned>(
      __builtin_ctzll(bits | (std::uint64_t{1} << 63)));
}

// Eight positions are stored whatever the count (a window of VAST rows
// holds about ten separators), then eight more only if needed: the two
// tests on the count are far more predictable than one per bit.
std::size_t flatten_scalar(const std::uint64_t* bits, std::size_t windows,
                           std::uint32_t first, std::uint32_t* out) {
  std::size_t n = 0;
  for (std::size_t w = 0; w < windows; ++w) {
    std::uint64_t b = bits[w];
    const auto at = static_cast<std::uint32_t>(first + 64 * w);
    const std::size_t count = popcount(b);
    std::uint32_t* o = out + n;
    for (std::size_t i = 0; i < 8; ++i, b &= b - 1) o[i] = at + lowest(b);
    if (count > 8) {
      for (std::size_t i = 8; i < 16; ++i, b &= b - 1) o[i] = at + lowest(b);
    }
    for (std::size_t i = 16; b != 0; ++i, b &= b - 1) o[i] = at + lowest(b);
    n += count;
  }
  return n;
}

#if FLOWCLEAN_X86

// VBMI2's compress packs the byte indices of the set bits into the low
// bytes of a register; each group of 16 is widened and stored whole.
// Returns how many it stored.
__attribute__((target("avx512f,avx512bw,avx512vbmi2,popcnt"),
               always_inline)) inline std::size_t
store_positions(std::uint64_t bits, std::uint32_t at, std::uint32_t* out) {
  alignas(64) static constexpr std::array<std::uint8_t, 64> kIota = [] {
    std::array<std::uint8_t, 64> iota{};
    for (std::size_t i = 0; i < iota.size(); ++i)
      iota[i] = static_cast<std::uint8_t>(i);
    return iota;
  }();
  const __m512i packed =
      _mm512_maskz_compress_epi8(bits, _mm512_load_si512(kIota.data()));
  const __m512i base = _mm512_set1_epi32(static_cast<int>(at));
  const auto count = static_cast<std::size_t>(_mm_popcnt_u64(bits));
  _mm512_storeu_si512(
      out, _mm512_add_epi32(
               base, _mm512_cvtepu8_epi32(_mm512_castsi512_si128(packed))));
  if (count > 16) {
    _mm512_storeu_si512(
        out + 16,
        _mm512_add_epi32(
            base, _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(packed, 1))));
    _mm512_storeu_si512(
        out + 32,
        _mm512_add_epi32(
            base, _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(packed, 2))));
    _mm512_storeu_si512(
        out + 48,
        _mm512_add_epi32(
            base, _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32(packed, 3))));
  }
  return count;
}

__attribute__((target("avx512f,avx512bw,avx512vbmi2,popcnt"))) std::size_t
flatten_vbmi2(const std::uint64_t* bits, std::size_t windows,
              std::uint32_t first, std::uint32_t* out) {
  std::size_t n = 0;
  for (std::size_t w = 0; w < windows; ++w) {
    n += store_positions(bits[w], static_cast<std::uint32_t>(first + 64 * w),
                         out + n);
  }
  return n;
}

// One window of list_vbmi2: its bytes outside `keep` are not there.
__attribute__((target("avx512f,avx512bw,avx512vbmi2,popcnt,bmi"),
               always_inline)) inline void
list_window(const char* data, std::uint32_t at, std::uint64_t keep,
            std::size_t w, WindowLists out, ListCounts& counts) {
  const __m512i chunk = _mm512_loadu_si512(data);
  const std::uint64_t newlines =
      _mm512_cmpeq_epi8_mask(chunk, _mm512_set1_epi8('\n')) & keep;
  out.care[w] = care_avx512(chunk, newlines) & keep;
  counts.care |= out.care[w];
  counts.commas += store_positions(
      _mm512_cmpeq_epi8_mask(chunk, _mm512_set1_epi8(',')) & keep, at,
      out.commas + counts.commas);
  // Rows are longer than a window, mostly: one newline at most, stored
  // without the vector compress (whose value is thrown away if none).
  out.newlines[counts.newlines] =
      at + static_cast<std::uint32_t>(_tzcnt_u64(newlines));
  counts.newlines += newlines != 0 ? 1 : 0;
  for (std::uint64_t more = newlines & (newlines - 1); more != 0;
       more &= more - 1) {
    out.newlines[counts.newlines++] =
        at + static_cast<std::uint32_t>(_tzcnt_u64(more));
  }
}

// classify_avx512 and flatten_vbmi2 in one loop. Only the first and last
// windows are masked: the middle ones skip the mask's selects (2% of a
// one-thread clean).
__attribute__((target("avx512f,avx512bw,avx512vbmi2,popcnt,bmi"))) ListCounts
list_vbmi2(const char* data, std::size_t windows, std::uint32_t first,
           std::uint64_t keep_first, std::uint64_t keep_last, WindowLists out) {
  ListCounts counts;
  if (windows == 0)
    return counts;
  const auto at = [first](std::size_t w) {
    return static_cast<std::uint32_t>(first + 64 * w);
  };
  list_window(data, at(0), keep_first & (windows == 1 ? keep_last : ~0ULL), 0,
              out, counts);
  if (windows == 1)
    return counts;
  for (std::size_t w = 1; w + 1 < windows; ++w)
    list_window(data + 64 * w, at(w), ~std::uint64_t{0}, w, out, counts);
  list_window(data + 64 * (windows - 1), at(windows - 1), keep_last,
              windows - 1, out, counts);
  return counts;
}

#endif

bool has_vbmi2() {
#if FLOWCLEAN_X86
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512vbmi2") &&
         __builtin_cpu_supports("avx512bw");
#else
  return false;
#endif
}

std::vector<Flattener> flatteners() {
  std::vector<Flattener> list;
#if FLOWCLEAN_X86
  if (has_vbmi2())
    list.push_back({"avx512vbmi2", flatten_vbmi2});
#endif
  list.push_back({"scalar", flatten_scalar});
  return list;
}

/// Widest first.
std::vector<Classifier> supported() {
  std::vector<Classifier> list;
#if FLOWCLEAN_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512bw"))
    list.push_back({"avx512bw", classify_avx512});
  if (__builtin_cpu_supports("avx2"))
    list.push_back({"avx2", classify_avx2});
  list.push_back({"sse2", classify_sse2});
#endif
  list.push_back({"scalar", classify_scalar});
  return list;
}

}  // namespace

const std::vector<Classifier>& supported_classifiers() {
  static const std::vector<Classifier> list = supported();
  return list;
}

void classify_windows(const char* data, std::size_t windows, WindowBits out) {
  static const auto widest = supported_classifiers().front().classify;
  widest(data, windows, out);
}

namespace {

// Batches of 64 windows keep the bitmaps on the stack.
ListCounts list_in_two_steps(const char* data, std::size_t windows,
                             std::uint32_t first, std::uint64_t keep_first,
                             std::uint64_t keep_last, WindowLists out) {
  constexpr std::size_t kBatch = 64;
  std::array<std::uint64_t, kBatch> commas{};
  std::array<std::uint64_t, kBatch> newlines{};
  ListCounts counts;
  for (std::size_t done = 0; done < windows; done += kBatch) {
    const std::size_t n = std::min(kBatch, windows - done);
    std::uint64_t* care = out.care + done;
    classify_windows(data + 64 * done, n,
                     {commas.data(), newlines.data(), care});
    for (auto* bits : {commas.data(), newlines.data(), care}) {
      if (done == 0)
        bits[0] &= keep_first;
      if (done + n == windows)
        bits[n - 1] &= keep_last;
    }
    const auto at = static_cast<std::uint32_t>(first + 64 * done);
    counts.commas +=
        flatten_bits(commas.data(), n, at, out.commas + counts.commas);
    counts.newlines +=
        flatten_bits(newlines.data(), n, at, out.newlines + counts.newlines);
    for (std::size_t w = 0; w < n; ++w) counts.care |= care[w];
  }
  return counts;
}

std::vector<Lister> listers() {
  std::vector<Lister> list;
#if FLOWCLEAN_X86
  if (has_vbmi2())
    list.push_back({"avx512vbmi2", list_vbmi2});
#endif
  list.push_back({"two steps", list_in_two_steps});
  return list;
}

}  // namespace

const std::vector<Lister>& supported_listers() {
  static const std::vector<Lister> list = listers();
  return list;
}

ListCounts list_windows(const char* data, std::size_t windows,
                        std::uint32_t first, std::uint64_t keep_first,
                        std::uint64_t keep_last, WindowLists out) {
  static const auto fastest = supported_listers().front().list;
  return fastest(data, windows, first, keep_first, keep_last, out);
}

const std::vector<Flattener>& supported_flatteners() {
  static const std::vector<Flattener> list = flatteners();
  return list;
}

std::size_t flatten_bits(const std::uint64_t* bits, std::size_t windows,
                         std::uint32_t first, std::uint32_t* out) {
  static const auto fastest = supported_flatteners().front().flatten;
  return fastest(bits, windows, first, out);
}

}  // namespace flowclean
