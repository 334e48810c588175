// The scan loop clean and learn share: one block's rows, each the quickest
// way it can take (sixteen at once, plain, or checked field by field),
// with the block's bytes prefetched and a cut made blind checked. What is
// done with a row is the Rows class's (CRTP, so the hot path has no
// indirect call and no per-row test of which pass this is):
//   void begin_block(const char* data);
//   template <class Row> void take(const Row&, const FlowKey&, BlockResult&,
//                                  Summary&);       a row that parses
//   void pass_malformed(const Record&, BlockResult&);  --on-error pass
//   void keep_line(const Record&, BlockResult&);  a comment line
//   void end_block(BlockResult&);
//   static constexpr bool kBatches, and if true
//   void take_batch(const PlainBatch&, const BatchDecision&, BlockResult&,
//                   Summary&);
// BlockCleaner (clean) and BlockLearner (learn) are the two.
#pragma once

#include <cstring>
#include <optional>
#include <string_view>

#include "common/text.h"
#include "pipeline/problem_text.h"
#include "pipeline/row_policy.h"
#include "report/summary.h"
#include "scan/block.h"
#include "scan/checked_scan.h"
#include "scan/json_row.h"
#include "scan/record.h"
#include "scan/record_scanner.h"
#include "scan/schema.h"
#include "simd/batch_rules.h"

namespace flowclean {

/// Header bytes allowed per packet when a format counts bytes with their
/// headers: a TCP SYN with options is 60 bytes of IPv4 (44 to 60 seen),
/// a pure ACK 40 to 52, so a flow of handshake, ACKs and resets comes out
/// at 0 (a probe, as payload columns would say), and a packet carrying
/// data counts what it holds beyond 60 bytes.
inline constexpr std::uint64_t kHeaderBytesPerPacket = 60;

[[nodiscard]] inline std::uint64_t estimated_payload(std::uint64_t bytes,
                                                     std::uint64_t packets) {
  const std::uint64_t headers = kHeaderBytesPerPacket * packets;
  return bytes > headers ? bytes - headers : 0;
}

// Byte counts are not checked as ports are (clean never reads them): text
// that is not a count reads as 0, which only withholds evidence, as a
// format without payload columns does.
template <class Row>
Observation payload_of(const Row& r, const Schema& schema) {
  Observation row;
  const auto count = [&r, &schema](std::size_t column) {
    const std::string_view value = r.value(column);
    return parse_count(schema.padded ? trim_blanks(value) : value).value_or(0);
  };
  if (schema.payload) {
    row.src_payload = count(schema.payload->src);
    row.dst_payload = count(schema.payload->dst);
  } else if (schema.estimate_bytes) {
    const std::uint64_t src_bytes = count(schema.estimate_bytes->src);
    const std::uint64_t src_packets = count(schema.estimate_packets->src);
    std::uint64_t dst_bytes = count(schema.estimate_bytes->dst);
    std::uint64_t dst_packets = count(schema.estimate_packets->dst);
    if (schema.estimate_from_totals) {  // Argus: the rest of the totals
      dst_bytes = dst_bytes > src_bytes ? dst_bytes - src_bytes : 0;
      dst_packets = dst_packets > src_packets ? dst_packets - src_packets : 0;
    }
    row.src_payload = estimated_payload(src_bytes, src_packets);
    row.dst_payload = estimated_payload(dst_bytes, dst_packets);
  } else {
    row.payload_known = false;
  }
  return row;
}

/// How far ahead of the rows a block cut blind is prefetched: far enough
/// for memory to answer before the lister reads the bytes (a chunk of
/// 16 KiB at a time), near enough to keep them in cache. Best of 8 to
/// 64 KiB (one thread, 2 GB mapped file: doc/performance.md).
inline constexpr std::size_t kPrefetchBytes = std::size_t{16} << 10;

// Every line, into L2 (prefetcht1): 4% quicker than into L1, which holds
// the chunk being listed; every other line left the next to the hardware
// and was 15% slower. Prefetches never fault: past the block they warm the
// next one, which lies right after it in the mapping.
inline const char* prefetch_until(const char* ahead, const char* until) {
  for (; ahead < until; ahead += 64) __builtin_prefetch(ahead, 0, 2);
  return ahead;
}

template <class Rows>
class BlockLoop {
 public:
  /// Cleans (or learns from) a kRows block. The block is only read.
  void clean(const Block& block, BlockResult& result, Summary& summary);

 protected:
  BlockLoop(const Schema& schema, const RowPolicy& policy,
            std::optional<BatchColumns> batch_columns)
      : schema_(schema),
        policy_(policy),
        record_(schema.columns()),
        json_keys_(schema.names),
        json_row_(schema.columns()),
        batch_columns_(batch_columns) {
    scanner_.set_separator(schema.dialect.separator);
  }

  /// A field as the flow key reads it: rwcut pads its columns.
  template <class Row>
  [[nodiscard, gnu::always_inline]] std::string_view field(
      const Row& r, std::size_t column) const {
    const std::string_view value = r.value(column);
    return schema_.padded ? trim_blanks(value) : value;
  }

  /// Who sent the first SYN, where the format records it (handshake.h):
  /// read for TCP rows only.
  template <class Row>
  [[nodiscard]] std::int8_t started(const Row& r, ProtocolId protocol) const {
    return schema_.handshake && protocol == kTcp
               ? handshake_started(schema_.handshake_kind,
                                   field(r, *schema_.handshake))
               : 0;
  }

  // The templates take a Record or a PlainRecord (record.h).
  template <class Row>
  std::optional<Problem> key_of(const Row& r, FlowKey& key) const;

  const Schema& schema_;
  const RowPolicy& policy_;
  const char* data_ = nullptr;  ///< the block being cleaned

 private:
  Rows& rows() { return static_cast<Rows&>(*this); }
  bool take_record(std::optional<Problem> problem, BlockResult& result,
                   Summary& summary);
  /// JSON lines (Dialect::json): the line at `p`, read by key; past it, or
  /// null when the run must stop.
  const char* take_json_line(const char* p, const char* limit,
                             BlockResult& result, Summary& summary);
  template <class Row>
  bool malformed(const Problem& problem, const Row& r,
                 std::uint64_t line_offset, BlockResult& result,
                 Summary& summary);
  const char* check_cut(const Block& block, const char* p, BlockResult& result);
  /// Whether the record is a comment line of the format (Zeek's '#close').
  [[nodiscard]] bool is_comment(const Record& r) const {
    return !schema_.comment.empty() &&
           starts_with(std::string_view(r.begin, r.size()), schema_.comment);
  }
  /// Sixteen rows at `p`, decided at once; false when they cannot be.
  bool take_batch(const char* p, PlainBatch& batch, BatchDecision& decided,
                  BlockResult& result, Summary& summary);

  RecordScanner scanner_;
  Record record_;
  JsonKeys json_keys_;
  JsonRow json_row_;
  /// Set when rows can be decided sixteen at a time (batch_rules.h).
  std::optional<BatchColumns> batch_columns_;
  bool cut_unchecked_ = false;  ///< check_cut has yet to run on the block
};

// Fields of a Record or a PlainRecord (whose field count is already right).
// key_of and take are forced inline: as calls they cost 5% of a 300 MB
// clean in memory.
template <class Rows>
template <class Row>
[[gnu::always_inline]] inline std::optional<Problem> BlockLoop<Rows>::key_of(
    const Row& r, FlowKey& key) const {
  if (schema_.protocol) {
    const auto protocol =
        parse_protocol_number_padded(field(r, *schema_.protocol));
    if (!protocol)
      return Problem{ProblemKind::kBadProtocol, *schema_.protocol};
    key.protocol = *protocol;
  } else {
    key.protocol = protocol_from_code(field(r, *schema_.protocol_code));
  }
  if (schema_.unchecked_ports && !has_ports(key.protocol)) {
    key.src_port = key.dst_port = 0;  // not ports: ICMP type, ARP nothing
  } else {
    const auto src = parse_port_padded(field(r, schema_.src_port));
    if (!src)
      return Problem{ProblemKind::kBadPort, schema_.src_port};
    const auto dst = parse_port_padded(field(r, schema_.dst_port));
    if (!dst)
      return Problem{ProblemKind::kBadPort, schema_.dst_port};
    key.src_port = *src;
    key.dst_port = *dst;
  }
  key.src_address = field(r, schema_.src_ip);
  key.dst_address = field(r, schema_.dst_ip);
  key.started = started(r, key.protocol);
  if (policy_.model != nullptr) {
    const Observation payload = payload_of(r, schema_);
    key.probe = is_probe(payload);
    key.conversation = is_conversation(payload);
  }
  return std::nullopt;
}

/// Counts a malformed row and sends it where --on-error says; false when
/// the run must stop (fail).
template <class Rows>
template <class Row>
bool BlockLoop<Rows>::malformed(const Problem& problem, const Row& r,
                                std::uint64_t line_offset, BlockResult& result,
                                Summary& summary) {
  ++summary.rows_malformed;
  if (summary.malformed_by_kind[static_cast<std::size_t>(problem.kind)]++ <
      kFirstMalformedKept) {
    // The worker's first of this kind: a block's first are among them.
    result.malformed_at.emplace_back(problem.kind, line_offset);
  }
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
  rows().pass_malformed(r, result);
  return true;
}

// The way every record can take: scanned into record_, checked field by
// field, and malformed rows sent where --on-error says. Returns false when
// the run must stop.
template <class Rows>
bool BlockLoop<Rows>::take_record(std::optional<Problem> problem,
                                  BlockResult& result, Summary& summary) {
  const Record& r = record_;
  const std::uint64_t line_offset = result.lines;
  result.lines += r.newlines;
  if (!problem && r.content_end == r.begin) {
    ++summary.blank_lines;
    return true;
  }
  // Kept whatever its bytes: comments are not rows to check.
  if (is_comment(r)) {
    ++summary.lines_kept;
    rows().keep_line(r, result);
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
    problem = r.field_count != schema_.columns()
                  ? Problem{ProblemKind::kFieldCount}
                  : key_of(r, key);
  }
  if (problem)
    return malformed(*problem, r, line_offset, result, summary);
  rows().take(r, key, result, summary);
  return true;
}

// A line at a time: a memchr for its end, then its members by key. Zeek
// writes no comment lines in JSON; an empty line is dropped, as in CSV.
template <class Rows>
const char* BlockLoop<Rows>::take_json_line(const char* p, const char* limit,
                                            BlockResult& result,
                                            Summary& summary) {
  // The marks find the line's end as they go; a line longer than they
  // cover is looked for with memchr and read byte by byte.
  const std::size_t windows = std::min(
      kMaxJsonWindows, (static_cast<std::size_t>(limit - p) + 63) / 64);
  const JsonLineMarks marks = json_row_.mark(p, windows);
  const char* newline =
      marks.newline == JsonLineMarks::kNoNewline ? nullptr : p + marks.newline;
  if (newline == nullptr && windows == kMaxJsonWindows) {
    newline = static_cast<const char*>(
        std::memchr(p, '\n', static_cast<std::size_t>(limit - p)));
  } else if (newline != nullptr && newline >= limit) {
    newline = nullptr;  // in the padding
  }
  const char* end = newline != nullptr ? newline + 1 : limit;
  const char* content_end = newline != nullptr ? newline : limit;
  if (content_end > p && content_end[-1] == '\r')
    --content_end;
  const std::uint64_t line_offset = result.lines;
  result.lines += newline != nullptr ? 1 : 0;
  if (content_end == p) {
    ++summary.blank_lines;
    return end;
  }
  ++result.rows_read;
  ++summary.rows_read;
  JsonRow& r = json_row_;
  std::optional<Problem> problem;
  // Read by marks only up to a '\n' they found: past the block's last
  // byte, they marked its padding.
  const bool marked_through = marks.newline != JsonLineMarks::kNoNewline &&
                              newline == p + marks.newline;
  if (!marked_through || !r.scan_marked(p, content_end, end, marks, json_keys_))
    problem = r.scan(p, content_end, end, json_keys_);
  FlowKey key;
  if (r.size() > policy_.max_row_bytes) {
    problem = Problem{ProblemKind::kRowTooLong};
  } else if (!problem) {
    problem = key_of(r, key);
  }
  if (!problem) {
    rows().take(r, key, result, summary);
  } else if (!malformed(*problem, r, line_offset, result, summary)) {
    return nullptr;
  }
  return end;
}

// Rows before `p` held no byte needing care, so no quote: `p` starts a
// record, and last_record_end from there is where the block truly ends. In
// input without quotes the cut stands, found in one memchr over the rest of
// the block; this runs at most once a block.
template <class Rows>
const char* BlockLoop<Rows>::check_cut(const Block& block, const char* p,
                                       BlockResult& result) {
  cut_unchecked_ = false;
  const auto from = static_cast<std::size_t>(p - data_);
  const std::size_t end =
      from + last_record_end(p, block.extent - from, policy_.max_row_bytes,
                             schema_.dialect.quoting,
                             schema_.dialect.separator);
  if (end != block.size) {
    result.recut = end;
    scanner_.reset(data_, end);
    scanner_.resync(p);
  }
  return data_ + end;
}

template <class Rows>
bool BlockLoop<Rows>::take_batch([[maybe_unused]] const char* p,
                                 [[maybe_unused]] PlainBatch& batch,
                                 [[maybe_unused]] BatchDecision& decided,
                                 [[maybe_unused]] BlockResult& result,
                                 [[maybe_unused]] Summary& summary) {
  if constexpr (Rows::kBatches) {
    if (!scanner_.peek_batch(p, schema_.columns(), batch) ||
        (batch.size() > policy_.max_row_bytes &&
         batch.longest_row() > policy_.max_row_bytes) ||
        !decide_batch(batch, *batch_columns_, policy_.ports, decided)) {
      return false;
    }
    rows().take_batch(batch, decided, result, summary);
    scanner_.take_batch(batch);
    return true;
  } else {
    return false;
  }
}

// Nearly every row takes the quickest way: a PlainRecord, read in place.
// A plain row that turns out malformed or too long is read again from its
// bytes, so that its problem is found and told the one way.
template <class Rows>
void BlockLoop<Rows>::clean(const Block& block, BlockResult& result,
                            Summary& summary) {
  result.reset();
  const char* const data = block.data();
  const char* limit = data + block.rows_size();
  data_ = data;
  rows().begin_block(data);
  cut_unchecked_ = block.cut_unchecked();
  // Blocks cut blind were not read before: their bytes are fetched from
  // memory here, while rows are cleaned (BlockReader::cut_blind).
  const char* ahead = cut_unchecked_ ? data + kPrefetchBytes : nullptr;
  if (schema_.dialect.json) {
    for (const char* p = data; p != nullptr && p < limit;)
      p = take_json_line(p, limit, result, summary);
    rows().end_block(result);
    return;
  }
  scanner_.reset(data, block.rows_size());
  const std::size_t columns = schema_.columns();
  const bool quick = columns >= 2 && columns <= RecordScanner::kMaxPlainColumns;
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
      if (take_batch(p, batch, decided, result, summary)) {
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
        rows().take(plain, key, result, summary);
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
      problem = scan_checked(p, limit, record_, policy_.max_row_bytes,
                             schema_.dialect);
      scanner_.resync(record_.end);
    }
    if (!take_record(problem, result, summary))
      break;
    p = record_.end;
  }
  rows().end_block(result);
}

}  // namespace flowclean
