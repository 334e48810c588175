// clean --model and --learn a batch at a time: the static rules decide
// sixteen rows at once (batch_rules.h), as without a model; the rows they
// leave to the learned rules have their addresses hashed and the model's
// cells for them fetched together, then are looked up and decided. Row by
// row, each lookup waited on its own cache misses: Model::lookup was 48%
// of a clean --model of the 1 GB benchmark file (perf, 2026-12-08).
#include <array>

#include "pipeline/block_cleaner.h"

namespace flowclean {

namespace {

/// The batch decisions decide(key, ports, model) consults the model for:
/// the port-free rules and the handshake come first and are final.
bool learned_rules_apply(RuleId rule) {
  return rule == RuleId::kDefault || rule == RuleId::kServiceSource;
}

}  // namespace

// The static decisions of `decided` become the learned ones, as decide()
// with the model makes them row by row; on return no row is undecided.
void BlockCleaner::decide_learned(const PlainBatch& batch,
                                  BatchDecision& decided) {
  constexpr std::size_t kRows = PlainBatch::kRows;
  const Model& model = *policy_.model;
  std::array<std::uint64_t, kRows> src_hash;
  std::array<std::uint64_t, kRows> dst_hash;
  std::uint32_t open = 0;
  for (std::size_t r = 0; r < kRows; ++r) {
    const PlainRecord row = batch.row(r);
    if ((decided.undecided >> r) & 1U) {
      // A protocol name or a group address the batch cannot read: rare.
      // Its protocol and ports are the batch's from here on (the summary
      // counts ICMP by its number).
      FlowKey key;
      decided.rule[r] = batch_row(row, r, decided, key).rule;
      decided.protocol[r] = key.protocol;
      decided.src_port[r] = key.src_port;
      decided.dst_port[r] = key.dst_port;
    } else if (learned_rules_apply(decided.rule[r])) {
      src_hash[r] = hash_text(field(row, schema_.src_ip));
      dst_hash[r] = hash_text(field(row, schema_.dst_ip));
      model.prefetch(decided.protocol[r] == kUdp, src_hash[r],
                     decided.src_port[r], dst_hash[r], decided.dst_port[r]);
      open |= 1U << r;
    }
  }
  for (std::uint32_t left = open; left != 0; left &= left - 1) {
    const auto r = static_cast<std::size_t>(__builtin_ctz(left));
    FlowKey key;
    key.protocol = decided.protocol[r];
    key.src_port = decided.src_port[r];
    key.dst_port = decided.dst_port[r];
    const Observation payload = payload_of(batch.row(r), schema_);
    key.probe = is_probe(payload);
    key.conversation = is_conversation(payload);
    const RowEvidence evidence =
        model.lookup_hashed(key.protocol == kUdp, src_hash[r], key.src_port,
                            dst_hash[r], key.dst_port);
    decided.rule[r] = decide(key, RuleContext{policy_.ports, &evidence}).rule;
  }
  decided.undecided = 0;
  decided.exceptions = 0;
  for (std::size_t r = 0; r < kRows; ++r) {
    if (decided.rule[r] != RuleId::kDefault)
      decided.exceptions |= 1U << r;
  }
  decided.defaults =
      static_cast<unsigned>(kRows) -
      static_cast<unsigned>(__builtin_popcount(decided.exceptions));
}

}  // namespace flowclean
