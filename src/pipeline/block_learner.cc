// Rows observed in batches of kObserveBatch: each batch's table lines are
// prepared (prefetched) a batch before they are counted.
#include "pipeline/block_learner.h"

namespace flowclean {

template <class Row>
[[gnu::always_inline]] inline void BlockLearner::take(const Row& r,
                                                      const FlowKey& key,
                                                      BlockResult& /*result*/,
                                                      Summary& /*summary*/) {
  learn_into_.count_row();
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
  learn_into_.prepare(filling);
  ObservationBatch& prepared = batches_[1 - filling_];
  learn_into_.count(prepared);
  prepared.size = 0;
  filling_ = 1 - filling_;
}

// The views in a batch point into the block: counted before it is reused.
void BlockLearner::end_block(BlockResult& /*result*/) {
  ObservationBatch& filling = batches_[filling_];
  learn_into_.prepare(filling);
  for (const std::size_t i : {1 - filling_, filling_}) {
    learn_into_.count(batches_[i]);
    batches_[i].size = 0;
  }
}

template void BlockLoop<BlockLearner>::clean(const Block&, BlockResult&,
                                             Summary&);

}  // namespace flowclean
