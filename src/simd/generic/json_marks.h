// mark_json (simd/json_marks.h), written once over an instruction set's
// Window, store_positions and count_ones (simd/generic/lister.h says what
// they give), masked_eq (bytes b with b & mask == c) and prefix_xor. A
// Zeek JSON line is 300-400 bytes: five or six windows.
// NOLINT(llvm-header-guard): included once per instruction set.

JsonLineMarks mark_json(const char* data, std::size_t windows,
                        std::uint32_t* marks) {
  JsonLineMarks line;
  std::uint64_t inside = 0;  // all ones while in a string
  for (std::size_t w = 0; w < windows; ++w) {
    const Window window(data + 64 * w);
    const std::uint64_t newlines = window.eq('\n');
    const std::uint64_t keep =
        newlines == 0 ? ~std::uint64_t{0} : (newlines & (0 - newlines)) - 1;
    const std::uint64_t quotes = window.eq('"') & keep;
    const std::uint64_t strings = prefix_xor(quotes) ^ inside;
    inside =
        static_cast<std::uint64_t>(static_cast<std::int64_t>(strings) >> 63);
    // '[' ']' '{' '}' are the bytes that are 0x59 under the mask 0xD9, and
    // so are '_', 'Y', 'y' and DEL: outside a string (a number, true,
    // false or null has none) they only send the line to scan(). Control
    // bytes are those with none of the top three bits set. One count of
    // both: escapes and nesting bytes are never the same byte.
    const std::uint64_t nesting =
        window.masked_eq('\xD9', 0x59) | window.eq(' ');
    const std::uint64_t escapes = window.eq('\\') | window.masked_eq('\xE0', 0);
    line.stray += static_cast<std::uint32_t>(
        count_ones((escapes | (nesting & ~strings)) & keep));
    line.quotes += static_cast<std::uint32_t>(count_ones(quotes));
    line.marks +=
        store_positions(window.eq(',') & keep & ~strings,
                        static_cast<std::uint32_t>(64 * w), marks + line.marks);
    if (newlines != 0) {
      line.newline = static_cast<std::uint32_t>(64 * w) + lowest_bit(newlines);
      break;
    }
  }
  line.open_string = inside != 0;
  return line;
}
