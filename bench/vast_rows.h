// The VAST 2013 MC3 row layout and a portable random source, shared by the
// generators (flowgen for benchmarks and samples, labeled_flows for the
// accuracy evaluation). Same seed, same bytes, on every platform: no
// std::*_distribution, whose output differs between standard libraries.
#pragma once

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <utility>

namespace vast_rows {

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

inline void invert(Flow& f) {
  std::swap(f.src, f.dst);
  std::swap(f.src_port, f.dst_port);
  std::swap(f.src_payload, f.dst_payload);
  std::swap(f.src_packets, f.dst_packets);
}

inline const char* const kHeader =
    "TimeSeconds,parsedDate,dateTimeStr,ipLayerProtocol,ipLayerProtocolCode,"
    "firstSeenSrcIp,firstSeenDestIp,firstSeenSrcPort,firstSeenDestPort,"
    "moreFragments,contFragments,durationSeconds,firstSeenSrcPayloadBytes,"
    "firstSeenDestPayloadBytes,firstSeenSrcTotalBytes,firstSeenDestTotalBytes,"
    "firstSeenSrcPacketCount,firstSeenDestPacketCount,recordForceOut\n";

// Header bytes per packet, so total bytes exceed payload as in the data.
inline constexpr unsigned long kHeaderBytes = 40;

inline int format_row(char* out, std::size_t size, double t, const Flow& f) {
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

/// The generators' shared options; each says which it takes.
struct Options {
  unsigned long long rows = 1000, bytes = 0, seed = 1, inverted = 50;
  bool clustered = false;
  bool unseen = false;  ///< labeled_flows: add the shapes of unseen traffic
  const char* truth_path = nullptr;
  const char* format = "vast";  ///< flowgen: the layout written
};

/// Parses `--rows N --seed S ...`; --bytes, and --clustered and --unseen,
/// only where allowed. Prints the problem and returns false on a bad option.
inline bool parse_options(int argc, char** argv, const char* program,
                          bool allow_bytes, bool allow_clustered, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const char* name = argv[i];
    if (allow_clustered && !std::strcmp(name, "--clustered")) {
      o.clustered = true;
      continue;
    }
    if (allow_clustered && !std::strcmp(name, "--unseen")) {
      o.unseen = true;
      continue;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "%s: %s needs a value\n", program, name);
      return false;
    }
    const char* value = argv[++i];
    const unsigned long long number = std::strtoull(value, nullptr, 10);
    if (!std::strcmp(name, "--rows"))
      o.rows = number;
    else if (allow_bytes && !std::strcmp(name, "--bytes"))
      o.bytes = number;
    else if (!std::strcmp(name, "--seed"))
      o.seed = number;
    else if (!std::strcmp(name, "--inverted"))
      o.inverted = number;
    else if (!std::strcmp(name, "--truth"))
      o.truth_path = value;
    else if (allow_bytes && !std::strcmp(name, "--format"))
      o.format = value;
    else {
      std::fprintf(stderr, "%s: unknown option %s\n", program, name);
      return false;
    }
  }
  return true;
}

}  // namespace vast_rows
