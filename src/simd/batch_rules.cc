// Which columns the batch rules read. The rules themselves are in
// simd/generic/batch_rules.h, called through simd/dispatch.cc.
#include "simd/batch_rules.h"

namespace flowclean {

std::optional<BatchColumns> batch_columns_of(const Schema& schema) {
  const std::size_t protocol =
      schema.protocol ? *schema.protocol : *schema.protocol_code;
  const BatchColumns batch{static_cast<std::uint32_t>(protocol),
                           static_cast<std::uint32_t>(schema.src_port),
                           static_cast<std::uint32_t>(schema.dst_port),
                           static_cast<std::uint32_t>(schema.dst_ip),
                           !schema.protocol,
                           schema.unchecked_ports,
                           schema.padded};
  for (const std::uint32_t column :
       {batch.protocol, batch.src_port, batch.dst_port, batch.dst_address}) {
    if (column == 0 || column + 1 >= schema.columns())
      return std::nullopt;
  }
  return batch;
}

}  // namespace flowclean
