#include "flowclean/block_cleaner.h"

#include <algorithm>
#include <cstring>

#include "flowclean/record_scanner.h"

namespace flowclean {

namespace {

// How many leading fields the rules read: the fast scan finds bounds only
// for these and counts the rest (a flip completes them). Learning and a
// model's rules read the payload columns too.
std::size_t fields_read_by_rules(const Schema& schema, bool reads_payload) {
  std::size_t last = std::max(
      {schema.src_port, schema.dst_port, schema.dst_ip, schema.pairs[0].src});
  if (reads_payload)
    last = std::max({last, schema.pairs[2].src, schema.pairs[2].dst});
  if (schema.protocol)
    last = std::max(last, *schema.protocol);
  if (schema.protocol_code)
    last = std::max(last, *schema.protocol_code);
  return last + 1;
}

}  // namespace

BlockCleaner::BlockCleaner(const Schema& schema, const RowPolicy& policy,
                           Evidence* learn_into)
    : schema_(schema),
      policy_(policy),
      learn_into_(learn_into),
      record_(schema.columns()),
      fields_read_(fields_read_by_rules(
          schema, learn_into != nullptr || policy.model != nullptr)) {
  scratch_.reserve(policy.max_row_bytes);
}

namespace {

// Byte counts are not checked as ports are (clean never reads them): text
// that is not a count reads as 0, which only withholds evidence.
Observation payload_of(const Record& r, const Schema& schema) {
  Observation row;
  row.src_payload = parse_count(r.value(schema.pairs[2].src)).value_or(0);
  row.dst_payload = parse_count(r.value(schema.pairs[2].dst)).value_or(0);
  return row;
}

}  // namespace

std::optional<Problem> BlockCleaner::check_row(FlowKey& key) const {
  const Record& r = record_;
  if (r.field_count != schema_.columns()) {
    return Problem{ProblemKind::kFieldCount};
  }
  if (schema_.protocol) {
    const auto protocol = parse_protocol_number(r.value(*schema_.protocol));
    if (!protocol)
      return Problem{ProblemKind::kBadProtocol, *schema_.protocol};
    key.protocol = *protocol;
  } else {
    key.protocol = protocol_from_code(r.value(*schema_.protocol_code));
  }
  const auto src = parse_port(r.value(schema_.src_port));
  if (!src)
    return Problem{ProblemKind::kBadPort, schema_.src_port};
  const auto dst = parse_port(r.value(schema_.dst_port));
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

void BlockCleaner::observe(const FlowKey& key) {
  learn_into_->count_row();
  if (!has_ports(key.protocol) || key.src_port == 0 || key.dst_port == 0 ||
      is_group_address(key.dst_address)) {
    return;  // the rules that come before learning decide these rows
  }
  Observation row = payload_of(record_, schema_);
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

void BlockCleaner::flip(Record& record) {
  RecordScanner::complete_fields(record);
  scratch_.clear();
  const std::size_t columns = schema_.columns();
  for (std::size_t i = 0; i < columns; ++i) {
    scratch_.append(record.raw(schema_.flipped_order[i]));
    if (i + 1 < columns)
      scratch_.push_back(',');
  }
  // Same bytes in another order: the length is unchanged.
  std::memcpy(const_cast<char*>(record.begin), scratch_.data(),
              scratch_.size());
}

void BlockCleaner::emit(const Record& record, char*& write, BlockResult& result,
                        std::string_view action, std::string_view rule) {
  if (policy_.annotate) {
    std::string& out = result.annotated;
    out.append(record.begin, record.content_end);
    out.push_back(',');
    out.append(action);
    out.push_back(',');
    out.append(rule);
    out.append(record.content_end, record.end);
    return;
  }
  const std::size_t size = record.size();
  // Rows move down only after a dropped row (blank or rejected): rare.
  if (write != record.begin)
    std::memmove(write, record.begin, size);
  write += size;
}

namespace {

void count_decision(const FlowKey& key, const Decision& decision,
                    const Record& record, const Schema& schema,
                    Summary& summary) {
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
                             char*& write, BlockResult& result,
                             Summary& summary) {
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
  emit(r, write, result, action_name(Action::kKeep), kMalformedRule);
  return true;
}

void BlockCleaner::clean(Block& block, BlockResult& result, Summary& summary) {
  result.reset();
  char* const data = block.buffer.data();
  const char* const limit = data + block.size;
  char* write = data;
  Record& r = record_;
  RecordScanner scanner(data, block.size);
  for (const char* p = data; p < limit; p = r.end) {
    std::optional<Problem> problem;
    if (!scanner.scan_plain(p, r, fields_read_)) {
      problem = RecordScanner::scan_checked(p, limit, r);
      scanner.resync(r.end);
    }
    const std::uint64_t line_offset = result.lines;
    result.lines += r.newlines;
    if (!problem && r.content_end == r.begin) {
      ++summary.blank_lines;
      continue;
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
    if (problem) {
      if (!malformed(*problem, line_offset, write, result, summary))
        break;
      continue;
    }
    if (learn_into_ != nullptr) {
      observe(key);
      continue;
    }
    const Decision decision = decide(key, policy_.ports, policy_.model);
    count_decision(key, decision, r, schema_, summary);
    if (decision.action == Action::kFlip) {
      ++result.rows_flipped;
      flip(r);
    }
    ++summary.rows_written;
    emit(r, write, result, action_name(decision.action),
         rule_of(decision.rule).name);
  }
  if (learn_into_ != nullptr)
    flush_observations();
  result.output_size = static_cast<std::size_t>(write - data);
}

}  // namespace flowclean
