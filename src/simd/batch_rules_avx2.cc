// The batch rules in AVX2: two halves of eight rows, 32-bit lanes for the
// decisions and 64-bit ones for parsing. The same steps as
// batch_rules_avx512.cc in the instructions AVX2 has (no mask registers,
// no unsigned compares); batch_rules_test holds both to decide(). It exists
// for CPUs without AVX-512: on the CI machine the 300 MB clean took
// 0.067 s with it against 0.082 s one row at a time (0.052 s AVX-512).
#include "simd/batch_lanes.h"

#if defined(__x86_64__)
#include <immintrin.h>

// Without optimisation GCC's gather intrinsics are macros that pass an
// all-ones mask through a signed type: their warning, not this file's.
#pragma GCC diagnostic ignored "-Wsign-conversion"

namespace flowclean::batch_lanes {

namespace {

#define FLOWCLEAN_AVX2 __attribute__((target("avx2,popcnt"), always_inline))

/// Eight rows of one column: sizes, and first eight bytes in two quads.
struct Eight {
  __m256i size;      // 8 x u32
  __m256i bytes[2];  // rows 0-3, 4-7
};

FLOWCLEAN_AVX2 inline Eight eight_of(const Columns& loaded, std::size_t column,
                                     std::size_t first) {
  Eight e;
  e.size = _mm256_load_si256(
      reinterpret_cast<const __m256i*>(loaded.size[column] + first));
  e.bytes[0] = _mm256_load_si256(
      reinterpret_cast<const __m256i*>(loaded.bytes[column] + first));
  e.bytes[1] = _mm256_load_si256(
      reinterpret_cast<const __m256i*>(loaded.bytes[column] + first + 4));
  return e;
}

/// Low dwords of two quads of qwords, as eight dwords in order.
FLOWCLEAN_AVX2 inline __m256i pack(__m256i low, __m256i high) {
  const __m256i order = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
  return _mm256_permute2x128_si256(_mm256_permutevar8x32_epi32(low, order),
                                   _mm256_permutevar8x32_epi32(high, order),
                                   0x20);
}

FLOWCLEAN_AVX2 inline __m256i parse_quad(__m256i x, __m256i size,
                                         long long max_digits, long long max,
                                         __m256i& bad) {
  const __m256i one = _mm256_set1_epi64x(1);
  const __m256i bad_length =
      _mm256_or_si256(_mm256_cmpeq_epi64(size, _mm256_setzero_si256()),
                      _mm256_cmpgt_epi64(size, _mm256_set1_epi64x(max_digits)));
  const __m256i length = _mm256_blendv_epi8(size, one, bad_length);
  const __m256i unused =
      _mm256_sub_epi64(_mm256_set1_epi64x(64), _mm256_slli_epi64(length, 3));
  const __m256i keep = _mm256_srlv_epi64(_mm256_set1_epi64x(-1), unused);
  const __m256i zeros =
      _mm256_and_si256(_mm256_set1_epi64x(0x3030303030303030LL), keep);
  const __m256i high =
      _mm256_set1_epi64x(static_cast<long long>(0xF0F0F0F0F0F0F0F0ULL));
  x = _mm256_and_si256(x, keep);
  const __m256i digits = _mm256_and_si256(
      _mm256_cmpeq_epi64(_mm256_and_si256(x, high), zeros),
      _mm256_cmpeq_epi64(
          _mm256_and_si256(
              _mm256_add_epi64(x, _mm256_set1_epi64x(0x0606060606060606LL)),
              high),
          zeros));
  const __m256i spread = _mm256_sllv_epi64(_mm256_sub_epi64(x, zeros), unused);
  __m256i v = _mm256_srli_epi64(spread, 32);
  v = _mm256_and_si256(
      _mm256_add_epi64(_mm256_mul_epu32(v, _mm256_set1_epi64x(10)),
                       _mm256_srli_epi64(v, 8)),
      _mm256_set1_epi64x(0x00FF00FF));
  v = _mm256_and_si256(
      _mm256_add_epi64(_mm256_mul_epu32(v, _mm256_set1_epi64x(100)),
                       _mm256_srli_epi64(v, 16)),
      _mm256_set1_epi64x(0xFFFF));
  const __m256i fifth =
      _mm256_and_si256(_mm256_srli_epi64(spread, 24), _mm256_set1_epi64x(0xFF));
  v = _mm256_add_epi64(v, _mm256_mul_epu32(fifth, _mm256_set1_epi64x(10000)));
  bad = _mm256_or_si256(
      bad, _mm256_or_si256(
               _mm256_or_si256(bad_length, _mm256_xor_si256(
                                               digits, _mm256_set1_epi64x(-1))),
               _mm256_cmpgt_epi64(v, _mm256_set1_epi64x(max))));
  return v;
}

FLOWCLEAN_AVX2 inline __m256i parse_eight(const Eight& e, long long max_digits,
                                          long long max, __m256i& bad) {
  const __m256i low = parse_quad(
      e.bytes[0], _mm256_cvtepu32_epi64(_mm256_castsi256_si128(e.size)),
      max_digits, max, bad);
  const __m256i high = parse_quad(
      e.bytes[1], _mm256_cvtepu32_epi64(_mm256_extracti128_si256(e.size, 1)),
      max_digits, max, bad);
  return pack(low, high);
}

FLOWCLEAN_AVX2 inline __m256i lanes_equal(__m256i a, int b) {
  return _mm256_cmpeq_epi32(a, _mm256_set1_epi32(b));
}
/// a <= b, unsigned.
FLOWCLEAN_AVX2 inline __m256i at_most(__m256i a, int b) {
  return _mm256_cmpeq_epi32(_mm256_min_epu32(a, _mm256_set1_epi32(b)), a);
}

FLOWCLEAN_AVX2 inline __m256i service(__m256i ports,
                                      const std::uint32_t* words) {
  const __m256i word = _mm256_i32gather_epi32(
      reinterpret_cast<const int*>(words), _mm256_srli_epi32(ports, 5), 4);
  const __m256i bit = _mm256_and_si256(
      _mm256_srlv_epi32(word, _mm256_and_si256(ports, _mm256_set1_epi32(31))),
      _mm256_set1_epi32(1));
  return lanes_equal(bit, 1);
}

FLOWCLEAN_AVX2 inline unsigned bits(__m256i mask) {
  return static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(mask)));
}

/// Rows first..first+7; false when one does not parse.
FLOWCLEAN_AVX2 inline bool decide_eight(const Columns& loaded,
                                        const PortPolicy& ports,
                                        std::size_t first, BatchDecision& out) {
  __m256i bad = _mm256_setzero_si256();
  const __m256i protocol =
      parse_eight(eight_of(loaded, Columns::kProtocol, first),
                  kProtocolMaxDigits, 255, bad);
  const __m256i src = parse_eight(eight_of(loaded, Columns::kSrcPort, first),
                                  kPortMaxDigits, 65535, bad);
  const __m256i dst = parse_eight(eight_of(loaded, Columns::kDstPort, first),
                                  kPortMaxDigits, 65535, bad);
  if (!_mm256_testz_si256(bad, bad))
    return false;
  const Eight address = eight_of(loaded, Columns::kDstAddress, first);
  const __m256i first4 = pack(address.bytes[0], address.bytes[1]);
  const __m256i long_enough =
      _mm256_cmpgt_epi32(address.size, _mm256_set1_epi32(3));
  const __m256i shape = _mm256_and_si256(
      first4, _mm256_set1_epi32(static_cast<int>(0xFF00FFFFU)));
  const __m256i third =
      _mm256_and_si256(_mm256_srli_epi32(first4, 16), _mm256_set1_epi32(0xFF));
  const __m256i in_224 = _mm256_and_si256(
      lanes_equal(shape, '2' | '2' << 8 | '.' << 24),
      at_most(_mm256_sub_epi32(third, _mm256_set1_epi32('4')), 5));
  const __m256i in_230 = _mm256_and_si256(
      lanes_equal(shape, '2' | '3' << 8 | '.' << 24),
      at_most(_mm256_sub_epi32(third, _mm256_set1_epi32('0')), 9));
  const __m256i broadcast =
      _mm256_set1_epi64x(static_cast<long long>(little_endian("255.255.")));
  const __m256i starts_255 =
      pack(_mm256_cmpeq_epi64(address.bytes[0], broadcast),
           _mm256_cmpeq_epi64(address.bytes[1], broadcast));
  const __m256i ff = lanes_equal(
      _mm256_and_si256(_mm256_or_si256(first4, _mm256_set1_epi32(0x2020)),
                       _mm256_set1_epi32(0xFFFF)),
      'f' | 'f' << 8);
  const unsigned multicast =
      bits(_mm256_and_si256(long_enough, _mm256_or_si256(in_224, in_230)));
  const unsigned unsure = bits(_mm256_or_si256(
      _mm256_and_si256(starts_255, lanes_equal(address.size, 15)),
      _mm256_and_si256(ff, long_enough)));
  const unsigned has_ports = bits(_mm256_or_si256(lanes_equal(protocol, kTcp),
                                                  lanes_equal(protocol, kUdp)));
  const unsigned zero = has_ports & bits(_mm256_or_si256(lanes_equal(src, 0),
                                                         lanes_equal(dst, 0)));
  const unsigned open = has_ports & ~zero;
  const unsigned group = open & multicast;
  const unsigned undecided = open & ~multicast & unsure;
  const unsigned rest = open & ~multicast & ~unsure;
  const unsigned flip =
      rest & bits(service(src, ports.service_words())) &
      ~bits(service(dst, ports.service_words())) &
      bits(_mm256_cmpgt_epi32(dst, _mm256_set1_epi32(ports.ephemeral_min())));
  alignas(32) std::uint32_t p[8], s[8], d[8];
  _mm256_store_si256(reinterpret_cast<__m256i*>(p), protocol);
  _mm256_store_si256(reinterpret_cast<__m256i*>(s), src);
  _mm256_store_si256(reinterpret_cast<__m256i*>(d), dst);
  for (std::size_t r = 0; r < 8; ++r) {
    const unsigned bit = 1U << r;
    RuleId rule = RuleId::kDefault;
    rule = (flip & bit) ? RuleId::kServiceSource : rule;
    rule = (group & bit) ? RuleId::kGroupDestination : rule;
    rule = (zero & bit) ? RuleId::kPortZero : rule;
    rule = (has_ports & bit) ? rule : RuleId::kPortsMeaningless;
    out.rule[first + r] = rule;
    out.protocol[first + r] = static_cast<ProtocolId>(p[r]);
    out.src_port[first + r] = static_cast<Port>(s[r]);
    out.dst_port[first + r] = static_cast<Port>(d[r]);
  }
  const unsigned defaults = rest & ~flip & 0xFF;
  out.undecided |= undecided << first;
  out.exceptions |= (~defaults & 0xFFU) << first;
  out.defaults += static_cast<unsigned>(_mm_popcnt_u32(defaults));
  return true;
}

}  // namespace

__attribute__((target("avx2,popcnt"))) bool decide_avx2(
    const PlainBatch& batch, const BatchColumns& columns,
    const PortPolicy& ports, BatchDecision& out) {
  out.undecided = out.exceptions = 0;
  out.defaults = 0;
  Columns loaded;
  load_columns(batch, columns, loaded);
  return decide_eight(loaded, ports, 0, out) &&
         decide_eight(loaded, ports, 8, out);
}

}  // namespace flowclean::batch_lanes

#endif
