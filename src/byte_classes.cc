// One classifier per instruction set, chosen once by what the CPU reports.
// Measured on the CI kind of machine (AMD EPYC, AVX-512BW), a 300 MB
// scan: see README "Performance". Each function only uses intrinsics, so no
// inline code of ours is compiled for a wider instruction set than the
// CPU may have.
#include "flowclean/byte_classes.h"

#include "flowclean/record.h"

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

__attribute__((target("avx512bw"))) void classify_avx512(const char* data,
                                                         std::size_t windows,
                                                         WindowBits out) {
  const __m512i comma = _mm512_set1_epi8(',');
  const __m512i newline = _mm512_set1_epi8('\n');
  const __m512i quote = _mm512_set1_epi8('"');
  const __m512i first_text = _mm512_set1_epi8(kFirstText);
  for (std::size_t w = 0; w < windows; ++w) {
    const __m512i chunk = _mm512_loadu_si512(data + 64 * w);
    const std::uint64_t newlines = _mm512_cmpeq_epi8_mask(chunk, newline);
    out.commas[w] = _mm512_cmpeq_epi8_mask(chunk, comma);
    out.newlines[w] = newlines;
    out.care[w] = (_mm512_cmplt_epi8_mask(chunk, first_text) & ~newlines) |
                  _mm512_cmpeq_epi8_mask(chunk, quote);
  }
}

#endif

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

}  // namespace flowclean
