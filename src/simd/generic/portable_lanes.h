// Lanes for the batch rules in plain C++: four rows at a time in arrays
// the compiler may vectorise. The wrapper of the scalar kernels, and of
// SSE2's batch rules: SSE2 has no per-lane shifts, unsigned compares or
// 64-bit equality, which the rules need.
// NOLINT(llvm-header-guard): included once per instruction set.

constexpr std::size_t kLanes = 4;

struct U32 {
  std::array<std::uint32_t, kLanes> v;
};
struct U64 {
  std::array<std::uint64_t, kLanes / 2> v;
};

/// L, for the operators below: U32 or U64 only.
template <typename L>
using IfLanes =
    std::enable_if_t<std::is_same_v<L, U32> || std::is_same_v<L, U64>, L>;

template <typename L, typename F>
inline L lanewise(const L& a, const L& b, F f) {
  L out{};
  for (std::size_t i = 0; i < a.v.size(); ++i) out.v[i] = f(a.v[i], b.v[i]);
  return out;
}
template <typename L, typename F>
inline unsigned bits_where(const L& a, const L& b, F f) {
  unsigned bits = 0;
  for (std::size_t i = 0; i < a.v.size(); ++i)
    bits |= f(a.v[i], b.v[i]) ? 1U << i : 0U;
  return bits;
}

template <typename L>
inline IfLanes<L> operator&(const L& a, const L& b) {
  return lanewise(a, b, [](auto x, auto y) { return x & y; });
}
template <typename L>
inline IfLanes<L> operator|(const L& a, const L& b) {
  return lanewise(a, b, [](auto x, auto y) { return x | y; });
}
template <typename L>
inline IfLanes<L> operator+(const L& a, const L& b) {
  return lanewise(a, b, [](auto x, auto y) { return x + y; });
}
template <typename L>
inline IfLanes<L> operator-(const L& a, const L& b) {
  return lanewise(a, b, [](auto x, auto y) { return x - y; });
}

inline U32 load32(const std::uint32_t* p) {
  U32 out{};
  std::memcpy(out.v.data(), p, sizeof(out.v));
  return out;
}
inline U64 load64(const std::uint64_t* p) {
  U64 out{};
  std::memcpy(out.v.data(), p, sizeof(out.v));
  return out;
}
inline U32 splat32(std::uint32_t x) {
  U32 out{};
  out.v.fill(x);
  return out;
}
inline U64 splat64(std::uint64_t x) {
  U64 out{};
  out.v.fill(x);
  return out;
}

template <unsigned N, typename L>
inline L shl(L a) {
  for (auto& x : a.v) x <<= N;
  return a;
}
template <unsigned N, typename L>
inline L shr(L a) {
  for (auto& x : a.v) x >>= N;
  return a;
}
// Counts are below 64 (parse_half's `unused` is 0 to 56).
inline U64 shlv(const U64& a, const U64& n) {
  return lanewise(a, n,
                  [](std::uint64_t x, std::uint64_t k) { return x << k; });
}
inline U64 shrv(const U64& a, const U64& n) {
  return lanewise(a, n,
                  [](std::uint64_t x, std::uint64_t k) { return x >> k; });
}
inline U64 mul32(const U64& a, const U64& b) {
  return lanewise(a, b, [](std::uint64_t x, std::uint64_t y) {
    return (x & 0xFFFFFFFFU) * (y & 0xFFFFFFFFU);
  });
}
inline U32 min32(const U32& a, const U32& b) {
  return lanewise(
      a, b, [](std::uint32_t x, std::uint32_t y) { return x < y ? x : y; });
}
inline U32 max32(const U32& a, const U32& b) {
  return lanewise(
      a, b, [](std::uint32_t x, std::uint32_t y) { return x < y ? y : x; });
}

template <typename L>
inline unsigned eq(const L& a, const L& b) {
  return bits_where(a, b, [](auto x, auto y) { return x == y; });
}
inline unsigned at_most(const U32& a, const U32& b) {
  return bits_where(a, b,
                    [](std::uint32_t x, std::uint32_t y) { return x <= y; });
}
inline unsigned above(const U32& a, const U32& b) {
  return bits_where(a, b,
                    [](std::uint32_t x, std::uint32_t y) { return x > y; });
}

inline U64 widen_low(const U32& a) {
  return U64{{a.v[0], a.v[1]}};
}
inline U64 widen_high(const U32& a) {
  return U64{{a.v[2], a.v[3]}};
}
inline U32 narrow(const U64& low, const U64& high) {
  return U32{{static_cast<std::uint32_t>(low.v[0]),
              static_cast<std::uint32_t>(low.v[1]),
              static_cast<std::uint32_t>(high.v[0]),
              static_cast<std::uint32_t>(high.v[1])}};
}

inline unsigned service_bits(const U32& ports, const std::uint32_t* words) {
  unsigned bits = 0;
  for (std::size_t i = 0; i < kLanes; ++i) {
    const std::uint32_t port = ports.v[i];
    bits |= ((words[port >> 5] >> (port & 31)) & 1U) << i;
  }
  return bits;
}

inline U32 select(unsigned bits, const U32& yes, const U32& no) {
  U32 out{};
  for (std::size_t i = 0; i < kLanes; ++i)
    out.v[i] = (bits >> i) & 1U ? yes.v[i] : no.v[i];
  return out;
}
inline void store8(const U32& a, std::uint8_t* out) {
  for (std::size_t i = 0; i < kLanes; ++i)
    out[i] = static_cast<std::uint8_t>(a.v[i]);
}
inline void store16(const U32& a, std::uint16_t* out) {
  for (std::size_t i = 0; i < kLanes; ++i)
    out[i] = static_cast<std::uint16_t>(a.v[i]);
}
