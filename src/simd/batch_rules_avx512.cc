// The batch rules in sixteen AVX-512 lanes, one row each. The arithmetic is
// decimal.h's parse_bounded_decimal_padded and address.h's
// is_group_address, lane by lane; batch_rules_test holds it to decide().
#include "simd/batch_lanes.h"

#if defined(__x86_64__)
#include <immintrin.h>

// Without optimisation GCC's gather intrinsics are macros that pass an
// all-ones mask through a signed type: their warning, not this file's.
#pragma GCC diagnostic ignored "-Wsign-conversion"

namespace flowclean::batch_lanes {

namespace {

#define FLOWCLEAN_AVX512 __attribute__((target("avx512f"), always_inline))

/// Sixteen 32-bit lanes from two halves of eight 64-bit ones.
FLOWCLEAN_AVX512 inline __m512i narrow(__m512i low, __m512i high) {
  return _mm512_inserti64x4(_mm512_castsi256_si512(_mm512_cvtepi64_epi32(low)),
                            _mm512_cvtepi64_epi32(high), 1);
}

FLOWCLEAN_AVX512 inline __m256i half(__m512i lanes, int which) {
  return which == 0 ? _mm512_castsi512_si256(lanes)
                    : _mm512_extracti64x4_epi64(lanes, 1);
}

/// One column of the sixteen rows: each field's size and first bytes.
struct Field {
  __m512i size;
  /// Its first eight bytes, lanes 0-7 and 8-15 (a block's padding makes
  /// them readable).
  __m512i bytes[2];
};

FLOWCLEAN_AVX512 inline Field field_of(const Columns& loaded,
                                       std::size_t column) {
  Field field;
  field.size = _mm512_load_si512(loaded.size[column]);
  field.bytes[0] = _mm512_load_si512(loaded.bytes[column]);
  field.bytes[1] = _mm512_load_si512(loaded.bytes[column] + 8);
  return field;
}

/// parse_bounded_decimal_padded in eight 64-bit lanes; `ok` gets the lanes
/// that parse.
FLOWCLEAN_AVX512 inline __m512i parse_half(__m512i x, __m512i size,
                                           unsigned max_digits, unsigned max,
                                           __mmask8& ok) {
  const __m512i one = _mm512_set1_epi64(1);
  ok = _mm512_cmplt_epu64_mask(_mm512_sub_epi64(size, one),
                               _mm512_set1_epi64(max_digits));
  const __m512i length =
      _mm512_min_epu64(_mm512_max_epu64(size, one), _mm512_set1_epi64(8));
  const __m512i unused_bits =
      _mm512_sub_epi64(_mm512_set1_epi64(64), _mm512_slli_epi64(length, 3));
  const __m512i keep = _mm512_srlv_epi64(_mm512_set1_epi64(-1), unused_bits);
  const __m512i zeros =
      _mm512_and_si512(_mm512_set1_epi64(0x3030303030303030LL), keep);
  const __m512i high =
      _mm512_set1_epi64(static_cast<long long>(0xF0F0F0F0F0F0F0F0ULL));
  x = _mm512_and_si512(x, keep);
  ok &= _mm512_cmpeq_epi64_mask(_mm512_and_si512(x, high), zeros);
  ok &= _mm512_cmpeq_epi64_mask(
      _mm512_and_si512(
          _mm512_add_epi64(x, _mm512_set1_epi64(0x0606060606060606LL)), high),
      zeros);
  const __m512i spread =
      _mm512_sllv_epi64(_mm512_sub_epi64(x, zeros), unused_bits);
  __m512i v = _mm512_srli_epi64(spread, 32);
  v = _mm512_and_si512(
      _mm512_add_epi64(_mm512_mul_epu32(v, _mm512_set1_epi64(10)),
                       _mm512_srli_epi64(v, 8)),
      _mm512_set1_epi64(0x00FF00FF));
  v = _mm512_and_si512(
      _mm512_add_epi64(_mm512_mul_epu32(v, _mm512_set1_epi64(100)),
                       _mm512_srli_epi64(v, 16)),
      _mm512_set1_epi64(0xFFFF));
  const __m512i fifth =
      _mm512_and_si512(_mm512_srli_epi64(spread, 24), _mm512_set1_epi64(0xFF));
  v = _mm512_add_epi64(v, _mm512_mul_epu32(fifth, _mm512_set1_epi64(10000)));
  ok &= _mm512_cmple_epu64_mask(v, _mm512_set1_epi64(max));
  return v;
}

/// A numeric column's sixteen values; `ok` gets the lanes that parse.
FLOWCLEAN_AVX512 inline __m512i parse_field(const Field& field,
                                            unsigned max_digits, unsigned max,
                                            __mmask16& ok) {
  __mmask8 low_ok = 0;
  __mmask8 high_ok = 0;
  const __m512i low =
      parse_half(field.bytes[0], _mm512_cvtepu32_epi64(half(field.size, 0)),
                 max_digits, max, low_ok);
  const __m512i high =
      parse_half(field.bytes[1], _mm512_cvtepu32_epi64(half(field.size, 1)),
                 max_digits, max, high_ok);
  ok = static_cast<__mmask16>(low_ok | (high_ok << 8));
  return narrow(low, high);
}

FLOWCLEAN_AVX512 inline __mmask16 is_service(__m512i ports,
                                             const std::uint32_t* words) {
  const __m512i word =
      _mm512_i32gather_epi32(_mm512_srli_epi32(ports, 5), words, 4);
  const __m512i bit = _mm512_and_si512(ports, _mm512_set1_epi32(31));
  return _mm512_test_epi32_mask(_mm512_srlv_epi32(word, bit),
                                _mm512_set1_epi32(1));
}

/// Group destinations by their first four bytes (224. to 239.), and the
/// ones left to is_group_address (255.255.255.255, ff..).
FLOWCLEAN_AVX512 inline __mmask16 is_multicast(const Field& address,
                                               __mmask16& undecided) {
  const __m512i first = narrow(address.bytes[0], address.bytes[1]);
  const __mmask16 long_enough =
      _mm512_cmpge_epu32_mask(address.size, _mm512_set1_epi32(4));
  // Bytes 0, 1 and 3: "22?." or "23?."; byte 2 a digit in range.
  const __m512i shape =
      _mm512_and_si512(first, _mm512_set1_epi32(static_cast<int>(0xFF00FFFFU)));
  const __m512i third =
      _mm512_and_si512(_mm512_srli_epi32(first, 16), _mm512_set1_epi32(0xFF));
  const __mmask16 in_224 =
      _mm512_cmpeq_epi32_mask(shape,
                              _mm512_set1_epi32('2' | '2' << 8 | '.' << 24)) &
      _mm512_cmple_epu32_mask(_mm512_sub_epi32(third, _mm512_set1_epi32('4')),
                              _mm512_set1_epi32(5));
  const __mmask16 in_230 =
      _mm512_cmpeq_epi32_mask(shape,
                              _mm512_set1_epi32('2' | '3' << 8 | '.' << 24)) &
      _mm512_cmple_epu32_mask(_mm512_sub_epi32(third, _mm512_set1_epi32('0')),
                              _mm512_set1_epi32(9));
  const __m512i broadcast =
      _mm512_set1_epi64(static_cast<long long>(little_endian("255.255.")));
  const __mmask16 starts_255 = static_cast<__mmask16>(
      _mm512_cmpeq_epi64_mask(address.bytes[0], broadcast) |
      (_mm512_cmpeq_epi64_mask(address.bytes[1], broadcast) << 8));
  const __mmask16 ff = _mm512_cmpeq_epi32_mask(
      _mm512_and_si512(_mm512_or_si512(first, _mm512_set1_epi32(0x2020)),
                       _mm512_set1_epi32(0xFFFF)),
      _mm512_set1_epi32('f' | 'f' << 8));
  undecided = (starts_255 &
               _mm512_cmpeq_epi32_mask(address.size, _mm512_set1_epi32(15))) |
              (ff & long_enough);
  return long_enough & (in_224 | in_230);
}

FLOWCLEAN_AVX512 inline __m512i rule(RuleId id) {
  return _mm512_set1_epi32(static_cast<int>(id));
}

}  // namespace

__attribute__((target("avx512f,popcnt"))) bool decide_avx512(
    const PlainBatch& batch, const BatchColumns& columns,
    const PortPolicy& ports, BatchDecision& out) {
  __mmask16 ok_protocol = 0;
  __mmask16 ok_src = 0;
  __mmask16 ok_dst = 0;
  Columns loaded;
  load_columns(batch, columns, loaded);
  const __m512i protocol = parse_field(field_of(loaded, Columns::kProtocol),
                                       kProtocolMaxDigits, 255, ok_protocol);
  const __m512i src = parse_field(field_of(loaded, Columns::kSrcPort),
                                  kPortMaxDigits, 65535, ok_src);
  const __m512i dst = parse_field(field_of(loaded, Columns::kDstPort),
                                  kPortMaxDigits, 65535, ok_dst);
  if ((ok_protocol & ok_src & ok_dst) != 0xFFFF)
    return false;
  __mmask16 undecided = 0;
  const __mmask16 multicast =
      is_multicast(field_of(loaded, Columns::kDstAddress), undecided);
  // decide()'s static rules, first match wins.
  const __mmask16 has_ports =
      _mm512_cmpeq_epi32_mask(protocol, _mm512_set1_epi32(kTcp)) |
      _mm512_cmpeq_epi32_mask(protocol, _mm512_set1_epi32(kUdp));
  const __mmask16 zero =
      has_ports & (_mm512_cmpeq_epi32_mask(src, _mm512_setzero_si512()) |
                   _mm512_cmpeq_epi32_mask(dst, _mm512_setzero_si512()));
  const __mmask16 open = has_ports & ~zero;
  const __mmask16 group = open & multicast;
  undecided &= open & ~multicast;
  const __mmask16 rest = open & ~multicast & ~undecided;
  const __mmask16 flip =
      rest & is_service(src, ports.service_words()) &
      ~is_service(dst, ports.service_words()) &
      _mm512_cmpgt_epu32_mask(dst, _mm512_set1_epi32(ports.ephemeral_min()));
  __m512i rules = rule(RuleId::kDefault);
  rules = _mm512_mask_mov_epi32(rules, static_cast<__mmask16>(~has_ports),
                                rule(RuleId::kPortsMeaningless));
  rules = _mm512_mask_mov_epi32(rules, zero, rule(RuleId::kPortZero));
  rules = _mm512_mask_mov_epi32(rules, group, rule(RuleId::kGroupDestination));
  rules = _mm512_mask_mov_epi32(rules, flip, rule(RuleId::kServiceSource));
  static_assert(sizeof(RuleId) == 1 && sizeof(ProtocolId) == 2 &&
                sizeof(Port) == 2);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out.rule.data()),
                   _mm512_cvtepi32_epi8(rules));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out.protocol.data()),
                      _mm512_cvtepi32_epi16(protocol));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out.src_port.data()),
                      _mm512_cvtepi32_epi16(src));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out.dst_port.data()),
                      _mm512_cvtepi32_epi16(dst));
  out.undecided = undecided;
  const auto defaults = static_cast<std::uint16_t>(rest & ~flip);
  out.exceptions = static_cast<std::uint16_t>(~defaults);
  // The instruction, not libgcc's bit loop: the build targets baseline
  // x86-64, which has no popcnt.
  out.defaults = static_cast<unsigned>(_mm_popcnt_u32(defaults));
  return true;
}

}  // namespace flowclean::batch_lanes

#endif
