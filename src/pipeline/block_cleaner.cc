#include "pipeline/block_cleaner.h"

#include <algorithm>
#include <cstring>

namespace flowclean {

namespace {

// Batches decide the static rules only, with no --annotate, for rows the
// quickest way can read and columns the batch can find between commas.
std::optional<BatchColumns> batch_columns(const Schema& schema,
                                          const RowPolicy& policy,
                                          const Evidence* learn_into) {
  if (!policy.batches || learn_into != nullptr || policy.model != nullptr ||
      policy.annotate || schema.columns() > RecordScanner::kMaxPlainColumns ||
      !batch_rules_supported())
    return std::nullopt;
  return batch_columns_of(schema);
}

}  // namespace

BlockCleaner::BlockCleaner(const Schema& schema, const RowPolicy& policy,
                           Evidence* learn_into)
    : schema_(schema),
      policy_(policy),
      learn_into_(learn_into),
      record_(schema.columns()),
      batch_columns_(batch_columns(schema, policy, learn_into)) {
  // Not zeroed (new char[], not a vector): the pages are only touched as
  // flips need them, which keeps a cleaner cheap to make (the fuzzer makes
  // one per input).
  scratch_.reset(new char[policy.max_row_bytes + kFieldCopy]);
  // Only the columns from the first pair's source to the last pair's
  // destination move: in VAST rows 5-17 of 0-18, about half the bytes.
  for (std::size_t i = 0; i < schema.columns(); ++i) {
    if (schema.flipped_order[i] != i) {
      moved_first_ = std::min(moved_first_, i);
      moved_last_ = i;
    }
  }
}

namespace {

// Byte counts are not checked as ports are (clean never reads them): text
// that is not a count reads as 0, which only withholds evidence.
template <class Row>
Observation payload_of(const Row& r, const Schema& schema) {
  Observation row;
  row.src_payload = parse_count(r.value(schema.pairs[2].src)).value_or(0);
  row.dst_payload = parse_count(r.value(schema.pairs[2].dst)).value_or(0);
  return row;
}

}  // namespace

// Fields of a Record or a PlainRecord (whose field count is already right).
// key_of and take are forced inline: as calls they cost 5% of a 300 MB
// clean in memory.
template <class Row>
[[gnu::always_inline]] inline std::optional<Problem> BlockCleaner::key_of(
    const Row& r, FlowKey& key) const {
  if (schema_.protocol) {
    const auto protocol =
        parse_protocol_number_padded(r.value(*schema_.protocol));
    if (!protocol)
      return Problem{ProblemKind::kBadProtocol, *schema_.protocol};
    key.protocol = *protocol;
  } else {
    key.protocol = protocol_from_code(r.value(*schema_.protocol_code));
  }
  const auto src = parse_port_padded(r.value(schema_.src_port));
  if (!src)
    return Problem{ProblemKind::kBadPort, schema_.src_port};
  const auto dst = parse_port_padded(r.value(schema_.dst_port));
  if (!dst)
    return Problem{ProblemKind::kBadPort, schema_.dst_port};
  key.src_port = *src;
  key.dst_port = *dst;
  key.src_address = r.value(schema_.pairs[0].src);
  key.dst_address = r.value(schema_.dst_ip);
  if (policy_.model != nullptr) {
    const Observation payload = payload_of(r, schema_);
    key.probe = is_probe(payload);
    key.conversation = is_conversation(payload);
  }
  return std::nullopt;
}

std::optional<Problem> BlockCleaner::check_row(FlowKey& key) const {
  if (record_.field_count != schema_.columns())
    return Problem{ProblemKind::kFieldCount};
  return key_of(record_, key);
}

template <class Row>
void BlockCleaner::observe(const Row& r, const FlowKey& key) {
  learn_into_->count_row();
  if (!has_ports(key.protocol) || key.src_port == 0 || key.dst_port == 0 ||
      is_group_address(key.dst_address)) {
    return;  // the rules that come before learning decide these rows
  }
  Observation row = payload_of(r, schema_);
  row.udp = key.protocol == kUdp;
  row.src_address = key.src_address;
  row.dst_address = key.dst_address;
  row.src_port = key.src_port;
  row.dst_port = key.dst_port;
  ObservationBatch& filling = batches_[filling_];
  filling.rows[filling.size++] = row;
  if (filling.size < kObserveBatch)
    return;
  // Prepare this batch, count the one prepared before: its lines have had
  // a batch's time to arrive.
  learn_into_->prepare(filling);
  ObservationBatch& prepared = batches_[1 - filling_];
  learn_into_->count(prepared);
  prepared.size = 0;
  filling_ = 1 - filling_;
}

// The views in a batch point into the block: counted before it is reused.
void BlockCleaner::flush_observations() {
  ObservationBatch& filling = batches_[filling_];
  learn_into_->prepare(filling);
  for (const std::size_t i : {1 - filling_, filling_}) {
    learn_into_->count(batches_[i]);
    batches_[i].size = 0;
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
// moves (parse_header gives pairs of two columns: never).
template <class Row>
std::string_view BlockCleaner::flipped_columns(const Row& record) {
  static_assert(kFieldCopy <= kScanPadding, "copies read into the padding");
  if (moved_first_ > moved_last_)
    return {};
  char* const start = scratch_.get();
  char* out = start;
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
    *out++ = ',';
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
  end_run(result);
  result.spans.push_back({result.rewritten.size(), flipped.size(), true});
  result.rewritten.append(flipped);
  copy(moved + flipped.size(), record.end, result);
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
  out.append(record.begin, record.content_end);
  if (!flipped.empty()) {
    const auto moved = static_cast<std::size_t>(
        record.raw(moved_first_).data() - record.begin);
    out.replace(row + moved, flipped.size(), flipped);
  }
  out.push_back(',');
  out.append(action);
  out.push_back(',');
  out.append(rule);
  out.append(record.content_end, record.end);
}

namespace {

template <class Row>
void count_decision(const FlowKey& key, const Decision& decision,
                    const Row& record, const Schema& schema, Summary& summary) {
  ++summary.by_rule[static_cast<std::size_t>(decision.rule)];
  if (decision.rule == RuleId::kPortsMeaningless) {
    ++summary.meaningless_by_protocol[key.protocol];
    std::string& code = summary.protocol_codes[key.protocol];
    if (code.empty() && schema.protocol_code) {
      code = std::string(record.value(*schema.protocol_code));
    }
  } else if (decision.rule == RuleId::kPortZero) {
    ++summary.port_zero_tcp_udp[key.protocol == kUdp ? 1 : 0];
  }
  if (decision.action == Action::kFlip) {
    ++summary.rows_flipped;
    summary.count_flip(key.src_port);
  }
}

}  // namespace

bool BlockCleaner::malformed(const Problem& problem, std::uint64_t line_offset,
                             BlockResult& result, Summary& summary) {
  const Record& r = record_;
  ++summary.rows_malformed;
  ++summary.malformed_by_kind[static_cast<std::size_t>(problem.kind)];
  switch (policy_.on_error) {
    case OnError::kFail:
      result.failure = RowFailure{
          line_offset,
          describe_problem(problem, r, schema_, policy_.max_row_bytes)};
      return false;
    case OnError::kSkip:
      ++summary.rows_rejected;
      result.rejects.append(r.begin, r.end);
      return true;
    case OnError::kPass:
      break;
  }
  ++summary.rows_written;
  emit(r, result, action_name(Action::kKeep), kMalformedRule);
  return true;
}

template <class Row>
[[gnu::always_inline]] inline void BlockCleaner::take(const Row& r,
                                                      const FlowKey& key,
                                                      BlockResult& result,
                                                      Summary& summary) {
  if (learn_into_ != nullptr) {
    observe(r, key);
    return;
  }
  const Decision decision = decide(key, policy_.ports, policy_.model);
  count_decision(key, decision, r, schema_, summary);
  ++summary.rows_written;
  std::string_view flipped;
  if (decision.action == Action::kFlip) {
    ++result.rows_flipped;
    flipped = flipped_columns(r);
  }
  emit(r, result, action_name(decision.action), rule_of(decision.rule).name,
       flipped);
}

// Sixteen rows decided at once: only the rows a rule other than the
// default decides (about one in twelve in VAST data) are visited one by one.
void BlockCleaner::take_batch(const PlainBatch& batch,
                              const BatchDecision& decided, BlockResult& result,
                              Summary& summary) {
  constexpr std::size_t kRows = PlainBatch::kRows;
  summary.by_rule[static_cast<std::size_t>(RuleId::kDefault)] +=
      decided.defaults;
  const char* cursor = batch.begin;
  for (std::uint32_t left = decided.exceptions; left != 0; left &= left - 1) {
    const auto r = static_cast<std::size_t>(__builtin_ctz(left));
    const PlainRecord row = batch.row(r);
    FlowKey key;
    key.protocol = decided.protocol[r];
    key.src_port = decided.src_port[r];
    key.dst_port = decided.dst_port[r];
    key.src_address = row.value(schema_.pairs[0].src);
    key.dst_address = row.value(schema_.dst_ip);
    const Decision decision =
        (decided.undecided >> r) & 1U
            ? decide(key, policy_.ports)
            : Decision{rule_of(decided.rule[r]).action, decided.rule[r]};
    count_decision(key, decision, row, schema_, summary);
    if (decision.action == Action::kFlip) {
      ++result.rows_flipped;
      copy(cursor, row.begin, result);
      copy_row(row, flipped_columns(row), result);
      cursor = row.end;
    }
  }
  result.lines += kRows;
  result.rows_read += kRows;
  summary.rows_read += kRows;
  summary.rows_written += kRows;
  copy(cursor, batch.end(), result);
}

// The way every record can take: scanned into record_, checked field by
// field, and malformed rows sent where --on-error says. Returns false when
// the run must stop.
bool BlockCleaner::take_record(std::optional<Problem> problem,
                               BlockResult& result, Summary& summary) {
  const Record& r = record_;
  const std::uint64_t line_offset = result.lines;
  result.lines += r.newlines;
  if (!problem && r.content_end == r.begin) {
    ++summary.blank_lines;
    return true;
  }
  ++result.rows_read;
  ++summary.rows_read;
  FlowKey key;
  // Too long wins over what else is wrong, as for rows longer than a
  // block, which are never scanned: the same row, the same verdict.
  if (r.size() > policy_.max_row_bytes) {
    problem = Problem{ProblemKind::kRowTooLong};
  } else if (!problem) {
    problem = check_row(key);
  }
  if (problem)
    return malformed(*problem, line_offset, result, summary);
  take(r, key, result, summary);
  return true;
}

// Rows before `p` held no byte needing care, so no quote: `p` starts a
// record, and last_record_end from there is where the block truly ends. In
// input without quotes the cut stands, found in one memchr over the rest of
// the block; this runs at most once a block.
const char* BlockCleaner::check_cut(const Block& block, const char* p,
                                    BlockResult& result) {
  cut_unchecked_ = false;
  const auto from = static_cast<std::size_t>(p - data_);
  const std::size_t end = from + last_record_end(p, block.extent - from);
  if (end != block.size) {
    result.recut = end;
    scanner_.reset(data_, end);
    scanner_.resync(p);
  }
  return data_ + end;
}

namespace {

/// How far ahead of the rows a block cut blind is prefetched: far enough
/// for memory to answer before the lister reads the bytes (a chunk of
/// 16 KiB at a time), near enough to keep them in cache. Best of 8 to
/// 64 KiB (one thread, 2 GB mapped file: doc/performance.md).
constexpr std::size_t kPrefetchBytes = std::size_t{16} << 10;

// Every line, into L2 (prefetcht1): 4% quicker than into L1, which holds
// the chunk being listed; every other line left the next to the hardware
// and was 15% slower. Prefetches never fault: past the block they warm the
// next one, which lies right after it in the mapping.
const char* prefetch_until(const char* ahead, const char* until) {
  for (; ahead < until; ahead += 64) __builtin_prefetch(ahead, 0, 2);
  return ahead;
}

}  // namespace

// Nearly every row takes the quickest way: a PlainRecord, read in place.
// A plain row that turns out malformed or too long is read again from its
// bytes, so that its problem is found and told the one way.
void BlockCleaner::clean(const Block& block, BlockResult& result,
                         Summary& summary) {
  result.reset();
  const char* const data = block.data();
  const char* limit = data + block.size;
  data_ = data;
  cut_unchecked_ = block.cut_unchecked();
  // Blocks cut blind were not read before: their bytes are fetched from
  // memory here, while rows are cleaned (BlockReader::cut_blind).
  const char* ahead = cut_unchecked_ ? data + kPrefetchBytes : nullptr;
  run_begin_ = run_end_ = nullptr;
  scanner_.reset(data, block.size);
  const std::size_t columns = schema_.columns();
  // --annotate writes each row anew: the quickest way gains nothing there.
  const bool quick = !policy_.annotate && columns >= 2 &&
                     columns <= RecordScanner::kMaxPlainColumns;
  PlainRecord plain;
  PlainBatch batch;
  BatchDecision decided;
  // After a batch that could not be taken, its rows go one at a time.
  std::size_t single_rows = 0;
  const char* p = data;
  while (p < limit) {
    if (ahead != nullptr)
      ahead = prefetch_until(ahead, p + kPrefetchBytes);
    if (batch_columns_ && single_rows == 0) {
      if (scanner_.peek_batch(p, columns, batch) &&
          (batch.size() <= policy_.max_row_bytes ||
           batch.longest_row() <= policy_.max_row_bytes) &&
          decide_batch(batch, *batch_columns_, policy_.ports, decided)) {
        take_batch(batch, decided, result, summary);
        scanner_.take_batch(batch);
        p = batch.end();
        continue;
      }
      single_rows = PlainBatch::kRows;
    }
    single_rows -= single_rows > 0 ? 1 : 0;
    std::optional<Problem> problem;
    const bool taken = quick && scanner_.next_plain(p, columns, plain);
    if (taken) {
      FlowKey key;
      if (plain.size() <= policy_.max_row_bytes && !key_of(plain, key)) {
        ++result.lines;
        ++result.rows_read;
        ++summary.rows_read;
        take(plain, key, result, summary);
        p = plain.end;
        continue;
      }
    }
    if (cut_unchecked_) {
      limit = check_cut(block, p, result);
      if (p == limit)
        break;
    }
    // A plain row taken but refused has left the scanner's lists: only its
    // bytes can tell it again.
    if (taken || !scanner_.scan_plain(p, record_)) {
      problem = RecordScanner::scan_checked(p, limit, record_);
      scanner_.resync(record_.end);
    }
    if (!take_record(problem, result, summary))
      break;
    p = record_.end;
  }
  if (learn_into_ != nullptr)
    flush_observations();
  end_run(result);
}

}  // namespace flowclean
