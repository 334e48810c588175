// What clean does with each row of a block (the loop is block_loop.h):
// decide, flip, and say which of the block's bytes go out.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "pipeline/block_loop.h"
#include "pipeline/field_flips.h"

namespace flowclean {

/// One per worker thread: owns its scratch space, so clean() allocates
/// nothing per row. Cache-line aligned: workers' cleaners sit side by side
/// in a vector and write their record views every row; sharing a line made
/// two threads slower than one (measured, bench/run.sh).
class alignas(64) BlockCleaner : public BlockLoop<BlockCleaner> {
 public:
  BlockCleaner(const Schema& schema, const RowPolicy& policy);

  /// The row as clean writes it when it flips it, whatever the rules say:
  /// tests check that a flip undoes itself in every format. The record's
  /// bytes need kScanPadding readable bytes after them.
  [[nodiscard]] std::string flipped_row(const Record& record);
  /// The same for a row of JSON lines.
  [[nodiscard]] std::string flipped_row(const JsonRow& row);

 private:
  friend class BlockLoop<BlockCleaner>;
  static constexpr bool kBatches = true;

  void begin_block(const char* /*data*/) { run_begin_ = run_end_ = nullptr; }
  template <class Row>
  void take(const Row& r, const FlowKey& key, BlockResult& result,
            Summary& summary);
  template <class Row>
  void take_decided(const Row& r, const FlowKey& key, const Decision& decision,
                    BlockResult& result, Summary& summary);
  Decision batch_row(const PlainRecord& row, std::size_t r,
                     const BatchDecision& decided, FlowKey& key);
  void take_batch(const PlainBatch& batch, BatchDecision& decided,
                  BlockResult& result, Summary& summary);
  /// A row as decided, through take_decided (for block_cleaner_marked.cc).
  void take_row(const PlainRecord& row, const FlowKey& key,
                const Decision& decision, BlockResult& result,
                Summary& summary);
  /// A batch's rows the default rule decided, counted in the summary.
  void count_defaults(const BatchDecision& decided, Summary& summary) const;
  /// The decision counted in the summary (not the row's output).
  template <class Row>
  void count_decision(const FlowKey& key, const Decision& decision,
                      const Row& record, Summary& summary) const;

  // Batches whose rows all go out with their marks (SiLK's, --annotate):
  // block_cleaner_marked.cc.
  using BatchDecisions = std::array<Decision, PlainBatch::kRows>;
  using BatchKeys = std::array<FlowKey, PlainBatch::kRows>;
  void take_marked_batch(const PlainBatch& batch, const BatchDecision& decided,
                         BlockResult& result, Summary& summary);
  void take_marked_rows(const PlainBatch& batch, const BatchDecision& decided,
                        const BatchDecisions& decision, const BatchKeys& key,
                        BlockResult& result, Summary& summary);
  /// The two marks' columns as write_columns writes them, without and with
  /// the row's trailing separator, each followed by slack for fixed-size
  /// copies (the string's size does not count it).
  struct Marks {
    std::array<std::string, 2> text;
  };
  static Marks marks_of(const Schema& schema, std::string_view action,
                        std::string_view rule);
  /// flowcleanAction's value: a flip of a one-direction row is a reply.
  [[nodiscard]] std::string_view marked_action(const Decision& decision) const {
    return decision.action == Action::kFlip && schema_.unidirectional
               ? kReplyAction
               : action_name(decision.action);
  }
  /// Rows whose record of the handshake decides them, over the batch's
  /// decisions (which cannot read it).
  void apply_handshake(const PlainBatch& batch, BatchDecision& decided) const;
  /// With a model: the batch's decisions as the learned rules make them
  /// (block_cleaner_learned.cc).
  void decide_learned(const PlainBatch& batch, BatchDecision& decided);
  template <class Row>
  void pass_malformed(const Row& row, BlockResult& result);
  void keep_line(const Record& record, BlockResult& result);
  void end_block(BlockResult& result) { end_run(result); }

  /// The row as --annotate or not says, `flipped` (if not empty) in place
  /// of its moved columns.
  template <class Row>
  void emit(const Row& record, BlockResult& result, std::string_view action,
            std::string_view rule, std::string_view flipped = {});
  template <class Row>
  std::string_view flipped_columns(const Row& record);
  /// JSON lines (block_cleaner_json.cc): the whole line flipped, member by
  /// member; a member whose twin the line lacks is renamed to it.
  std::string_view flipped_columns(const JsonRow& row);
  void emit(const JsonRow& row, BlockResult& result, std::string_view action,
            std::string_view rule, std::string_view flipped = {});
  template <class Row>
  void copy_row(const Row& record, std::string_view flipped,
                BlockResult& result);
  /// The block's bytes [from, to) go out next: they extend the current run
  /// when they follow it, a row left out between starts a new one.
  void copy(const char* from, const char* to, BlockResult& result) {
    if (from != run_end_) {
      end_run(result);
      run_begin_ = from;
    }
    run_end_ = to;
  }
  void end_run(BlockResult& result);
  /// `bytes` (a flipped row or part of one) go out next, in place of
  /// bytes of the block left out.
  void rewrite(std::string_view bytes, BlockResult& result) {
    end_run(result);
    result.spans.push_back({result.rewritten.size(), bytes.size(), true});
    result.rewritten.append(bytes);
  }
  /// Where the row's moved columns end: flipped, they may be longer or
  /// shorter (a total's complement, a named value exchanged).
  template <class Row>
  const char* moved_end(const Row& record) const {
    const std::string_view last = record.raw(moved_last_);
    return last.data() + last.size();
  }

  /// A flipped row is built here: room for the longest row plus one
  /// kFieldCopy, the most a field copy writes past its field.
  static constexpr std::size_t kFieldCopy = 32;
  std::unique_ptr<char[]> scratch_;
  /// The columns a flip rewrites: from the first column flipped_order
  /// moves to the last.
  std::size_t moved_first_ = SIZE_MAX;
  std::size_t moved_last_ = 0;
  /// Per column, what a flip rewrites it as (schema_.flips); empty when
  /// the format only swaps columns, as VAST does.
  std::vector<const ColumnFlip*> flip_of_;
  /// The keys of a batch's exceptions: kept here, not made (zeroed) for
  /// each batch.
  BatchKeys batch_keys_;
  /// The marks of a row the default rule keeps.
  Marks default_marks_;
  /// A flipped JSON line is built here.
  std::string json_line_;
  /// The run of the block's bytes going out next.
  const char* run_begin_ = nullptr;
  const char* run_end_ = nullptr;
};

// Instantiated in block_cleaner.cc, where take() is.
extern template void BlockLoop<BlockCleaner>::clean(const Block&, BlockResult&,
                                                    Summary&);

}  // namespace flowclean
