#include "learn/model_binary.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "flowclean/error.h"
#include "io/source.h"
#include "learn/model_file.h"

namespace flowclean {

namespace {

constexpr std::uint32_t kByteOrder = 0x01020304;
/// Far beyond any address text (an IPv6 address with a zone is under 64
/// bytes), far below what a damaged length could make a reader allocate.
constexpr std::uint32_t kLongestAddress = 4096;

struct Header {
  std::array<char, 16> magic;
  std::uint32_t version;
  std::uint32_t byte_order;
  std::uint32_t port_bytes;
  std::uint32_t sketch_bytes;
  std::uint64_t rows;
  Dropped dropped;
};
static_assert(std::is_trivially_copyable_v<Header> &&
                  std::is_trivially_copyable_v<PortEvidence> &&
                  std::is_trivially_copyable_v<DistinctSketch>,
              "the binary model copies these as bytes");
static_assert(kBinaryModelMagic.size() == 16, "the header's magic");

template <class T>
void put(std::string& out, const T& value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

/// `n` values from `table`, or zeros where learning never made it.
template <class T>
void put_table(std::string& out, const ZeroedArray<T>& table, std::size_t n) {
  if (table.empty()) {
    out.append(n * sizeof(T), '\0');
  } else {
    out.append(reinterpret_cast<const char*>(&table[0]), n * sizeof(T));
  }
}

void put_text(std::string& out, const std::string& text) {
  put(out, static_cast<std::uint32_t>(text.size()));
  out += text;
}

/// Reads a binary model front to back from a file or memory, keeping the
/// checksum of what it read; every problem names the byte where it starts.
/// The tables (21 MB) are read straight into place; the many small reads
/// of hosts and endpoints come from a buffer.
class Reader {
 public:
  Reader(ByteSource& source, const std::string& name)
      : source_(source), name_(name) {}

  template <class T>
  T value() {
    T v;
    copy(&v, 1);
    return v;
  }
  template <class T>
  void copy(T* out, std::size_t n) {
    read(reinterpret_cast<char*>(out), n * sizeof(T));
  }
  /// An address: its length, then its bytes. A damaged length is refused
  /// before room is made for it.
  std::string text() {
    const std::size_t at = at_;
    const auto length = value<std::uint32_t>();
    if (length > kLongestAddress)
      fail(at,
           fmt::format("an address of {} bytes: the file was damaged", length));
    std::string out(length, '\0');
    copy(out.data(), out.size());
    return out;
  }
  void check(const DistinctSketch& sketch, std::size_t at) const {
    if (!sketch.well_formed())
      fail(at, "a sketch learning cannot make: the file was damaged");
  }
  /// The trailer, then the end of the input.
  void finish() {
    const std::uint32_t crc = checksum();
    std::uint32_t trailer = 0;
    read(reinterpret_cast<char*>(&trailer), sizeof(trailer));
    if (trailer != crc)
      fail(at_,
           "the checksum does not match the bytes before it: the binary "
           "model was damaged");
    char extra = 0;
    if (begin_ != end_ || source_.read(&extra, 1) != 0)
      fail(at_, "bytes after the checksum");
  }
  [[nodiscard]] std::size_t at() const { return at_; }
  [[noreturn]] void fail(std::size_t at, const std::string& what) const {
    throw Error(name_, 0, fmt::format("byte {}: {}", at, what));
  }

 private:
  /// Hosts and endpoints are read from a buffer this big; anything as big
  /// or bigger (the tables) straight into place.
  static constexpr std::size_t kBuffer = std::size_t{64} << 10;

  /// The checksum of every byte read so far. The buffer's bytes are summed
  /// when they are done with, not value by value: three hundred thousand
  /// sums of a few bytes were 13% of loading the benchmark's model.
  std::uint32_t checksum() {
    crc_ = update_model_checksum(crc_,
                                 {buffer_.get() + summed_, begin_ - summed_});
    summed_ = begin_;
    return crc_;
  }

  /// `n` bytes into `out`, from the buffer, then straight from the source
  /// when at least a buffer's worth is wanted.
  void read(char* out, std::size_t n) {
    const std::size_t start = at_;
    at_ += n;
    while (n > 0) {
      if (begin_ == end_) {
        checksum();
        if (n >= kBuffer) {
          const std::size_t got = take(out, n, start);
          crc_ = update_model_checksum(crc_, {out, got});
          out += got;
          n -= got;
          continue;
        }
        begin_ = summed_ = 0;
        end_ = take(buffer_.get(), kBuffer, start);
      }
      const std::size_t got = std::min(n, end_ - begin_);
      std::memcpy(out, buffer_.get() + begin_, got);
      begin_ += got;
      out += got;
      n -= got;
    }
  }
  /// Up to `n` bytes from the source, at least one.
  std::size_t take(char* out, std::size_t n, std::size_t start) {
    const int got = source_.read(
        out, static_cast<int>(std::min<std::size_t>(n, std::size_t{1} << 30)));
    if (got <= 0)
      fail(start, "the binary model is cut short");
    return static_cast<std::size_t>(got);
  }

  ByteSource& source_;
  const std::string& name_;
  std::unique_ptr<char[]> buffer_{new char[kBuffer]};
  std::size_t begin_ = 0;  ///< the buffer's unread bytes: [begin_, end_)
  std::size_t end_ = 0;
  std::size_t summed_ = 0;  ///< the buffer's bytes before it are summed
  std::size_t at_ = 0;      ///< bytes read before the next one
  std::uint32_t crc_ = 0;
};

void read_header(Reader& in, Evidence& evidence) {
  const auto header = in.value<Header>();
  if (std::string_view(header.magic.data(), header.magic.size()) !=
      kBinaryModelMagic)
    in.fail(0, "not a binary flowclean model");
  if (header.byte_order != kByteOrder)
    in.fail(20, "a binary model from a machine of the other byte order");
  if (header.version != kBinaryModelVersion ||
      header.port_bytes != sizeof(PortEvidence) ||
      header.sketch_bytes != sizeof(DistinctSketch)) {
    in.fail(16, fmt::format("a binary model of format {}, which this "
                            "flowclean (format {}) does not read: write it "
                            "again from the text model (flowclean learn "
                            "--merge MODEL --binary-model FILE)",
                            header.version, kBinaryModelVersion));
  }
  evidence.set_rows(header.rows);
  evidence.dropped() = header.dropped;
}

// The fixed tables, copied whole, then their sketches checked.
void read_tables(Reader& in, Evidence& evidence) {
  std::size_t at = in.at();
  ZeroedArray<PortEvidence>& ports = evidence.port_table();
  in.copy(&ports[0], kPortSlots);
  for (std::size_t i = 0; i < kPortSlots; ++i)
    in.check(ports[i].peer_ports, at + i * sizeof(PortEvidence) +
                                      offsetof(PortEvidence, peer_ports));
  in.copy(&evidence.conversation_cells()[0], kHostCells);
  at = in.at();
  ZeroedArray<DistinctSketch>& cells = evidence.port_cells();
  in.copy(&cells[0], kHostPortCells);
  for (std::size_t i = 0; i < kHostPortCells; ++i)
    in.check(cells[i], at + i * sizeof(DistinctSketch));
}

DistinctSketch sketch(Reader& in) {
  const std::size_t at = in.at();
  const auto s = in.value<DistinctSketch>();
  in.check(s, at);
  return s;
}

void read_hosts(Reader& in, Evidence& evidence) {
  // A damaged count only reads on until the input ends: no room is made
  // for it up front.
  for (auto n = in.value<std::uint64_t>(); n > 0; --n) {
    const std::size_t at = in.at();
    HostEvidence h;
    h.probes = in.value<std::uint64_t>();
    for (DistinctSketch* s : {&h.peers, &h.peer_hosts, &h.peer_ports,
                              &h.low_ports, &h.own_ports, &h.own_low_ports})
      *s = sketch(in);
    h.address = in.text();
    const std::uint64_t key = hash_text(h.address);
    if (!evidence.hosts.try_emplace(key, std::move(h)).second)
      in.fail(at, "a second host with the same address");
  }
}

void read_endpoints(Reader& in, Evidence& evidence) {
  auto n = in.value<std::uint64_t>();
  // Room made once, not by doubling (its pages are touched only as
  // filled): at most a million endpoints' worth, whatever a damaged count
  // says.
  evidence.endpoints.reserve(std::min<std::uint64_t>(n, 1U << 20));
  for (; n > 0; --n) {
    const std::size_t at = in.at();
    EndpointEvidence e;
    const auto udp = in.value<std::uint8_t>();
    if (udp > 1)
      in.fail(at, "an endpoint of neither TCP nor UDP");
    e.udp = udp == 1;
    e.port = in.value<Port>();
    e.conversations = in.value<std::uint64_t>();
    e.peers = sketch(in);
    e.address = in.text();
    auto [entry, added] = evidence.endpoints.try_emplace(
        endpoint_key(hash_text(e.address), e.udp, e.port));
    if (!added)
      in.fail(at, "a second endpoint with the same address and port");
    *entry = std::move(e);
  }
}

}  // namespace

std::string render_binary_model(const Evidence& evidence) {
  std::string out;
  Header header{};
  std::memcpy(header.magic.data(), kBinaryModelMagic.data(),
              header.magic.size());
  header.version = kBinaryModelVersion;
  header.byte_order = kByteOrder;
  header.port_bytes = sizeof(PortEvidence);
  header.sketch_bytes = sizeof(DistinctSketch);
  header.rows = evidence.rows();
  header.dropped = evidence.dropped();
  put(out, header);
  put_table(out, evidence.port_table(), kPortSlots);
  put_table(out, evidence.conversation_cells(), kHostCells);
  put_table(out, evidence.port_cells(), kHostPortCells);
  // Hosts and endpoints in the order of their keys: the same evidence
  // makes the same bytes, whatever order the tables were filled in.
  std::vector<std::pair<std::uint64_t, const HostEvidence*>> hosts;
  for (const auto& [key, h] : evidence.hosts) hosts.emplace_back(key, &h);
  std::sort(hosts.begin(), hosts.end());
  put(out, static_cast<std::uint64_t>(hosts.size()));
  for (const auto& [key, host] : hosts) {
    const HostEvidence& h = *host;
    put(out, h.probes);
    for (const DistinctSketch* s :
         {&h.peers, &h.peer_hosts, &h.peer_ports, &h.low_ports, &h.own_ports,
          &h.own_low_ports})
      put(out, *s);
    put_text(out, h.address);
  }
  std::vector<std::pair<std::uint64_t, const EndpointEvidence*>> endpoints;
  for (const auto& [key, e] : evidence.endpoints)
    endpoints.emplace_back(key, &e);
  std::sort(endpoints.begin(), endpoints.end());
  put(out, static_cast<std::uint64_t>(endpoints.size()));
  for (const auto& [key, endpoint] : endpoints) {
    const EndpointEvidence& e = *endpoint;
    put(out, static_cast<std::uint8_t>(e.udp ? 1 : 0));
    put(out, e.port);
    put(out, e.conversations);
    put(out, e.peers);
    put_text(out, e.address);
  }
  put(out, update_model_checksum(0, out));
  return out;
}

bool is_binary_model(std::string_view bytes) {
  return bytes.substr(0, kBinaryModelMagic.size()) == kBinaryModelMagic;
}

Evidence read_binary_model(ByteSource& source) {
  Reader in(source, source.name());
  Evidence evidence;
  read_header(in, evidence);
  read_tables(in, evidence);
  read_hosts(in, evidence);
  read_endpoints(in, evidence);
  in.finish();
  return evidence;
}

Evidence parse_binary_model(std::string_view bytes, const std::string& name) {
  const auto source = memory_source(name, bytes);
  return read_binary_model(*source);
}

}  // namespace flowclean
