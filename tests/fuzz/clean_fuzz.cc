// Fuzz target over the whole pipeline: bytes -> BlockReader -> scanner ->
// rules -> flips -> sinks, through the same clean() that main calls. The
// first byte picks options, so one corpus covers every mode. Besides crashes
// and sanitizer reports, it checks invariants users rely on and aborts when
// one fails:
//   - rows_read == rows_written + rows_rejected;
//   - per-rule counts add up to the rows that were not malformed;
//   - output bytes and counts do not depend on threads, block size,
//     whether blocks are read at offsets or in order, or whether rows are
//     decided sixteen at a time;
//   - cleaning the output again flips nothing and changes no byte (rows of
//     one direction are marked again, not flipped).
// Built as flowclean_formats_fuzz, the second byte picks a Zeek, nfdump or
// Argus header instead (FLOWCLEAN_FUZZ_FORMATS).
// With the top bit of the first byte, the rows are learned first and
// cleaned with that model (clean --learn), and also:
//   - the model does not depend on threads or block size;
//   - the model file reads back to the same model.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "flowclean/clean.h"
#include "flowclean/error.h"
#include "flowclean/learn.h"
#include "learn/model_file.h"
#include "learn/model_parse.h"

namespace {

#ifndef FLOWCLEAN_FUZZ_FORMATS
constexpr std::string_view kHeader =
    "TimeSeconds,parsedDate,dateTimeStr,ipLayerProtocol,ipLayerProtocolCode,"
    "firstSeenSrcIp,firstSeenDestIp,firstSeenSrcPort,firstSeenDestPort,"
    "moreFragments,contFragments,durationSeconds,firstSeenSrcPayloadBytes,"
    "firstSeenDestPayloadBytes,firstSeenSrcTotalBytes,firstSeenDestTotalBytes,"
    "firstSeenSrcPacketCount,firstSeenDestPacketCount,recordForceOut\n";
#endif

#ifdef FLOWCLEAN_FUZZ_FORMATS
// flowclean_formats_fuzz: the second byte picks another format's header,
// so separators, comment lines, the trailer and rows marked rather than
// flipped (SiLK) are fuzzed the same way.
constexpr std::string_view kFormatHeaders[] = {
    "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n"
    "#unset_field\t-\n#path\tconn\n"
    "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\t"
    "service\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\t"
    "local_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\t"
    "resp_pkts\tresp_ip_bytes\ttunnel_parents\n"
    "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\t"
    "interval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\t"
    "count\tcount\tcount\tset[string]\n",
    "ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt,opkt,obyt,in,out,sas,das,"
    "smk,dmk,dtos,dir\n",
    "StartTime\tDur\tProto\tSrcAddr\tSport\tDir\tDstAddr\tDport\tState\t"
    "sTos\tdTos\tTotPkts\tTotBytes\tSrcBytes\tSrcPkts\tLabel\n",
    "StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,"
    "TotPkts,TotBytes,SrcBytes,SrcPkts,Label\n",
    "     sIP|        dIP|sPort|dPort|pro|   packets|     bytes|\n",
};
#endif

struct Outcome {
  bool failed = false;
  std::string output;
  flowclean::Summary summary;
};

// Hides read_at(): blocks are then read and cut in order, as from a pipe.
class InOrder : public flowclean::ByteSource {
 public:
  explicit InOrder(flowclean::ByteSource& inner)
      : ByteSource(inner.name()), inner_(inner) {}
  int read(char* buffer, int size) override {
    return inner_.read(buffer, size);
  }

 private:
  flowclean::ByteSource& inner_;
};

Outcome run(const std::string& input, const flowclean::CleanOptions& options,
            bool in_order = false) {
  Outcome outcome;
  auto source = flowclean::memory_source("fuzz.csv", input);
  InOrder piped(*source);
  flowclean::ByteSource* read = in_order ? &piped : source.get();
  flowclean::StringSink out;
  flowclean::StringSink rejects;
  try {
    outcome.summary = flowclean::clean({read}, out, &rejects, options);
  } catch (const flowclean::Error&) {
    outcome.failed = true;
  }
  outcome.output = out.text;
  return outcome;
}

// Names the invariant that failed, so a crash file explains itself.
void require_at(bool condition, const char* what, int line) {
  if (condition)
    return;
  std::fprintf(stderr, "clean_fuzz.cc:%d: invariant failed: %s\n", line, what);
  std::abort();
}
#define require(condition) require_at((condition), #condition, __LINE__)

void check_counts(const flowclean::Summary& s) {
  require(s.rows_read == s.rows_written + s.rows_rejected);
  std::uint64_t decided = 0;
  for (const auto n : s.by_rule) decided += n;
  require(decided + s.rows_malformed == s.rows_read);
}

std::optional<std::string> learned_model(
    const std::string& input, const flowclean::CleanOptions& options) {
  auto source = flowclean::memory_source("fuzz.csv", input);
  try {
    return flowclean::render_model(
        flowclean::learn({source.get()}, nullptr, options).evidence);
  } catch (const flowclean::Error&) {
    return std::nullopt;
  }
}

/// Learns from `input` under two thread and block settings, checks they
/// agree and that the model file reads back, and returns the model.
std::unique_ptr<flowclean::Model> checked_model(
    const std::string& input, const flowclean::CleanOptions& options) {
  flowclean::CleanOptions other = options;
  other.threads = 3;
  other.block_bytes = options.block_bytes == 64 ? 4096 : 64;
  const auto text = learned_model(input, options);
  require(text == learned_model(input, other));
  if (!text)
    return nullptr;
  flowclean::Evidence evidence = flowclean::parse_model(*text, "fuzz.model");
  require(flowclean::render_model(evidence) == *text);
  return std::make_unique<flowclean::Model>(std::move(evidence));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size == 0)
    return 0;
  const std::uint8_t mode = data[0];
  std::string input;
  std::size_t skip = 1;
#ifdef FLOWCLEAN_FUZZ_FORMATS
  if (size < 2)
    return 0;
  input = kFormatHeaders[data[1] % std::size(kFormatHeaders)];
  skip = 2;
#else
  if ((mode & 0x10) != 0)
    input = kHeader;
#endif
  input.append(reinterpret_cast<const char*>(data + skip), size - skip);

  flowclean::CleanOptions options;
  options.rows.on_error = static_cast<flowclean::OnError>((mode & 3) % 3);
  options.rows.annotate = (mode & 0x04) != 0;
  // Small limits keep each run fast; 512 still fits the VAST header.
  options.rows.max_row_bytes = (mode & 0x20) != 0 ? 512 : 1 << 16;
  options.threads = 1;
  options.block_bytes = (mode & 0x40) != 0 ? 64 : 4096;
  std::unique_ptr<flowclean::Model> model;
  if ((mode & 0x80) != 0) {
    model = checked_model(input, options);
    if (!model)
      return 0;  // learning stopped at a malformed row, as clean would
    options.rows.model = model.get();
  }
  const Outcome first = run(input, options);
  if (!first.failed)
    check_counts(first.summary);

  // Same input, read in order rather than at offsets, other threads and
  // block size, every row one at a time (no batches of sixteen): same
  // bytes, same counts.
  flowclean::CleanOptions other = options;
  other.threads = (mode & 0x08) != 0 ? 3 : 2;
  other.block_bytes = options.block_bytes == 64 ? 4096 : 64;
  other.rows.batches = false;
  const Outcome second = run(input, other, true);
  require(first.failed == second.failed);
  if (!first.failed) {
    require(first.output == second.output);
    require(first.summary.by_rule == second.summary.by_rule);
    require(first.summary.rows_flipped == second.summary.rows_flipped);
    require(first.summary.rows_malformed == second.summary.rows_malformed);
    require(first.summary.meaningless_by_protocol ==
            second.summary.meaningless_by_protocol);
  }

  // Idempotence, on output that holds only well-formed rows.
  if (!first.failed && !options.rows.annotate &&
      first.summary.rows_malformed == 0) {
    flowclean::CleanOptions again = options;
    const Outcome twice = run(first.output, again);
    require(!twice.failed);
    // Rows of one direction (SiLK) are marked reply again, never moved.
    require(twice.summary.rows_flipped == twice.summary.rows_marked);
    require(twice.output == first.output);
  }
  return 0;
}
