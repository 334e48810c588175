// flowgen: deterministic VAST 2013 MC3-layout netflow, for the sample data,
// tests and benchmarks. Same seed, same bytes, on every platform (no
// std::*_distribution, whose output differs between standard libraries).
//
// Usage: flowgen [--rows N | --bytes N] [--seed S] [--inverted PERMILLE]
//                [--truth FILE]
// --truth writes one line per row: 1 if the generator wrote it inverted.
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

namespace {

struct Rng {
  std::uint64_t state;
  std::uint64_t next() {  // splitmix64
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  unsigned below(unsigned n) {
    return n == 0 ? 0 : static_cast<unsigned>(next() % n);
  }
  bool chance(unsigned per_mille) { return below(1000) < per_mille; }
};

struct Flow {
  int protocol = 6;
  std::string src, dst;
  unsigned src_port = 0, dst_port = 0;
  unsigned long src_payload = 0, dst_payload = 0, src_packets = 0,
                dst_packets = 0;
  unsigned duration = 0;
};

std::string host(const char* prefix, unsigned a, unsigned b) {
  return std::string(prefix) + std::to_string(a) + "." + std::to_string(b);
}

unsigned ephemeral(Rng& rng) {
  return 1025 + rng.below(64510);
}

std::string internal_client(Rng& rng) {
  static const char* kNets[] = {"172.10.", "172.20.", "172.30."};
  return host(kNets[rng.below(3)], 1 + rng.below(2), 2 + rng.below(250));
}

std::string internal_server(Rng& rng) {
  static const char* kNets[] = {"172.10.0.", "172.20.0.", "172.30.0."};
  return std::string(kNets[rng.below(3)]) + std::to_string(2 + rng.below(40));
}

std::string external(Rng& rng) {
  return "10." + std::to_string(rng.below(256)) + "." +
         std::to_string(rng.below(256)) + "." +
         std::to_string(1 + rng.below(254));
}

void sizes(Rng& rng, Flow& f, unsigned up, unsigned down) {
  f.src_packets = 1 + rng.below(20);
  f.dst_packets = rng.below(30);
  f.src_payload = rng.below(up);
  f.dst_payload = f.dst_packets == 0 ? 0 : rng.below(down);
  f.duration = rng.below(30);
}

// One flow the right way round; *invertible says whether a collector could
// have recorded it backwards (multicast and broadcast cannot be sources).
Flow make_flow(Rng& rng, bool* invertible) {
  Flow f;
  *invertible = true;
  const unsigned kind = rng.below(1000);
  static const unsigned kTcpServices[] = {80, 80, 80,  80,   80,   80,
                                          25, 21, 389, 3389, 1984, 5355};
  if (kind < 820) {  // client to an internal or external service
    f.src = rng.chance(700) ? external(rng) : internal_client(rng);
    f.dst = internal_server(rng);
    f.src_port = ephemeral(rng);
    f.dst_port = kTcpServices[rng.below(12)];
    sizes(rng, f, 600, 80000);
  } else if (kind < 860) {  // DNS
    f.protocol = 17;
    f.src = internal_client(rng);
    f.dst = internal_server(rng);
    f.src_port = ephemeral(rng);
    f.dst_port = 53;
    sizes(rng, f, 80, 300);
  } else if (kind < 880) {  // NTP between servers: 123 <-> 123
    f.protocol = 17;
    f.src = internal_server(rng);
    f.dst = internal_server(rng);
    f.src_port = f.dst_port = 123;
    sizes(rng, f, 48, 48);
  } else if (kind < 900) {  // NetBIOS and SSDP: broadcast and multicast
    f.protocol = 17;
    f.src = internal_client(rng);
    const bool ssdp = rng.chance(500);
    f.dst = ssdp ? "239.255.255.250" : "255.255.255.255";
    f.src_port = ssdp ? ephemeral(rng) : 138;
    f.dst_port = ssdp ? 1900 : 138;
    sizes(rng, f, 200, 1);
    f.dst_payload = f.dst_packets = 0;
    *invertible = false;
  } else if (kind < 920) {  // ICMP: protocol 1, code OTHER, no ports
    f.protocol = 1;
    f.src = internal_client(rng);
    f.dst = internal_server(rng);
    sizes(rng, f, 100, 100);
  } else if (kind < 922) {  // TCP with port 0
    f.src = external(rng);
    f.dst = internal_server(rng);
    f.src_port = ephemeral(rng);
    sizes(rng, f, 60, 0);
  } else {  // scanner from a fixed high source port to random ports
    f.src = rng.chance(500) ? "10.9.81.5" : "10.10.11.15";
    f.dst = internal_server(rng);
    f.src_port =
        f.src == "10.9.81.5" ? 62559 + rng.below(3) : 45031 + rng.below(4);
    f.dst_port = 1 + rng.below(65535);
    f.src_packets = 1;
    f.dst_packets = rng.below(2);
    *invertible = false;
  }
  return f;
}

void invert(Flow& f) {
  std::swap(f.src, f.dst);
  std::swap(f.src_port, f.dst_port);
  std::swap(f.src_payload, f.dst_payload);
  std::swap(f.src_packets, f.dst_packets);
}

const char* kHeader =
    "TimeSeconds,parsedDate,dateTimeStr,ipLayerProtocol,ipLayerProtocolCode,"
    "firstSeenSrcIp,firstSeenDestIp,firstSeenSrcPort,firstSeenDestPort,"
    "moreFragments,contFragments,durationSeconds,firstSeenSrcPayloadBytes,"
    "firstSeenDestPayloadBytes,firstSeenSrcTotalBytes,firstSeenDestTotalBytes,"
    "firstSeenSrcPacketCount,firstSeenDestPacketCount,recordForceOut\n";

// Header bytes per packet, so total bytes exceed payload as in the data.
constexpr unsigned long kHeaderBytes = 40;

int format_row(char* out, std::size_t size, double t, const Flow& f) {
  static std::time_t cached = -1;
  static char date[32], stamp[32];
  const auto second = static_cast<std::time_t>(t);
  if (second != cached) {
    std::tm tm{};
    gmtime_r(&second, &tm);
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
    std::strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm);
    cached = second;
  }
  const auto micros =
      static_cast<unsigned>((t - static_cast<double>(second)) * 1e6);
  const char* code = f.protocol == 6    ? "TCP"
                     : f.protocol == 17 ? "UDP"
                                        : "OTHER";
  return std::snprintf(out, size,
                       "%ld.%06u,%s,%s.%06u,%d,%s,%s,%s,%u,%u,0,0,%u,%lu,%lu,%"
                       "lu,%lu,%lu,%lu,0\n",
                       static_cast<long>(second), micros, date, stamp, micros,
                       f.protocol, code, f.src.c_str(), f.dst.c_str(),
                       f.src_port, f.dst_port, f.duration, f.src_payload,
                       f.dst_payload,
                       f.src_payload + kHeaderBytes * f.src_packets,
                       f.dst_payload + kHeaderBytes * f.dst_packets,
                       f.src_packets, f.dst_packets);
}

}  // namespace

int main(int argc, char** argv) {
  unsigned long long rows = 1000, bytes = 0, seed = 1, inverted = 50;
  const char* truth_path = nullptr;
  for (int i = 1; i + 1 < argc; i += 2) {
    const char* value = argv[i + 1];
    if (!std::strcmp(argv[i], "--rows"))
      rows = std::strtoull(value, nullptr, 10);
    else if (!std::strcmp(argv[i], "--bytes"))
      bytes = std::strtoull(value, nullptr, 10);
    else if (!std::strcmp(argv[i], "--seed"))
      seed = std::strtoull(value, nullptr, 10);
    else if (!std::strcmp(argv[i], "--inverted"))
      inverted = std::strtoull(value, nullptr, 10);
    else if (!std::strcmp(argv[i], "--truth"))
      truth_path = value;
    else {
      std::fprintf(stderr, "flowgen: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  std::FILE* truth = truth_path ? std::fopen(truth_path, "w") : nullptr;
  static char buffer[1 << 16];
  std::setvbuf(stdout, nullptr, _IOFBF, 1 << 20);
  std::fputs(kHeader, stdout);
  unsigned long long written = std::strlen(kHeader);
  Rng rng{seed};
  double t = 1364803200.0 + static_cast<double>(seed % 1000) * 3600.0;
  for (unsigned long long row = 0; bytes ? written < bytes : row < rows;
       ++row) {
    bool invertible = false;
    Flow flow = make_flow(rng, &invertible);
    const bool flip = invertible && rng.chance(static_cast<unsigned>(inverted));
    if (flip)
      invert(flow);
    t += static_cast<double>(rng.below(20000)) / 1e6;
    const int n = format_row(buffer, sizeof buffer, t, flow);
    std::fwrite(buffer, 1, static_cast<std::size_t>(n), stdout);
    written += static_cast<unsigned long long>(n);
    if (truth)
      std::fputs(flip ? "1\n" : "0\n", truth);
  }
  if (truth)
    std::fclose(truth);
  return std::fflush(stdout) == 0 ? 0 : 1;
}
