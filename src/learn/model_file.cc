#include "learn/model_file.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>
#include <zlib.h>

#if FLOWCLEAN_HAVE_ISAL
#include <isa-l/crc.h>
#endif

#include "flowclean/error.h"

namespace flowclean {

namespace {

std::string escaped(std::string_view address) {
  std::string out;
  for (const char c : address) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= ' ' || byte >= 0x7f || c == '%') {
      out += fmt::format("%{:02X}", byte);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string sketch_text(const DistinctSketch& sketch) {
  if (sketch.empty())
    return "-";
  std::string out;
  for (std::size_t i = 0; i < sketch.size(); ++i) {
    if (i > 0)
      out.push_back(',');
    out += fmt::format("{:x}", sketch.value(i));
  }
  return out;
}

void render_ports(const Evidence& evidence, std::string& out) {
  for (const bool udp : {false, true}) {
    for (unsigned p = 0; p < 65536; ++p) {
      const PortEvidence& e = evidence.port(udp, static_cast<Port>(p));
      if (e.as_src == 0 && e.as_dst == 0)
        continue;
      out += fmt::format("port {} {} {} {} {} {}\n", transport_name(udp), p,
                         e.as_src, e.as_dst, e.conversations,
                         sketch_text(e.peer_ports));
    }
  }
}

void render_hosts(const Evidence& evidence, std::string& out) {
  std::vector<const HostEvidence*> hosts;
  for (const auto& entry : evidence.hosts) hosts.push_back(&entry.second);
  std::sort(hosts.begin(), hosts.end(), [](const auto* a, const auto* b) {
    return a->address < b->address;
  });
  for (const HostEvidence* h : hosts) {
    out += fmt::format("host {} {} {} {} {} {} {} {}\n", h->probes,
                       sketch_text(h->peers), sketch_text(h->peer_hosts),
                       sketch_text(h->peer_ports), sketch_text(h->low_ports),
                       sketch_text(h->own_ports), sketch_text(h->own_low_ports),
                       escaped(h->address));
  }
}

void render_endpoints(const Evidence& evidence, std::string& out) {
  std::vector<const EndpointEvidence*> endpoints;
  for (const auto& entry : evidence.endpoints) {
    endpoints.push_back(&entry.second);
  }
  std::sort(endpoints.begin(), endpoints.end(),
            [](const auto* a, const auto* b) {
              return std::tie(a->address, a->udp, a->port) <
                     std::tie(b->address, b->udp, b->port);
            });
  for (const EndpointEvidence* e : endpoints) {
    out += fmt::format("endpoint {} {} {} {} {}\n", transport_name(e->udp),
                       e->port, e->conversations, sketch_text(e->peers),
                       escaped(e->address));
  }
}

}  // namespace

std::string render_model(const Evidence& evidence) {
  std::string out =
      "# flowclean model: evidence learned from flow records by `flowclean "
      "learn`.\n"
      "# Apply: flowclean clean --model FILE. Combine: flowclean learn "
      "--merge FILE...\n";
  out += fmt::format("{}\nrows {}\n", kModelMagic, evidence.rows());
  const Dropped& dropped = evidence.dropped();
  if (dropped.any()) {
    out += fmt::format("dropped {} {} {} {}\n", dropped.hosts, dropped.probes,
                       dropped.endpoints, dropped.conversations);
  }
  render_ports(evidence, out);
  render_hosts(evidence, out);
  render_endpoints(evidence, out);
  for (std::size_t i = 0; i < kHostCells; ++i) {
    const std::uint32_t n = evidence.host_conversations(i);
    if (n != 0)
      out += fmt::format("talk {} {}\n", i, n);
  }
  for (std::size_t i = 0; i < kHostPortCells; ++i) {
    const DistinctSketch& ports = evidence.host_ports(i);
    if (!ports.empty())
      out += fmt::format("ports {} {}\n", i, sketch_text(ports));
  }
  return with_model_trailer(std::move(out));
}

std::uint32_t update_model_checksum(std::uint32_t crc, std::string_view bytes) {
  // CRC-32 as zlib computes it (and `crc32`, `gzip -l` show it). zlib's
  // took 4.4 GB/s, 7.7 ms of the 1 GB benchmark's 34 MB model (AMD EPYC,
  // 2026-12-07); ISA-L's, where the build has it, the same sums in about
  // 0.5 ms for the 28 MB binary model (perf: 1.75% of its 30 ms load,
  // 2026-12-08). tests/unit/model_binary_test.cc checks they agree.
#if FLOWCLEAN_HAVE_ISAL
  return crc32_gzip_refl(
      crc, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
#else
  uLong sum = crc;
  while (!bytes.empty()) {
    const auto n =
        static_cast<uInt>(std::min<std::size_t>(bytes.size(), 1U << 30));
    sum = crc32(sum, reinterpret_cast<const Bytef*>(bytes.data()), n);
    bytes.remove_prefix(n);
  }
  return static_cast<std::uint32_t>(sum);
#endif
}

std::uint32_t model_checksum(std::string_view body) {
  return update_model_checksum(0, body);
}

std::string with_model_trailer(std::string body) {
  const auto lines =
      static_cast<std::uint64_t>(std::count(body.begin(), body.end(), '\n'));
  const std::uint32_t crc = model_checksum(body);
  body += fmt::format("end {} {:08x}\n", lines, crc);
  return body;
}

}  // namespace flowclean
