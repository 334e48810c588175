// Cleans one block of records: scan, check, decide, flip.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "flowclean/summary.h"
#include "learn/evidence.h"
#include "rules/ports.h"
#include "rules/rules.h"
#include "scan/block.h"
#include "scan/record.h"
#include "scan/record_scanner.h"
#include "scan/schema.h"
#include "simd/batch_rules.h"

namespace flowclean {

enum class OnError : std::uint8_t { kFail, kSkip, kPass };

/// Rows longer than this are malformed (row-too-long). VAST rows are about
/// 130 bytes; a limit keeps memory bounded whatever the input holds.
inline constexpr std::size_t kDefaultMaxRowBytes = std::size_t{1} << 20;

struct RowPolicy {
  PortPolicy ports;
  OnError on_error = OnError::kFail;
  bool annotate = false;
  std::size_t max_row_bytes = kDefaultMaxRowBytes;
  /// With a learned model, the learned rules are tried too (not owned).
  const Model* model = nullptr;
  /// Decide sixteen rows at once where the CPU and the options allow
  /// (batch_rules.h). False takes every row the one-at-a-time way: the
  /// fuzzer and the tests compare the two.
  bool batches = true;
};

/// The flowcleanRule of a malformed row written with --on-error pass.
inline constexpr std::string_view kMalformedRule = "malformed";

/// Appended to the header with --annotate.
inline constexpr std::string_view kAnnotateHeader =
    ",flowcleanAction,flowcleanRule";

/// One per worker thread: owns its scratch space, so clean() allocates
/// nothing per row. Cache-line aligned: workers' cleaners sit side by side
/// in a vector and write their record views every row; sharing a line made
/// two threads slower than one (measured, bench/run.sh).
class alignas(64) BlockCleaner {
 public:
  /// With `learn_into`, rows are observed into it instead of cleaned, and
  /// nothing is written but rejects: the pass of `flowclean learn`.
  BlockCleaner(const Schema& schema, const RowPolicy& policy,
               Evidence* learn_into = nullptr);

  /// Cleans a kRows block. The block is only read: `result` says which of
  /// its bytes to write, with the rewritten columns of flipped rows.
  void clean(const Block& block, BlockResult& result, Summary& summary);

 private:
  // The templates take a Record or a PlainRecord (record.h).
  template <class Row>
  std::optional<Problem> key_of(const Row& r, FlowKey& key) const;
  std::optional<Problem> check_row(FlowKey& key) const;
  template <class Row>
  void take(const Row& r, const FlowKey& key, BlockResult& result,
            Summary& summary);
  bool take_record(std::optional<Problem> problem, BlockResult& result,
                   Summary& summary);
  /// The row as --annotate or not says, `flipped` (if not empty) in place
  /// of its moved columns.
  template <class Row>
  void emit(const Row& record, BlockResult& result, std::string_view action,
            std::string_view rule, std::string_view flipped = {});
  template <class Row>
  std::string_view flipped_columns(const Row& record);
  template <class Row>
  void copy_row(const Row& record, std::string_view flipped,
                BlockResult& result);
  void take_batch(const PlainBatch& batch, const BatchDecision& decided,
                  BlockResult& result, Summary& summary);
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
  template <class Row>
  void observe(const Row& r, const FlowKey& key);
  void flush_observations();
  /// Where a block cut blind truly ends, checked at its first row that is
  /// not plain (`p`); the scanner is reset to stop there.
  const char* check_cut(const Block& block, const char* p, BlockResult& result);
  /// Counts a malformed row and sends it where --on-error says; false when
  /// the run must stop (fail).
  bool malformed(const Problem& problem, std::uint64_t line_offset,
                 BlockResult& result, Summary& summary);

  const Schema& schema_;
  const RowPolicy& policy_;
  Evidence* learn_into_;
  /// Rows of this block not yet counted: one batch filling, one prepared.
  std::array<ObservationBatch, 2> batches_;
  std::size_t filling_ = 0;
  RecordScanner scanner_;
  Record record_;
  /// Set when rows can be decided sixteen at a time (batch_rules.h): the
  /// static rules only, the CPU and the columns allowing.
  std::optional<BatchColumns> batch_columns_;
  /// A flipped row is built here: room for the longest row plus one
  /// kFieldCopy, the most a field copy writes past its field.
  static constexpr std::size_t kFieldCopy = 32;
  std::unique_ptr<char[]> scratch_;
  /// The columns a flip rewrites: from the first column flipped_order
  /// moves to the last.
  std::size_t moved_first_ = SIZE_MAX;
  std::size_t moved_last_ = 0;
  /// The block being cleaned and the run of its bytes going out next.
  const char* data_ = nullptr;
  const char* run_begin_ = nullptr;
  const char* run_end_ = nullptr;
  bool cut_unchecked_ = false;  ///< check_cut has yet to run on the block
};

/// "row is longer than the limit of N bytes": for rows the workers scan and
/// for rows longer than a block, which they never see.
[[nodiscard]] std::string row_too_long_text(std::size_t max_row_bytes);

/// The message for a malformed row, e.g. "column firstSeenDestPort: '70000'
/// is not a port (0-65535)".
[[nodiscard]] std::string describe_problem(const Problem& problem,
                                           const Record& record,
                                           const Schema& schema,
                                           std::size_t max_row_bytes);

}  // namespace flowclean
