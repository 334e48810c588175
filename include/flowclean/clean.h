// The library entry point: inputs in, cleaned CSV and a summary out.
// main, tests, benchmarks and the fuzzer all call clean().
#pragma once

#include <functional>
#include <vector>

#include "flowclean/summary.h"
#include "formats/format.h"
#include "io/sink.h"
#include "io/source.h"
#include "learn/evidence.h"
#include "pipeline/progress.h"
#include "pipeline/row_policy.h"
#include "scan/block_reader.h"

namespace flowclean {

struct CleanOptions {
  RowPolicy rows;
  unsigned threads = 0;  ///< 0: one per core
  std::size_t block_bytes = kDefaultBlockBytes;
  /// Called on the calling thread after each block is written.
  std::function<void(const ProgressReport&)> on_progress;
  /// Set by learn(): one Evidence per worker, rows observed, none written.
  std::vector<Evidence>* learn_into = nullptr;
  /// Set by `stats`: an input without payload columns is learned from for
  /// its as-recorded port counts alone (learn and --model refuse it).
  bool ports_without_payload = false;
  /// The inputs' format (not owned); null: each input's header picks the
  /// built-in format it fits (--format auto).
  const Format* format = nullptr;
};

/// One input and the sink its cleaned rows go to.
struct CleanTarget {
  ByteSource* input;
  Sink* output;
};

/// Cleans the inputs in order. Each sink (and `rejects`) gets the header once,
/// before its first rows; every header must name the same columns as the
/// first. Malformed rows go to `rejects` under OnError::kSkip (dropped but
/// counted when it is null). Throws Error on the first malformed row under
/// OnError::kFail and on I/O errors; what was written before stays written
/// (file sinks are committed by callers, only on success).
Summary clean(const std::vector<CleanTarget>& targets, Sink* rejects,
              const CleanOptions& options);

/// All inputs into one sink: `flowclean clean a.csv b.csv > out.csv`.
Summary clean(const std::vector<ByteSource*>& inputs, Sink& out, Sink* rejects,
              const CleanOptions& options);

[[nodiscard]] unsigned resolve_threads(unsigned requested);

}  // namespace flowclean
