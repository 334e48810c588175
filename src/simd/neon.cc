// NEON (Advanced SIMD), which every aarch64 CPU has: the lister in four
// 16-byte vectors, bitmaps made by simdjson's weighted pairwise adds; the
// batch rules four rows at a time. Tested under qemu in CI; its speed can
// only be measured on real aarch64 hardware, which we have not had.
#if defined(__aarch64__)
#include <arm_neon.h>

#include "simd/generic/includes.h"

namespace flowclean::simd::neon {

constexpr bool kHasPopcount = true;

/// Bit i of each byte lane's weight is lane i % 8: AND a compare with it,
/// and three pairwise adds gather the bits of 64 lanes in one word.
inline std::uint64_t bitmap(uint8x16_t a, uint8x16_t b, uint8x16_t c,
                            uint8x16_t d) {
  const uint8x16_t weight = {1, 2, 4, 8, 16, 32, 64, 128,
                             1, 2, 4, 8, 16, 32, 64, 128};
  const uint8x16_t ab = vpaddq_u8(vandq_u8(a, weight), vandq_u8(b, weight));
  const uint8x16_t cd = vpaddq_u8(vandq_u8(c, weight), vandq_u8(d, weight));
  const uint8x16_t abcd = vpaddq_u8(ab, cd);
  return vgetq_lane_u64(vreinterpretq_u64_u8(vpaddq_u8(abcd, abcd)), 0);
}

class Window {
 public:
  explicit Window(const char* data) {
    for (std::size_t i = 0; i < 4; ++i)
      chunk_[i] = vld1q_s8(reinterpret_cast<const std::int8_t*>(data) + 16 * i);
  }
  [[nodiscard]] std::uint64_t eq(char c) const {
    const int8x16_t byte = vdupq_n_s8(static_cast<std::int8_t>(c));
    return bitmap(vceqq_s8(chunk_[0], byte), vceqq_s8(chunk_[1], byte),
                  vceqq_s8(chunk_[2], byte), vceqq_s8(chunk_[3], byte));
  }
  [[nodiscard]] std::uint64_t below(char c) const {
    const int8x16_t byte = vdupq_n_s8(static_cast<std::int8_t>(c));
    return bitmap(vcltq_s8(chunk_[0], byte), vcltq_s8(chunk_[1], byte),
                  vcltq_s8(chunk_[2], byte), vcltq_s8(chunk_[3], byte));
  }
  [[nodiscard]] std::uint64_t masked_eq(char mask, char c) const {
    const int8x16_t kept = vdupq_n_s8(static_cast<std::int8_t>(mask));
    const int8x16_t byte = vdupq_n_s8(static_cast<std::int8_t>(c));
    return bitmap(vceqq_s8(vandq_s8(chunk_[0], kept), byte),
                  vceqq_s8(vandq_s8(chunk_[1], kept), byte),
                  vceqq_s8(vandq_s8(chunk_[2], kept), byte),
                  vceqq_s8(vandq_s8(chunk_[3], kept), byte));
  }

 private:
  int8x16_t chunk_[4];
};

constexpr std::size_t kLanes = 4;

struct U32 {
  uint32x4_t v;
};
struct U64 {
  uint64x2_t v;
};

inline U32 operator&(U32 a, U32 b) {
  return {vandq_u32(a.v, b.v)};
}
inline U32 operator|(U32 a, U32 b) {
  return {vorrq_u32(a.v, b.v)};
}
inline U32 operator-(U32 a, U32 b) {
  return {vsubq_u32(a.v, b.v)};
}
inline U64 operator&(U64 a, U64 b) {
  return {vandq_u64(a.v, b.v)};
}
inline U64 operator|(U64 a, U64 b) {
  return {vorrq_u64(a.v, b.v)};
}
inline U64 operator+(U64 a, U64 b) {
  return {vaddq_u64(a.v, b.v)};
}
inline U64 operator-(U64 a, U64 b) {
  return {vsubq_u64(a.v, b.v)};
}

inline U32 load32(const std::uint32_t* p) {
  return {vld1q_u32(p)};
}
inline U64 load64(const std::uint64_t* p) {
  return {vld1q_u64(reinterpret_cast<const uint64_t*>(p))};
}
inline U32 splat32(std::uint32_t x) {
  return {vdupq_n_u32(x)};
}
inline U64 splat64(std::uint64_t x) {
  return {vdupq_n_u64(static_cast<uint64_t>(x))};
}

template <int N>
inline U64 shl(U64 a) {
  return {vshlq_n_u64(a.v, N)};
}
template <int N>
inline U64 shr(U64 a) {
  return {vshrq_n_u64(a.v, N)};
}
template <int N>
inline U32 shr(U32 a) {
  return {vshrq_n_u32(a.v, N)};
}
// NEON shifts by a signed count per lane: negative shifts right.
inline U64 shlv(U64 a, U64 n) {
  return {vshlq_u64(a.v, vreinterpretq_s64_u64(n.v))};
}
inline U64 shrv(U64 a, U64 n) {
  return {vshlq_u64(a.v, vnegq_s64(vreinterpretq_s64_u64(n.v)))};
}
inline U64 mul32(U64 a, U64 b) {
  return {vmull_u32(vmovn_u64(a.v), vmovn_u64(b.v))};
}
inline U32 min32(U32 a, U32 b) {
  return {vminq_u32(a.v, b.v)};
}
inline U32 max32(U32 a, U32 b) {
  return {vmaxq_u32(a.v, b.v)};
}

inline unsigned lanes_of(uint32x4_t mask) {
  const uint32x4_t weight = {1, 2, 4, 8};
  return vaddvq_u32(vandq_u32(mask, weight));
}
inline unsigned eq(U64 a, U64 b) {
  const uint64x2_t weight = {1, 2};
  return static_cast<unsigned>(
      vaddvq_u64(vandq_u64(vceqq_u64(a.v, b.v), weight)));
}
inline unsigned eq(U32 a, U32 b) {
  return lanes_of(vceqq_u32(a.v, b.v));
}
inline unsigned at_most(U32 a, U32 b) {
  return lanes_of(vcleq_u32(a.v, b.v));
}
inline unsigned above(U32 a, U32 b) {
  return lanes_of(vcgtq_u32(a.v, b.v));
}

inline U64 widen_low(U32 a) {
  return {vmovl_u32(vget_low_u32(a.v))};
}
inline U64 widen_high(U32 a) {
  return {vmovl_u32(vget_high_u32(a.v))};
}
inline U32 narrow(U64 low, U64 high) {
  return {vcombine_u32(vmovn_u64(low.v), vmovn_u64(high.v))};
}

inline unsigned service_bits(U32 ports, const std::uint32_t* words) {
  alignas(16) std::uint32_t port[kLanes];
  vst1q_u32(port, ports.v);
  unsigned bits = 0;
  for (std::size_t i = 0; i < kLanes; ++i)
    bits |= ((words[port[i] >> 5] >> (port[i] & 31)) & 1U) << i;
  return bits;
}

inline U32 select(unsigned bits, U32 yes, U32 no) {
  const uint32x4_t lane = {1, 2, 4, 8};
  const uint32x4_t mask = vtstq_u32(vdupq_n_u32(bits), lane);
  return {vbslq_u32(mask, yes.v, no.v)};
}
inline void store16(U32 a, std::uint16_t* out) {
  vst1_u16(out, vmovn_u32(a.v));
}
inline void store8(U32 a, std::uint8_t* out) {
  const uint8x8_t bytes =
      vmovn_u16(vcombine_u16(vmovn_u32(a.v), vdup_n_u16(0)));
  vst1_lane_u32(reinterpret_cast<uint32_t*>(out), vreinterpret_u32_u8(bytes),
                0);
}

// The generic kernels, each after what it needs.
// clang-format off
#include "simd/generic/bits.h"
#include "simd/generic/positions.h"
#include "simd/generic/lister.h"
#include "simd/generic/prefix_xor.h"
#include "simd/generic/json_marks.h"
#include "simd/generic/batch_rules.h"
// clang-format on

}  // namespace flowclean::simd::neon

#endif
