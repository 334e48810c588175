// Helpers shared by the unit tests: run clean() on in-memory CSV.
#pragma once

#include <algorithm>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "flowclean/clean.h"

namespace flowclean::test {

/// Bytes that can only be read in order, `step` at a time, as from a pipe.
class TrickleSource : public ByteSource {
 public:
  TrickleSource(std::string text, int step)
      : ByteSource("trickle"), text_(std::move(text)), step_(step) {}
  int read(char* buffer, int size) override {
    const auto n =
        std::min({static_cast<std::size_t>(size),
                  static_cast<std::size_t>(step_), text_.size() - at_});
    std::copy_n(text_.data() + at_, n, buffer);
    at_ += n;
    return static_cast<int>(n);
  }

 private:
  std::string text_;
  int step_;
  std::size_t at_ = 0;
};

inline const std::string kHeader =
    "TimeSeconds,parsedDate,dateTimeStr,ipLayerProtocol,ipLayerProtocolCode,"
    "firstSeenSrcIp,firstSeenDestIp,firstSeenSrcPort,firstSeenDestPort,"
    "moreFragments,contFragments,durationSeconds,firstSeenSrcPayloadBytes,"
    "firstSeenDestPayloadBytes,firstSeenSrcTotalBytes,firstSeenDestTotalBytes,"
    "firstSeenSrcPacketCount,firstSeenDestPacketCount,recordForceOut\n";

/// A VAST row with the given protocol, addresses and ports; the per-direction
/// counts differ so that a swap is visible.
inline std::string row(int protocol, const std::string& src,
                       const std::string& dst, int src_port, int dst_port) {
  const char* code = protocol == 6 ? "TCP" : protocol == 17 ? "UDP" : "OTHER";
  return "1364807428.917824,2013-04-01 09:10:28,20130401091028.917824," +
         std::to_string(protocol) + "," + code + "," + src + "," + dst + "," +
         std::to_string(src_port) + "," + std::to_string(dst_port) +
         ",0,0,3,7425,11,7865,51,8,2,0\n";
}

struct CleanRun {
  std::string output;
  std::string rejects;
  Summary summary;
};

inline CleanRun run_clean(const std::vector<std::string>& inputs,
                          CleanOptions options = {}) {
  std::vector<std::unique_ptr<ByteSource>> sources;
  std::vector<ByteSource*> pointers;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    sources.push_back(
        memory_source("in" + std::to_string(i + 1) + ".csv", inputs[i]));
    pointers.push_back(sources.back().get());
  }
  StringSink out;
  StringSink rejects;
  CleanRun run;
  run.summary = clean(pointers, out, &rejects, options);
  run.output = out.text;
  run.rejects = rejects.text;
  return run;
}

inline CleanRun run_clean(const std::string& input, CleanOptions options = {}) {
  return run_clean(std::vector<std::string>{input}, options);
}

/// Rows of every kind the rules tell apart: TCP, UDP and other protocols,
/// service, ephemeral and odd ports, group and unicast addresses.
inline std::string generated_rows(std::size_t count, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto pick = [&](std::size_t n) {
    return static_cast<std::size_t>(rng() % n);
  };
  const int ports[] = {0,    20,   21,   25,   53,    80,    123,
                       137,  138,  389,  443,  1024,  1025,  1900,
                       1984, 3389, 5355, 8080, 14545, 62559, 65535};
  const char* addresses[] = {"172.10.0.4",      "10.0.0.12",
                             "239.255.255.250", "255.255.255.255",
                             "224.0.0.251",     "172.20.1.93"};
  const int protocols[] = {6, 6, 6, 17, 17, 1, 2};
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    auto port = [&] {
      return pick(3) == 0 ? ports[pick(std::size(ports))]
                          : static_cast<int>(pick(65536));
    };
    const int protocol = protocols[pick(std::size(protocols))];
    out += row(protocol, addresses[pick(std::size(addresses))],
               addresses[pick(std::size(addresses))], port(), port());
    // Make the counts differ per row so that a wrong swap shows.
    out.insert(out.size() - 3, std::to_string(i));
  }
  return out;
}

/// A line's comma-separated fields (no quoting).
inline std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ',')) fields.push_back(field);
  return fields;
}

}  // namespace flowclean::test
