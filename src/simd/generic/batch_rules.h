// The batch rules (simd/batch_rules.h), written once over an instruction
// set's lanes. Included by each simd/<isa>.cc inside its own namespace,
// after the wrapper that gives, for kLanes rows at a time:
//   U32 (kLanes 32-bit lanes), U64 (kLanes / 2 64-bit lanes), with & | + -;
//   load32 load64 splat32 splat64, shl<N> shr<N> (by a constant),
//   shlv shrv (per lane), mul32 (low halves, 32 x 32 -> 64 bits),
//   min32 max32 (unsigned), widen_low widen_high (U32 -> U64),
//   narrow (U64 x 2 -> U32, low halves); as bitmaps, bit r for lane r:
//   eq, at_most and above (unsigned), service_bits (a PortPolicy bitset
//   lookup); select(bits, yes, no), store8 store16.
// The arithmetic is decimal.h's parse_bounded_decimal_padded and
// address.h's is_group_address, lane by lane; batch_rules_test holds every
// instruction set's build of it to decide().
// NOLINT(llvm-header-guard): included once per instruction set.

// Fields' first bytes are loaded as words, and the scalar lister reads
// words too: byte i is bits 8i to 8i+7 only on a little-endian CPU (x86-64,
// aarch64), the only kind flowclean is built for.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "flowclean's kernels read words little-endian");

/// Eight bytes as a little-endian word, as a field's first bytes load.
constexpr std::uint64_t little_endian(const char (&text)[9]) {
  std::uint64_t word = 0;
  for (int i = 7; i >= 0; --i)
    word = (word << 8) | static_cast<unsigned char>(text[i]);
  return word;
}

/// The four columns the rules read (protocol, source port, destination
/// port, destination address) of the sixteen rows: each field's size and
/// its first eight bytes (a block's padding makes them readable).
struct Columns {
  enum : std::size_t { kProtocol, kSrcPort, kDstPort, kDstAddress, kCount };
  alignas(64) std::uint32_t size[kCount][PlainBatch::kRows];
  alignas(64) std::uint64_t bytes[kCount][PlainBatch::kRows];
};

constexpr std::uint64_t kSpaces = 0x2020202020202020ULL;

/// [start, end) without the blanks around it, as key_of's trim_blanks
/// reads rwcut's aligned fields. Spaces by words, without a branch a byte:
/// a byte loop over pads of varying length was 37% of a clean (perf).
inline void trim_padding(const char* block, std::uint32_t& start,
                         std::uint32_t& end) {
  std::uint64_t word = 0;
  // Long pads eight at a time: rwcut pads addresses to 15 or 39 bytes.
  for (; end - start > 8; start += 8) {
    std::memcpy(&word, block + start, sizeof word);
    if (word != kSpaces)
      break;
  }
  std::memcpy(&word, block + start, sizeof word);
  const std::uint32_t size = end - start;
  const std::uint64_t keep =
      size >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * size)) - 1;
  const std::uint64_t text = (word ^ kSpaces) & keep;
  if (text == 0) {  // nothing but spaces
    start = end;
    return;
  }
  if (size <= 8)
    end = start + (63 - static_cast<std::uint32_t>(__builtin_clzll(text))) / 8 +
          1;
  start += static_cast<std::uint32_t>(__builtin_ctzll(text)) / 8;
  // Tabs and CRs, and a long field's trailing spaces: seldom any.
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (start < end && blank(block[start])) ++start;
  while (end > start && blank(block[end - 1])) --end;
}

/// An address's padding, as key_of's trim_blanks reads rwcut's aligned
/// fields, for the usual IPv4 field (at most 16 bytes, no blank after the
/// address or before it but spaces): its first eight bytes from two words
/// without loading again. False for anything else, left to trim_padding.
inline bool trim_short_address(const char* block, std::uint32_t& start,
                               std::uint32_t end, std::uint64_t& first8) {
  const std::uint32_t size = end - start;
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  if (size == 0 || size > 16 || blank(block[end - 1]))
    return false;
  std::uint64_t low = 0;
  std::uint64_t high = 0;
  std::memcpy(&low, block + start, sizeof low);
  std::memcpy(&high, block + start + 8, sizeof high);
  const std::uint64_t text_low = low ^ kSpaces;
  const std::uint32_t skip =
      text_low != 0 ? static_cast<std::uint32_t>(__builtin_ctzll(text_low)) / 8
                    : 8 + static_cast<std::uint32_t>(__builtin_ctzll(
                              (high ^ kSpaces) | (std::uint64_t{1} << 63))) /
                              8;
  if (skip >= size)
    return false;
  first8 = skip == 0  ? low
           : skip < 8 ? (low >> (8 * skip)) | (high << (64 - 8 * skip))
                      : high >> (8 * (skip - 8));
  if (blank(static_cast<char>(first8 & 0xFF)))
    return false;
  start += skip;
  return true;
}

/// Loaded row by row, the four fields of a row in one step. On the CI
/// machine that beat AVX-512 gathers of the commas and the field bytes by
/// 7-10% of a clean (300 MB in memory, 0.057 s -> 0.053 s), the gathers'
/// elements coming slower than plain loads, and one pass over the rows per
/// column by 5% (2 GB, one thread, alternating: 0.490 s -> 0.463 s).
/// `kPadded`: rwcut's aligned fields, read without their blanks.
template <bool kPadded>
inline void load_columns(const PlainBatch& batch, const BatchColumns& columns,
                         Columns& out) {
  const std::uint32_t which[Columns::kCount] = {
      columns.protocol, columns.src_port, columns.dst_port,
      columns.dst_address};
  for (std::size_t r = 0; r < PlainBatch::kRows; ++r) {
    const std::uint32_t* row = batch.commas + r * batch.stride;
    for (std::size_t c = 0; c < Columns::kCount; ++c) {
      // Columns are never the first (batch_columns_of): a comma is before.
      const std::uint32_t* at = row + (which[c] - 1);
      std::uint32_t start = at[0] + 1;
      std::uint32_t end = at[1];
      std::uint64_t word = 0;
      std::memcpy(&word, batch.block + start, sizeof word);
      // Numbers keep their padding: parse_column reads it (zero_padding).
      if (kPadded && c == Columns::kDstAddress &&
          !trim_short_address(batch.block, start, end, word)) {
        trim_padding(batch.block, start, end);
        std::memcpy(&word, batch.block + start, sizeof word);
      }
      out.size[c][r] = end - start;
      out.bytes[c][r] = word;
    }
  }
}

constexpr std::size_t kHalf = kLanes / 2;
constexpr unsigned kAllLanes = (1U << kLanes) - 1;

/// rwcut right-aligns numbers: a lane's spaces read as zeros, where they
/// are its first bytes only, not all of them, and leave at most the
/// column's digits (`pad_needed`: a mask of the bytes that must be
/// spaces). `x` (its kept bytes) gets '0' for each; the lanes so padded.
/// Done in lanes, not by a shift per field as the row is loaded: that
/// shift waited on the load, and was most of the batch rules' time on
/// rwcut output (perf, 1 GB). Anything else (a tab, a space after the
/// digits or between them) leaves the lane unparsed, and the batch goes
/// the row-at-a-time way, which trims it.
inline unsigned zero_padding(U64& x, U64 keep, U64 pad_needed) {
  const U64 low7 = splat64(0x7F7F7F7F7F7F7F7FULL);
  const U64 high1 = splat64(0x8080808080808080ULL);
  const U64 blank = splat64(0x2020202020202020ULL);
  // x ^ blank, byte by byte (no borrow crosses a byte), then 0x80 in
  // exactly the bytes that were spaces, then 0xFF.
  const U64 y = (x | blank) - (x & blank);
  const U64 w = ((y & low7) + low7) | y | low7;
  const U64 t = high1 - (w & high1);
  const U64 spaces = t | (t - shr<7>(t));
  const U64 none = splat64(0);
  const unsigned prefix = eq(spaces & (spaces + splat64(1)), none);
  const unsigned enough = eq(pad_needed - (pad_needed & spaces), none);
  x = x | (spaces & splat64(0x1010101010101010ULL));
  return prefix & enough & ~eq(spaces, keep);
}

/// The value of one half of a number column's lanes (up to eight digits in
/// the word `x`, `length` of them); `digits` gets the lanes whose bytes
/// are all digits (or, kPadded, leading spaces: zero_padding).
template <bool kPadded>
inline U64 parse_half(U64 x, U64 length, U64 pad_needed, unsigned& digits) {
  const U64 unused = splat64(64) - shl<3>(length);
  const U64 keep = shrv(splat64(~std::uint64_t{0}), unused);
  const U64 zeros = splat64(0x3030303030303030ULL) & keep;
  const U64 high = splat64(0xF0F0F0F0F0F0F0F0ULL);
  x = x & keep;
  const unsigned padded = kPadded ? zero_padding(x, keep, pad_needed) : ~0U;
  digits = eq(x & high, zeros) &
           eq((x + splat64(0x0606060606060606ULL)) & high, zeros) & padded;
  // Digits to a number in three steps of pairs (SWAR), the fifth digit
  // (ports have five) added last.
  const U64 spread = shlv(x - zeros, unused);
  U64 v = shr<32>(spread);
  v = (mul32(v, splat64(10)) + shr<8>(v)) & splat64(0x00FF00FF);
  v = (mul32(v, splat64(100)) + shr<16>(v)) & splat64(0xFFFF);
  const U64 fifth = shr<24>(spread) & splat64(0xFF);
  return v + mul32(fifth, splat64(10000));
}

struct Parsed {
  U32 value;
  unsigned ok;  ///< the lanes that parse
};

/// A number column of rows first..first+kLanes-1; kPadded, rwcut's, up to
/// eight bytes wide with the spaces before its digits.
template <bool kPadded>
inline Parsed parse_column(const Columns& loaded, std::size_t column,
                           std::size_t first, unsigned max_digits,
                           unsigned max) {
  const U32 size = load32(loaded.size[column] + first);
  const U32 length = min32(max32(size, splat32(1)), splat32(8));
  // The bytes that must be spaces: those before the last max_digits.
  const U32 pad_bytes = length - min32(length, splat32(max_digits));
  const U64 ones = splat64(~std::uint64_t{0});
  const auto must_pad = [&](U64 bytes) {
    return ones - shlv(ones, shl<3>(bytes));
  };
  const std::uint64_t* bytes = loaded.bytes[column] + first;
  unsigned low_digits = 0;
  unsigned high_digits = 0;
  const U64 low =
      parse_half<kPadded>(load64(bytes), widen_low(length),
                          must_pad(widen_low(pad_bytes)), low_digits);
  const U64 high =
      parse_half<kPadded>(load64(bytes + kHalf), widen_high(length),
                          must_pad(widen_high(pad_bytes)), high_digits);
  const U32 value = narrow(low, high);
  const unsigned widest = kPadded ? 8 : max_digits;
  return {value, at_most(size - splat32(1), splat32(widest - 1)) &
                     (low_digits | high_digits << kHalf) &
                     at_most(value, splat32(max))};
}

/// A protocol name column: TCP and UDP in any case. `other` gets the lanes
/// of other names, whose numbers the row-at-a-time way looks up.
inline Parsed protocol_names(const Columns& loaded, std::size_t first,
                             unsigned& other) {
  const U32 size = load32(loaded.size[Columns::kProtocol] + first);
  const U64 low = load64(loaded.bytes[Columns::kProtocol] + first);
  const U64 high = load64(loaded.bytes[Columns::kProtocol] + first + kHalf);
  // Only 'T' and 't' become 't' with 0x20 set, and so on: exact matches.
  const U32 name = (narrow(low, high) | splat32(0x202020)) & splat32(0xFFFFFF);
  const unsigned three = eq(size, splat32(3));
  const unsigned tcp = three & eq(name, splat32('t' | 'c' << 8 | 'p' << 16));
  const unsigned udp = three & eq(name, splat32('u' | 'd' << 8 | 'p' << 16));
  other = ~(tcp | udp) & kAllLanes;
  return {select(tcp, splat32(kTcp), select(udp, splat32(kUdp), splat32(0))),
          kAllLanes};
}

/// Group destinations by their first four bytes (224. to 239.); `unsure`
/// gets the ones left to is_group_address (255.255.255.255, ff..).
inline unsigned multicast(const Columns& loaded, std::size_t first,
                          unsigned& unsure) {
  const U32 size = load32(loaded.size[Columns::kDstAddress] + first);
  const U64 low = load64(loaded.bytes[Columns::kDstAddress] + first);
  const U64 high = load64(loaded.bytes[Columns::kDstAddress] + first + kHalf);
  const U32 first4 = narrow(low, high);
  const unsigned long_enough = above(size, splat32(3));
  // Bytes 0, 1 and 3: "22?." or "23?."; byte 2 a digit in range.
  const U32 shape = first4 & splat32(0xFF00FFFFU);
  const U32 third = shr<16>(first4) & splat32(0xFF);
  const unsigned in_224 = eq(shape, splat32('2' | '2' << 8 | '.' << 24)) &
                          at_most(third - splat32('4'), splat32(5));
  const unsigned in_230 = eq(shape, splat32('2' | '3' << 8 | '.' << 24)) &
                          at_most(third - splat32('0'), splat32(9));
  const U64 broadcast = splat64(little_endian("255.255."));
  const unsigned starts_255 =
      eq(low, broadcast) | eq(high, broadcast) << static_cast<unsigned>(kHalf);
  const unsigned ff =
      eq((first4 | splat32(0x2020)) & splat32(0xFFFF), splat32('f' | 'f' << 8));
  unsure = (starts_255 & eq(size, splat32(15))) | (ff & long_enough);
  return long_enough & (in_224 | in_230);
}

/// Rows first..first+kLanes-1; false when one does not parse.
template <bool kPadded>
inline bool decide_lanes(const Columns& loaded, const BatchColumns& columns,
                         const PortPolicy& ports, std::size_t first,
                         BatchDecision& out) {
  unsigned other_names = 0;
  const Parsed protocol =
      columns.protocol_name
          ? protocol_names(loaded, first, other_names)
          : parse_column<kPadded>(loaded, Columns::kProtocol, first,
                                  kProtocolMaxDigits, 255);
  Parsed src = parse_column<kPadded>(loaded, Columns::kSrcPort, first,
                                     kPortMaxDigits, 65535);
  Parsed dst = parse_column<kPadded>(loaded, Columns::kDstPort, first,
                                     kPortMaxDigits, 65535);
  const unsigned has_ports =
      eq(protocol.value, splat32(kTcp)) | eq(protocol.value, splat32(kUdp));
  // Where ports of other protocols are not read, they are 0, as key_of has
  // them, whatever they hold.
  const unsigned read_ports = columns.unchecked_ports ? has_ports : kAllLanes;
  if (protocol.ok != kAllLanes || (src.ok & dst.ok & read_ports) != read_ports)
    return false;
  if (columns.unchecked_ports) {
    src.value = select(has_ports, src.value, splat32(0));
    dst.value = select(has_ports, dst.value, splat32(0));
  }
  unsigned unsure = 0;
  const unsigned group_address = multicast(loaded, first, unsure);
  // decide()'s static rules, first match wins.
  const unsigned zero =
      has_ports & (eq(src.value, splat32(0)) | eq(dst.value, splat32(0)));
  const unsigned open = has_ports & ~zero;
  const unsigned group = open & group_address;
  const unsigned rest = open & ~group_address & ~unsure;
  const unsigned flip = rest & service_bits(src.value, ports.service_words()) &
                        ~service_bits(dst.value, ports.service_words()) &
                        above(dst.value, splat32(ports.ephemeral_min()));
  const auto rule = [](RuleId id) {
    return splat32(static_cast<std::uint32_t>(id));
  };
  U32 rules = select(has_ports, rule(RuleId::kDefault),
                     rule(RuleId::kPortsMeaningless));
  rules = select(zero, rule(RuleId::kPortZero), rules);
  rules = select(group, rule(RuleId::kGroupDestination), rules);
  rules = select(flip, rule(RuleId::kServiceSource), rules);
  static_assert(sizeof(RuleId) == 1 && sizeof(ProtocolId) == 2 &&
                sizeof(Port) == 2);
  store8(rules, reinterpret_cast<std::uint8_t*>(out.rule.data() + first));
  store16(protocol.value, out.protocol.data() + first);
  store16(src.value, out.src_port.data() + first);
  store16(dst.value, out.dst_port.data() + first);
  const unsigned defaults = rest & ~flip & kAllLanes;
  out.undecided |= ((open & ~group_address & unsure) | other_names) << first;
  out.exceptions |= (~defaults & kAllLanes) << first;
  out.defaults += static_cast<unsigned>(count_ones(defaults));
  return true;
}

bool decide_batch(const PlainBatch& batch, const BatchColumns& columns,
                  const PortPolicy& ports, BatchDecision& out) {
  out.undecided = out.exceptions = 0;
  out.defaults = 0;
  Columns loaded;
  if (columns.padded) {
    load_columns<true>(batch, columns, loaded);
    for (std::size_t first = 0; first < PlainBatch::kRows; first += kLanes) {
      if (!decide_lanes<true>(loaded, columns, ports, first, out))
        return false;
    }
    return true;
  }
  load_columns<false>(batch, columns, loaded);
  for (std::size_t first = 0; first < PlainBatch::kRows; first += kLanes) {
    if (!decide_lanes<false>(loaded, columns, ports, first, out))
      return false;
  }
  return true;
}
