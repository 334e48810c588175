// What clean writes for a batch of rows that all go out with their two
// marks, flowcleanAction and flowcleanRule: every SiLK row (one direction a
// row: replies are marked, not flipped) and every row with --annotate. SiLK
// rows that have their marks (cleaned before) go out as they are.
#include <array>
#include <cstring>

#include "pipeline/block_cleaner.h"

namespace flowclean {

namespace {

constexpr std::size_t kMarkedSlack = 32;

/// Copies [from, to) to `out` in fixed steps, reading and writing up to
/// kMarkedSlack - 1 bytes past the end: the block's padding is readable,
/// and the output has that much slack. Rows of rwcut output are about 70
/// bytes, three steps, where memcpy's call branched on the size.
inline char* copy_in_steps(char* out, const char* from, const char* to) {
  constexpr std::size_t kStep = kMarkedSlack;
  static_assert(kStep <= kScanPadding, "steps read into the padding");
  const auto size = static_cast<std::size_t>(to - from);
  for (std::size_t i = 0; i < size; i += kStep)
    std::memcpy(out + i, from + i, kStep);
  return out + size;
}

}  // namespace

BlockCleaner::Marks BlockCleaner::marks_of(const Schema& schema,
                                           std::string_view action,
                                           std::string_view rule) {
  Marks marks;
  for (const bool trailing : {false, true}) {
    std::string& text = marks.text[trailing ? 1 : 0];
    text.assign(action.size() + rule.size() + 2 + kMarkedSlack, '\0');
    text.resize(static_cast<std::size_t>(write_columns(text.data(), trailing,
                                                       schema.dialect.separator,
                                                       action, rule) -
                                         text.data()));
  }
  return marks;
}

// Each row's decision, then the batch written in one pass over a buffer
// sized once. Written one row at a time through emit(), each row's resize
// and copies were 36% of a clean of rwcut output (perf, 1 GB, 14 million
// rows); doc/performance.md has the before and after.
void BlockCleaner::take_marked_batch(const PlainBatch& batch,
                                     const BatchDecision& decided,
                                     BlockResult& result, Summary& summary) {
  constexpr std::size_t kRows = PlainBatch::kRows;
  BatchDecisions decision;
  BatchKeys& key = batch_keys_;
  bool moves = false;
  for (std::uint32_t left = decided.exceptions; left != 0; left &= left - 1) {
    const auto r = static_cast<std::size_t>(__builtin_ctz(left));
    decision[r] = batch_row(batch.row(r), r, decided, key[r]);
    moves |= decision[r].action == Action::kFlip && !schema_.unidirectional;
  }
  if (moves) {  // --annotate with a row flipped: its columns move
    take_marked_rows(batch, decided, decision, key, result, summary);
    return;
  }
  count_defaults(decided, summary);
  summary.rows_written += kRows;
  std::size_t marks = 0;
  for (std::uint32_t left = decided.exceptions; left != 0; left &= left - 1) {
    const auto r = static_cast<std::size_t>(__builtin_ctz(left));
    count_decision(key[r], decision[r], batch.row(r), summary);
    if (decision[r].action == Action::kFlip) {
      ++result.rows_flipped;
      ++summary.rows_marked;
    }
    marks += marked_action(decision[r]).size() +
             rule_of(decision[r].rule).name.size() + 2;
  }
  if (!policy_.annotate) {  // marked already: cleaned once
    copy(batch.begin, batch.end(), result);
    return;
  }
  // Default marks are as long with or without a trailing separator.
  marks += decided.defaults * default_marks_.text[0].size();
  std::string& out = result.annotated;
  const std::size_t at = out.size();
  out.resize(at + batch.size() + marks + kMarkedSlack);
  char* p = &out[at];
  const char sep = schema_.dialect.separator;
  for (std::size_t r = 0; r < kRows; ++r) {
    const PlainRecord row = batch.row(r);
    p = copy_in_steps(p, row.begin, row.content_end);
    const bool trailing =
        row.content_end != row.begin && row.content_end[-1] == sep;
    if (((decided.exceptions >> r) & 1U) == 0) {
      const std::string& text = default_marks_.text[trailing ? 1 : 0];
      p = copy_in_steps(p, text.data(), text.data() + text.size());
    } else {
      p = write_columns(p, trailing, sep, marked_action(decision[r]),
                        rule_of(decision[r].rule).name);
    }
    std::memcpy(p, row.content_end, 2);  // CR LF or LF and a byte of padding
    p += row.end - row.content_end;
  }
  out.resize(static_cast<std::size_t>(p - out.data()));
}

// The rows of a batch one at a time, as decided: a flipped row's columns
// move, and the rest of the row is written around them (emit).
void BlockCleaner::take_marked_rows(const PlainBatch& batch,
                                    const BatchDecision& decided,
                                    const BatchDecisions& decision,
                                    const BatchKeys& key, BlockResult& result,
                                    Summary& summary) {
  for (std::size_t r = 0; r < PlainBatch::kRows; ++r) {
    if ((decided.exceptions >> r) & 1U) {
      take_row(batch.row(r), key[r], decision[r], result, summary);
      continue;
    }
    FlowKey plain;
    const Decision kept = batch_row(batch.row(r), r, decided, plain);
    take_row(batch.row(r), plain, kept, result, summary);
  }
}

}  // namespace flowclean
