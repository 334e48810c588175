#include "flowclean/summary.h"

namespace flowclean {

namespace {

template <typename Array>
void add_all(Array& into, const Array& from) {
  for (std::size_t i = 0; i < into.size(); ++i) into[i] += from[i];
}

}  // namespace

void Summary::merge(const Summary& other) {
  rows_read += other.rows_read;
  rows_written += other.rows_written;
  rows_flipped += other.rows_flipped;
  rows_rejected += other.rows_rejected;
  rows_malformed += other.rows_malformed;
  blank_lines += other.blank_lines;
  learned = learned || other.learned;
  add_all(by_rule, other.by_rule);
  add_all(malformed_by_kind, other.malformed_by_kind);
  add_all(meaningless_by_protocol, other.meaningless_by_protocol);
  add_all(port_zero_tcp_udp, other.port_zero_tcp_udp);
  for (std::size_t i = 0; i < protocol_codes.size(); ++i) {
    // Smallest code wins, so the text does not depend on thread timing.
    const std::string& code = other.protocol_codes[i];
    if (!code.empty() &&
        (protocol_codes[i].empty() || code < protocol_codes[i])) {
      protocol_codes[i] = code;
    }
  }
  if (!other.flips_by_src_port.empty()) {
    if (flips_by_src_port.empty())
      flips_by_src_port.resize(65536);
    add_all(flips_by_src_port, other.flips_by_src_port);
  }
  inputs.insert(inputs.end(), other.inputs.begin(), other.inputs.end());
}

}  // namespace flowclean
