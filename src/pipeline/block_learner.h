// What learn does with each row of a block (the loop is block_loop.h):
// observe it into the worker's Evidence. Nothing is written but rejects.
#pragma once

#include <array>

#include "learn/evidence.h"
#include "pipeline/block_loop.h"

namespace flowclean {

/// One per worker thread, cache-line aligned as BlockCleaner is.
class alignas(64) BlockLearner : public BlockLoop<BlockLearner> {
 public:
  BlockLearner(const Schema& schema, const RowPolicy& policy,
               Evidence& learn_into)
      : BlockLoop(schema, policy, std::nullopt), learn_into_(learn_into) {}

 private:
  friend class BlockLoop<BlockLearner>;
  static constexpr bool kBatches = false;

  void begin_block(const char* /*data*/) {}
  template <class Row>
  void take(const Row& r, const FlowKey& key, BlockResult& result,
            Summary& summary);
  /// Learn's output is discarded: a malformed row passed is only counted.
  template <class Row>
  void pass_malformed(const Row& /*row*/, BlockResult& /*result*/) {}
  void keep_line(const Record& /*record*/, BlockResult& /*result*/) {}
  void end_block(BlockResult& result);

  Evidence& learn_into_;
  /// Rows of this block not yet counted: one batch filling, one prepared.
  std::array<ObservationBatch, 2> batches_;
  std::size_t filling_ = 0;
};

// Instantiated in block_learner.cc, where take() is.
extern template void BlockLoop<BlockLearner>::clean(const Block&, BlockResult&,
                                                    Summary&);

}  // namespace flowclean
