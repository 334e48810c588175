// The one dispatch table (simd/kernels.h): which instruction sets this
// build has kernels for, which this CPU runs, and which one runs.
#include <cstdlib>

#include "flowclean/error.h"
#include "simd/kernels.h"

namespace flowclean::simd {

#define FLOWCLEAN_DECLARE_KERNELS(isa)                                        \
  namespace isa {                                                             \
  ListCounts list(const char* data, std::size_t windows, std::uint32_t first, \
                  std::uint64_t keep_first, std::uint64_t keep_last,          \
                  char separator, WindowLists out);                           \
  bool decide_batch(const PlainBatch& batch, const BatchColumns& columns,     \
                    const PortPolicy& ports, BatchDecision& out);             \
  JsonLineMarks mark_json(const char* data, std::size_t windows,              \
                          std::uint32_t* marks);                              \
  }
#if defined(__x86_64__)
FLOWCLEAN_DECLARE_KERNELS(avx512)
FLOWCLEAN_DECLARE_KERNELS(avx2)
FLOWCLEAN_DECLARE_KERNELS(sse2)
#endif
#if defined(__aarch64__)
FLOWCLEAN_DECLARE_KERNELS(neon)
#endif
FLOWCLEAN_DECLARE_KERNELS(scalar)
#undef FLOWCLEAN_DECLARE_KERNELS

namespace {

// The portable lanes' batch rules (scalar, SSE2) do not beat one row at a
// time: forced to SSE2, the 1 GB benchmark file took 0.505 s in batches
// against 0.464 s a row at a time with one thread (best of 5, alternating,
// AMD EPYC, 2026-12-07); scalar was even (2.75 s against 2.80 s, its lister
// dominating). They are still built and tested on every set.
const std::vector<Kernels> kCompiled = {
#if defined(__x86_64__)
    {"avx512", "AVX-512 F, BW and VBMI2, BMI1, POPCNT, PCLMUL", avx512::list,
     avx512::decide_batch, avx512::mark_json, true},
    {"avx2", "AVX2, BMI1, POPCNT, PCLMUL", avx2::list, avx2::decide_batch,
     avx2::mark_json, true},
    {"sse2", "SSE2", sse2::list, sse2::decide_batch, sse2::mark_json, false},
#endif
#if defined(__aarch64__)
    {"neon", "Advanced SIMD (NEON)", neon::list, neon::decide_batch,
     neon::mark_json, true},
#endif
    {"scalar", "any CPU", scalar::list, scalar::decide_batch, scalar::mark_json,
     false},
};

bool cpu_runs([[maybe_unused]] const std::string& isa) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  const bool bit_instructions = __builtin_cpu_supports("bmi") &&
                                __builtin_cpu_supports("popcnt") &&
                                __builtin_cpu_supports("pclmul");
  if (isa == "avx512") {
    return bit_instructions && __builtin_cpu_supports("avx512f") &&
           __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512vbmi2");
  }
  if (isa == "avx2")
    return bit_instructions && __builtin_cpu_supports("avx2");
#endif
  // SSE2 and NEON are in every x86-64 and aarch64 CPU's baseline.
  return true;
}

std::string names(const std::vector<Kernels>& list) {
  std::string text;
  for (const Kernels& kernels : list)
    text += (text.empty() ? "" : ", ") + std::string(kernels.isa);
  return text;
}

}  // namespace

const std::vector<Kernels>& compiled_kernels() {
  return kCompiled;
}

std::vector<Kernels> supported_kernels() {
  std::vector<Kernels> list;
  for (const Kernels& kernels : kCompiled) {
    if (cpu_runs(kernels.isa))
      list.push_back(kernels);
  }
  return list;
}

Kernels choose_kernels(const std::string& forced) {
  const std::vector<Kernels> supported = supported_kernels();
  if (forced.empty())
    return supported.front();
  for (const Kernels& kernels : kCompiled) {
    if (forced != kernels.isa)
      continue;
    if (!cpu_runs(kernels.isa)) {
      throw UsageError(std::string(kForceIsaVariable) + "=" + forced +
                       ": this CPU lacks " + kernels.needs +
                       "; it runs: " + names(supported));
    }
    return kernels;
  }
  throw UsageError(
      std::string(kForceIsaVariable) + "=" + forced +
      ": unknown instruction set; this build has: " + names(kCompiled) +
      " (this CPU runs: " + names(supported) + ")");
}

namespace {

/// FLOWCLEAN_FORCE_ISA, read once: empty when unset.
const std::string& forced_isa() {
  static const std::string forced = [] {
    const char* value = std::getenv(kForceIsaVariable);
    return std::string(value != nullptr ? value : "");
  }();
  return forced;
}

}  // namespace

const Kernels& active_kernels() {
  static const Kernels active = choose_kernels(forced_isa());
  return active;
}

std::string describe_active_kernels() {
  const Kernels& kernels = active_kernels();
  return std::string(kernels.isa) + " (" + kernels.needs + "; " +
         (forced_isa().empty()
              ? std::string("the widest this CPU runs")
              : std::string("forced by ") + kForceIsaVariable) +
         ")";
}

}  // namespace flowclean::simd

namespace flowclean {

bool batch_rules_supported() {
  return simd::active_kernels().use_batches;
}

bool decide_batch(const PlainBatch& batch, const BatchColumns& columns,
                  const PortPolicy& ports, BatchDecision& out) {
  static const auto decide = simd::active_kernels().decide_batch;
  return decide(batch, columns, ports, out);
}

ListCounts list_windows(const char* data, std::size_t windows,
                        std::uint32_t first, std::uint64_t keep_first,
                        std::uint64_t keep_last, char separator,
                        WindowLists out) {
  static const auto list = simd::active_kernels().list;
  return list(data, windows, first, keep_first, keep_last, separator, out);
}

JsonLineMarks mark_json(const char* data, std::size_t windows,
                        std::uint32_t* marks) {
  static const auto mark = simd::active_kernels().mark_json;
  return mark(data, windows, marks);
}

}  // namespace flowclean
