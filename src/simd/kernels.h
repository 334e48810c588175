// The one dispatch table. Each instruction set compiles the same generic
// kernels (simd/generic/) over its own thin wrapper (simd/<isa>.cc), and
// one table, here, picks the set this CPU runs: the widest it has, or the
// one FLOWCLEAN_FORCE_ISA names, so every path can be tested and measured
// on one machine.
#pragma once

#include <string>
#include <vector>

#include "simd/batch_rules.h"
#include "simd/json_marks.h"
#include "simd/lister.h"

namespace flowclean::simd {

using ListFn = ListCounts (*)(const char* data, std::size_t windows,
                              std::uint32_t first, std::uint64_t keep_first,
                              std::uint64_t keep_last, char separator,
                              WindowLists out);
using DecideFn = bool (*)(const PlainBatch& batch, const BatchColumns& columns,
                          const PortPolicy& ports, BatchDecision& out);
using MarkJsonFn = JsonLineMarks (*)(const char* data, std::size_t windows,
                                     std::uint32_t* marks);

/// The kernels of one instruction set.
struct Kernels {
  const char* isa;    ///< "avx512", "avx2", "sse2", "neon" or "scalar"
  const char* needs;  ///< the CPU features it runs on, for people
  ListFn list;        ///< list_windows
  DecideFn decide_batch;
  MarkJsonFn mark_json;
  /// Whether the cleaner decides in batches: false where one row at a time
  /// measured faster (the batch rules are still built and tested there).
  bool use_batches;
};

/// The environment variable that forces an instruction set.
inline constexpr const char* kForceIsaVariable = "FLOWCLEAN_FORCE_ISA";

/// Every instruction set this build has kernels for, widest first.
[[nodiscard]] const std::vector<Kernels>& compiled_kernels();

/// Those this CPU can run, widest first.
[[nodiscard]] std::vector<Kernels> supported_kernels();

/// The kernels for `forced` (an isa name, or empty for the widest this CPU
/// runs). Throws Error (usage) naming what exists and what the CPU has when
/// the name is unknown or the CPU lacks it.
[[nodiscard]] Kernels choose_kernels(const std::string& forced);

/// The kernels every caller uses: choose_kernels of FLOWCLEAN_FORCE_ISA,
/// chosen once. main calls it first, so a bad value is refused before any
/// work.
[[nodiscard]] const Kernels& active_kernels();

/// One line for --version: the set in use and why.
[[nodiscard]] std::string describe_active_kernels();

}  // namespace flowclean::simd
