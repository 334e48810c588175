#include "pipeline/block_cleaner.h"

#include <algorithm>
#include <cstring>

#include "pipeline/input_header.h"

namespace flowclean {

namespace {

// Batches decide the static rules (and with a model, ask it about the rows
// those leave open), for rows the quickest way can read and columns the
// batch can find between separators.
std::optional<BatchColumns> batch_columns(const Schema& schema,
                                          const RowPolicy& policy) {
  if (!policy.batches || schema.columns() > RecordScanner::kMaxPlainColumns ||
      !batch_rules_supported())
    return std::nullopt;
  return batch_columns_of(schema);
}

}  // namespace

BlockCleaner::BlockCleaner(const Schema& schema, const RowPolicy& policy)
    : BlockLoop(schema, policy, batch_columns(schema, policy)),
      default_marks_(marks_of(schema, action_name(Action::kKeep),
                              rule_of(RuleId::kDefault).name)) {
  // Not zeroed (new char[], not a vector): the pages are only touched as
  // flips need them, which keeps a cleaner cheap to make (the fuzzer makes
  // one per input).
  scratch_.reset(
      new char[policy.max_row_bytes + kFieldCopy + max_flip_growth(schema)]);
  // Only the columns from the first pair's source to the last pair's
  // destination move: in VAST rows 5-17 of 0-18, about half the bytes.
  for (std::size_t i = 0; i < schema.columns(); ++i) {
    if (schema.flipped_order[i] != i) {
      moved_first_ = std::min(moved_first_, i);
      moved_last_ = std::max(moved_last_, i);
    }
  }
  if (!schema.flips.empty())
    flip_of_.assign(schema.columns(), nullptr);
  for (const ColumnFlip& flip : schema.flips) {
    flip_of_[flip.column] = &flip;
    moved_first_ = std::min(moved_first_, flip.column);
    moved_last_ = std::max(moved_last_, flip.column);
  }
}

void BlockCleaner::end_run(BlockResult& result) {
  if (run_end_ != run_begin_) {
    result.spans.push_back({static_cast<std::size_t>(run_begin_ - data_),
                            static_cast<std::size_t>(run_end_ - run_begin_),
                            false});
  }
  run_begin_ = run_end_ = nullptr;
}

// The moved columns of a flipped row in their new order, built in
// scratch_: as long as the columns they replace. Empty when no column
// moves (every format swaps its addresses: never).
template <class Row>
std::string_view BlockCleaner::flipped_columns(const Row& record) {
  static_assert(kFieldCopy <= kScanPadding, "copies read into the padding");
  if (moved_first_ > moved_last_)
    return {};
  char* const start = scratch_.get();
  char* out = start;
  if (!flip_of_.empty()) {
    // Columns rewritten, not only moved: the general way, field by field.
    for (std::size_t i = moved_first_; i <= moved_last_; ++i) {
      const ColumnFlip* flip = flip_of_[i];
      const std::string_view field = record.raw(schema_.flipped_order[i]);
      out = flip == nullptr ? std::copy(field.begin(), field.end(), out)
                            : write_flipped_field(*flip, field,
                                                  record.raw(flip->total), out);
      *out++ = schema_.dialect.separator;
    }
    return {start, static_cast<std::size_t>(out - start) - 1};
  }
  for (std::size_t i = moved_first_; i <= moved_last_; ++i) {
    const std::string_view field = record.raw(schema_.flipped_order[i]);
    // Flow fields are short: one fixed-size copy (reading into the next
    // fields or the block's padding, writing into scratch's spare bytes)
    // instead of a call that branches on the size. Flips took 110 ns a row
    // with std::string appends, a tenth of a run.
    if (field.size() <= kFieldCopy) {
      std::memcpy(out, field.data(), kFieldCopy);
    } else {
      std::memcpy(out, field.data(), field.size());
    }
    out += field.size();
    *out++ = schema_.dialect.separator;
  }
  return {start, static_cast<std::size_t>(out - start) - 1};
}

// The row goes out as it is, or with its moved columns replaced by
// `flipped`: the bytes around them still straight from the block.
template <class Row>
void BlockCleaner::copy_row(const Row& record, std::string_view flipped,
                            BlockResult& result) {
  if (flipped.empty()) {
    copy(record.begin, record.end, result);
    return;
  }
  const char* const moved = record.raw(moved_first_).data();
  copy(record.begin, moved, result);
  rewrite(flipped, result);
  copy(moved_end(record), record.end, result);
}

template <class Row>
void BlockCleaner::emit(const Row& record, BlockResult& result,
                        std::string_view action, std::string_view rule,
                        std::string_view flipped) {
  if (!policy_.annotate) {
    copy_row(record, flipped, result);
    return;
  }
  std::string& out = result.annotated;
  const std::size_t row = out.size();
  if (flipped.empty()) {
    // Every SiLK row comes this way (its marks): one resize and plain
    // copies. Appends, a call each, were 18% of a clean of 300 MB of
    // rwcut output (perf, 2026-12-07); this made it 0.14 s -> 0.11 s.
    const auto content =
        static_cast<std::size_t>(record.content_end - record.begin);
    const auto line_end =
        static_cast<std::size_t>(record.end - record.content_end);
    const char sep = schema_.dialect.separator;
    const bool trailing = content > 0 && record.content_end[-1] == sep;
    out.resize(row + content + action.size() + rule.size() + 2 + line_end);
    char* p = std::copy(record.begin, record.content_end, &out[row]);
    p = write_columns(p, trailing, sep, action, rule);
    std::copy(record.content_end, record.end, p);
    return;
  }
  out.append(record.begin, record.content_end);
  const char* const moved = record.raw(moved_first_).data();
  out.replace(row + static_cast<std::size_t>(moved - record.begin),
              static_cast<std::size_t>(moved_end(record) - moved), flipped);
  append_columns(out, row, schema_.dialect.separator, action, rule);
  out.append(record.content_end, record.end);
}

template <class Row>
void BlockCleaner::count_decision(const FlowKey& key, const Decision& decision,
                                  const Row& record, Summary& summary) const {
  ++summary.by_rule[static_cast<std::size_t>(decision.rule)];
  if (policy_.count_ports)
    summary.ports.count(key.protocol, key.src_port, key.dst_port);
  if (decision.rule == RuleId::kPortsMeaningless) {
    ++summary.meaningless_by_protocol[key.protocol];
    std::string& code = summary.protocol_codes[key.protocol];
    if (code.empty() && schema_.protocol_code) {
      code = std::string(record.value(*schema_.protocol_code));
    }
  } else if (decision.rule == RuleId::kPortZero) {
    ++summary.port_zero_tcp_udp[key.protocol == kUdp ? 1 : 0];
  }
  if (decision.action == Action::kFlip) {
    ++summary.rows_flipped;
    summary.count_flip(key.src_port);
    // A reply of a one-direction format is marked, not flipped: written as
    // it was read, it stays on its side in the port tables.
    if (policy_.count_ports && !schema_.unidirectional)
      summary.ports.count_flip(key.protocol, key.src_port, key.dst_port);
  }
}
template void BlockCleaner::count_decision(const FlowKey&, const Decision&,
                                           const PlainRecord&, Summary&) const;

std::string BlockCleaner::flipped_row(const Record& record) {
  const std::string_view moved = flipped_columns(record);
  std::string row(record.begin, record.raw(moved_first_).data());
  row.append(moved);
  row.append(moved_end(record), record.end);
  return row;
}

template <class Row>
void BlockCleaner::pass_malformed(const Row& row, BlockResult& result) {
  emit(row, result, action_name(Action::kKeep), kMalformedRule);
}

void BlockCleaner::keep_line(const Record& record, BlockResult& result) {
  if (policy_.annotate) {
    // A second header in joined Zeek logs names the two columns too.
    result.annotated.append(annotated_header(
        std::string_view(record.begin, record.size()), schema_));
  } else {
    copy(record.begin, record.end, result);
  }
}

template <class Row>
[[gnu::always_inline]] inline void BlockCleaner::take(const Row& r,
                                                      const FlowKey& key,
                                                      BlockResult& result,
                                                      Summary& summary) {
  take_decided(r, key, decide(key, policy_.ports, policy_.model), result,
               summary);
}

template <class Row>
[[gnu::always_inline]] inline void BlockCleaner::take_decided(
    const Row& r, const FlowKey& key, const Decision& decision,
    BlockResult& result, Summary& summary) {
  count_decision(key, decision, r, summary);
  ++summary.rows_written;
  std::string_view flipped;
  if (decision.action == Action::kFlip) {
    ++result.rows_flipped;
    if (schema_.unidirectional) {
      // Its bytes are what its source, the server, sent: marked, kept.
      ++summary.rows_marked;
    } else {
      flipped = flipped_columns(r);
    }
  }
  emit(r, result, marked_action(decision), rule_of(decision.rule).name,
       flipped);
}

void BlockCleaner::take_row(const PlainRecord& row, const FlowKey& key,
                            const Decision& decision, BlockResult& result,
                            Summary& summary) {
  take_decided(row, key, decision, result, summary);
}

// Row r of a decided batch: its key from the batch, and its decision when
// the batch left it to the row-at-a-time rules (with the model, if any).
Decision BlockCleaner::batch_row(const PlainRecord& row, std::size_t r,
                                 const BatchDecision& decided, FlowKey& key) {
  key = FlowKey{};
  key.protocol = decided.protocol[r];
  key.src_port = decided.src_port[r];
  key.dst_port = decided.dst_port[r];
  if (((decided.undecided >> r) & 1U) == 0)
    return Decision{rule_of(decided.rule[r]).action, decided.rule[r]};
  // Only decide() reads the addresses: trimming rwcut's padding off them
  // for every row the batch decided was 4% of a clean of its output.
  key.src_address = field(row, schema_.src_ip);
  key.dst_address = field(row, schema_.dst_ip);
  // A protocol name other than TCP and UDP: its number is looked up here
  // (the batch parsed the row's ports, so key_of finds nothing wrong). With
  // a model, key_of reads the payload the learned rules ask about too.
  if (!schema_.protocol || policy_.model != nullptr) {
    (void)key_of(row, key);
  } else {
    key.started = started(row, key.protocol);
  }
  return decide(key, policy_.ports, policy_.model);
}

// The handshake rules come before service-source and the default, which
// the batch decided blind to them: each TCP row's record of the handshake
// is read here, and the rows it decides become exceptions. Zeek and Argus
// took 1.52x and 1.60x VAST's time per byte so (1 GB, AVX-512), where
// deciding their rows one at a time took 2.4x and 2.9x.
void BlockCleaner::apply_handshake(const PlainBatch& batch,
                                   BatchDecision& decided) const {
  for (std::size_t r = 0; r < PlainBatch::kRows; ++r) {
    const RuleId rule = decided.rule[r];
    if (decided.protocol[r] != kTcp || ((decided.undecided >> r) & 1U) ||
        (rule != RuleId::kDefault && rule != RuleId::kServiceSource))
      continue;
    const std::int8_t first_syn = started(batch.row(r), decided.protocol[r]);
    if (first_syn == 0)
      continue;
    if (((decided.exceptions >> r) & 1U) == 0) {
      --decided.defaults;
      decided.exceptions |= 1U << r;
    }
    decided.rule[r] = first_syn > 0 ? RuleId::kHandshakeSource
                                    : RuleId::kHandshakeDestination;
  }
}

// The exceptions' ports are counted with their decision.
void BlockCleaner::count_defaults(const BatchDecision& decided,
                                  Summary& summary) const {
  summary.by_rule[static_cast<std::size_t>(RuleId::kDefault)] +=
      decided.defaults;
  if (policy_.count_ports) {
    summary.ports.count_batch(
        decided.protocol.data(), decided.src_port.data(),
        decided.dst_port.data(),
        ~decided.exceptions & ((1U << PlainBatch::kRows) - 1));
  }
}

// Sixteen rows decided at once: only the rows a rule other than the
// default decides (about one in twelve in VAST data) are visited one by one.
void BlockCleaner::take_batch(const PlainBatch& batch, BatchDecision& decided,
                              BlockResult& result, Summary& summary) {
  constexpr std::size_t kRows = PlainBatch::kRows;
  if (schema_.handshake)
    apply_handshake(batch, decided);
  if (policy_.model != nullptr)
    decide_learned(batch, decided);
  result.lines += kRows;
  result.rows_read += kRows;
  summary.rows_read += kRows;
  if (policy_.annotate || schema_.unidirectional) {
    // Every row is written anew with its action and rule (SiLK's marks),
    // or, marked already, counted as marked and never flipped.
    take_marked_batch(batch, decided, result, summary);
    return;
  }
  count_defaults(decided, summary);
  const char* cursor = batch.begin;
  for (std::uint32_t left = decided.exceptions; left != 0; left &= left - 1) {
    const auto r = static_cast<std::size_t>(__builtin_ctz(left));
    const PlainRecord row = batch.row(r);
    FlowKey key;
    const Decision decision = batch_row(row, r, decided, key);
    count_decision(key, decision, row, summary);
    if (decision.action == Action::kFlip) {
      ++result.rows_flipped;
      copy(cursor, row.begin, result);
      copy_row(row, flipped_columns(row), result);
      cursor = row.end;
    }
  }
  summary.rows_written += kRows;
  copy(cursor, batch.end(), result);
}

template void BlockLoop<BlockCleaner>::clean(const Block&, BlockResult&,
                                             Summary&);

}  // namespace flowclean
