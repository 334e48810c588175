// list_windows (simd/lister.h), written once over an instruction set's
// wrapper. Included by each simd/<isa>.cc inside its own namespace, after
// the wrapper that gives:
//   Window(const char* data): 64 bytes, with eq(c) and below(c) (signed,
//     so bytes >= 0x80 count as below) as bitmaps, bit i for byte i;
//   store_positions(bits, at, out): at + i for each set bit i, in order,
//     possibly more entries past them (kFlattenSlack); returns the count;
//   count_ones, lowest_bit.
// One pass: the bitmaps never go through memory (on the CI machine, a
// 300 MB clean in memory took 0.082 s in two steps, classify then flatten,
// and 0.076 s in one).
// NOLINT(llvm-header-guard): included once per instruction set.

// Compared as signed bytes, so bytes >= 0x80 fall below it too and are
// marked with the control bytes.
constexpr char kFirstText = static_cast<char>(kFirstTextByte);

/// One window: its bytes outside `keep` are not there. A TAB separator is
/// below kFirstText and is not a byte needing care (kTextSeparator false);
/// a ',' or '|' one is text already, and the window skips the and-not.
template <bool kTextSeparator>
inline void list_window(const char* data, std::uint32_t at, std::uint64_t keep,
                        std::size_t w, char separator, WindowLists out,
                        ListCounts& counts) {
  const Window window(data);
  const std::uint64_t newlines = window.eq('\n') & keep;
  const std::uint64_t separators = window.eq(separator) & keep;
  std::uint64_t control = window.below(kFirstText) & ~newlines;
  if constexpr (!kTextSeparator)
    control &= ~separators;
  out.care[w] = (control | window.eq('"')) & keep;
  counts.care |= out.care[w];
  counts.commas += store_positions(separators, at, out.commas + counts.commas);
  // Rows are longer than a window, mostly: one newline at most, stored
  // without store_positions' group (thrown away if none).
  out.newlines[counts.newlines] = at + lowest_bit(newlines);
  counts.newlines += newlines != 0 ? 1 : 0;
  for (std::uint64_t more = newlines & (newlines - 1); more != 0;
       more &= more - 1) {
    out.newlines[counts.newlines++] = at + lowest_bit(more);
  }
}

/// Only the first and last windows are masked: the middle ones skip the
/// mask's selects (2% of a one-thread clean).
template <bool kTextSeparator>
ListCounts list_separated(const char* data, std::size_t windows,
                          std::uint32_t first, std::uint64_t keep_first,
                          std::uint64_t keep_last, char separator,
                          WindowLists out) {
  ListCounts counts;
  if (windows == 0)
    return counts;
  const auto at = [first](std::size_t w) {
    return static_cast<std::uint32_t>(first + 64 * w);
  };
  list_window<kTextSeparator>(data, at(0),
                              keep_first & (windows == 1 ? keep_last : ~0ULL),
                              0, separator, out, counts);
  if (windows == 1)
    return counts;
  for (std::size_t w = 1; w + 1 < windows; ++w)
    list_window<kTextSeparator>(data + 64 * w, at(w), ~std::uint64_t{0}, w,
                                separator, out, counts);
  list_window<kTextSeparator>(data + 64 * (windows - 1), at(windows - 1),
                              keep_last, windows - 1, separator, out, counts);
  return counts;
}

ListCounts list(const char* data, std::size_t windows, std::uint32_t first,
                std::uint64_t keep_first, std::uint64_t keep_last,
                char separator, WindowLists out) {
  if (static_cast<unsigned char>(separator) >= kFirstTextByte)
    return list_separated<true>(data, windows, first, keep_first, keep_last,
                                separator, out);
  return list_separated<false>(data, windows, first, keep_first, keep_last,
                               separator, out);
}
