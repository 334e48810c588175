// Which batch decider this CPU runs, chosen once.
#include "simd/batch_rules.h"

#include "simd/batch_lanes.h"

namespace flowclean {

namespace {

std::vector<BatchDecider> deciders() {
  std::vector<BatchDecider> list;
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f"))
    list.push_back({"avx512", batch_lanes::decide_avx512});
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt"))
    list.push_back({"avx2", batch_lanes::decide_avx2});
#endif
  return list;
}

}  // namespace

std::optional<BatchColumns> batch_columns_of(const Schema& schema) {
  if (!schema.protocol)
    return std::nullopt;
  const BatchColumns batch{static_cast<std::uint32_t>(*schema.protocol),
                           static_cast<std::uint32_t>(schema.src_port),
                           static_cast<std::uint32_t>(schema.dst_port),
                           static_cast<std::uint32_t>(schema.dst_ip)};
  for (const std::uint32_t column :
       {batch.protocol, batch.src_port, batch.dst_port, batch.dst_address}) {
    if (column == 0 || column + 1 >= schema.columns())
      return std::nullopt;
  }
  return batch;
}

const std::vector<BatchDecider>& supported_batch_deciders() {
  static const std::vector<BatchDecider> list = deciders();
  return list;
}

bool batch_rules_supported() {
  return !supported_batch_deciders().empty();
}

bool decide_batch(const PlainBatch& batch, const BatchColumns& columns,
                  const PortPolicy& ports, BatchDecision& out) {
  static const auto widest = batch_rules_supported()
                                 ? supported_batch_deciders().front().decide
                                 : nullptr;
  return widest != nullptr && widest(batch, columns, ports, out);
}

}  // namespace flowclean
