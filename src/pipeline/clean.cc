#include "flowclean/clean.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "flowclean/error.h"
#include "pipeline/block_cleaner.h"
#include "pipeline/block_learner.h"
#include "pipeline/block_writer.h"
#include "pipeline/input_header.h"
#include "pipeline/ordered_workers.h"

namespace flowclean {

namespace {

// Two blocks in flight per thread: one being cleaned, one cleaned and
// waiting for the blocks before it to be written.
constexpr std::size_t kSlotsPerWorker = 2;

/// Passes bytes on and remembers whether the last one ended a line. Inputs
/// that share an output follow each other in it: one whose last row has no
/// line end would have the next input's first row glued onto it.
class LineEndTracker : public Sink {
 public:
  explicit LineEndTracker(Sink& inner) : inner_(inner) {}
  [[nodiscard]] const Sink* inner() const { return &inner_; }
  void write(std::string_view bytes) override {
    if (!bytes.empty())
      ended_ = bytes.back() == '\n';
    inner_.write(bytes);
  }
  void write_parts(const std::string_view* parts, std::size_t count) override {
    for (std::size_t i = count; i-- > 0;) {
      if (!parts[i].empty()) {
        ended_ = parts[i].back() == '\n';
        break;
      }
    }
    inner_.write_parts(parts, count);
  }
  /// Ends the line written last, if it was left open.
  void end_line(std::string_view line_end) {
    if (!ended_)
      write(line_end);
  }

 private:
  Sink& inner_;
  bool ended_ = true;
};

/// One tracker per distinct sink, in the order the targets name them.
struct TrackedSinks {
  std::vector<std::unique_ptr<LineEndTracker>> trackers;
  LineEndTracker* track(Sink* sink) {
    if (sink == nullptr)
      return nullptr;
    for (auto& tracker : trackers) {
      if (tracker->inner() == sink)
        return tracker.get();
    }
    trackers.push_back(std::make_unique<LineEndTracker>(*sink));
    return trackers.back().get();
  }
};

/// What all inputs of one clean() call share.
struct Run {
  const CleanOptions& options;
  unsigned threads;
  std::optional<Schema> schema;
  std::string first_input;
  std::vector<const Sink*> headed;  ///< sinks that have their header
  std::vector<Summary> worker_summaries;
  Summary summary;
  const std::vector<CleanTarget>* targets = nullptr;
  std::uint64_t rows_before = 0;  ///< rows of the inputs already cleaned

  void report_progress(const BlockWriter& writer) const {
    if (!options.on_progress)
      return;
    ProgressReport report{0, std::uint64_t{0},
                          rows_before + writer.rows_read()};
    for (const CleanTarget& target : *targets) {
      report.bytes_done += target.input->bytes_consumed();
      const auto total = target.input->total_bytes();
      report.bytes_total = report.bytes_total && total
                               ? std::optional(*report.bytes_total + *total)
                               : std::nullopt;
    }
    options.on_progress(report);
  }
};

// Workers are BlockCleaners, or BlockLearners for learn's pass.
template <class Worker>
void clean_blocks(Run& run, BlockReader& reader, BlockWriter& writer,
                  std::vector<Worker>& cleaners) {
  // One thread has nothing to overlap: one block, kept warm in cache, and
  // each block finished before the next is cut, so cuts can be checked by
  // the cleaner instead of a pass of their own.
  const std::size_t slots =
      run.threads == 1 ? 1 : kSlotsPerWorker * run.threads;
  if (slots == 1)
    reader.cut_blind();
  std::vector<Block> blocks(slots);
  std::vector<BlockResult> results(slots);
  OrderedWorkers::Steps steps;
  steps.claim = [&](std::size_t slot) { return reader.claim(blocks[slot]); };
  steps.fetch = [&](std::size_t slot) { reader.fetch(blocks[slot]); };
  steps.stitch = [&](std::size_t slot) { reader.stitch(blocks[slot]); };
  steps.work = [&](std::size_t slot, unsigned worker) {
    if (blocks[slot].kind != Block::Kind::kRows)
      return;
    cleaners[worker].clean(blocks[slot], results[slot],
                           run.worker_summaries[worker]);
  };
  steps.finish = [&](std::size_t slot) {
    // Only a block cut blind: a result is reset only when its block is
    // cleaned, and pieces of long rows are not.
    if (blocks[slot].cut_unchecked() && results[slot].recut)
      reader.recut(blocks[slot], *results[slot].recut);
    writer.write(blocks[slot], results[slot]);
    reader.release(blocks[slot]);
    run.report_progress(writer);
  };
  OrderedWorkers::run(run.threads, slots, steps);
}

bool has_annotations(const Schema& schema) {
  return std::find(schema.names.begin(), schema.names.end(),
                   "flowcleanAction") != schema.names.end();
}

// What an input's schema rules out before any row is read.
void check_input(const Schema& schema, const CleanOptions& options,
                 const std::string& input) {
  // Annotating again would add a second pair of the same columns.
  if (options.rows.annotate && has_annotations(schema)) {
    throw UsageError(
        fmt::format("{}: --annotate on input that has its flowcleanAction "
                    "column already; clean it without --annotate",
                    input));
  }
  // The learned rules and learning itself tell conversations from probes
  // by the payload each side sent.
  const bool counts_only =
      options.learn_into != nullptr && options.ports_without_payload;
  if (!schema.has_payload() && !counts_only &&
      (options.learn_into != nullptr || options.rows.model != nullptr)) {
    throw Error(input, 1,
                fmt::format("format {} has no payload columns, nor all the "
                            "columns to estimate them, which learning and a "
                            "model need (doc/formats.md); clean it without "
                            "--learn or --model",
                            schema.format));
  }
}

void clean_input(Run& run, ByteSource& input, LineEndTracker& out,
                 LineEndTracker* rejects) {
  const CleanOptions& options = run.options;
  BlockReader reader(input, options.block_bytes, options.rows.max_row_bytes);
  std::optional<InputHeader> read =
      read_input_header(reader, input.name(), options.format);
  if (!read) {
    run.summary.inputs.push_back({input.name()});
    return;
  }
  const std::string& header = read->bytes;
  const Schema& schema = read->schema;
  check_input(schema, options, input.name());
  if (options.learn_into != nullptr && !schema.has_payload())
    run.summary.format_without_payload = schema.format;
  // Rows of one direction are marked, never flipped: always annotated,
  // unless marked already (cleaning twice changes nothing).
  RowPolicy policy = options.rows;
  policy.annotate =
      policy.annotate || (schema.unidirectional && !has_annotations(schema));
  const bool own_output =
      std::find(run.headed.begin(), run.headed.end(), &out) == run.headed.end();
  if (!run.schema) {
    run.schema = schema;
    run.first_input = input.name();
    if (rejects != nullptr)
      rejects->write(header);
  } else if (schema.names != run.schema->names &&
             (!own_output || rejects != nullptr)) {
    // One header heads each output and the rejects: inputs of another
    // layout need outputs of their own (--out-dir) and no shared rejects.
    throw Error(input.name(), 1,
                fmt::format("header names other columns than the header of "
                            "{}, and their rows would share {}",
                            run.first_input,
                            own_output ? "the --rejects file" : "an output"));
  }
  if (own_output) {
    out.write(policy.annotate ? annotated_header(header, schema) : header);
    run.headed.push_back(&out);
  }
  const std::string_view line_end =
      header.size() > 1 && header[header.size() - 2] == '\r' ? "\r\n" : "\n";
  out.end_line(line_end);
  if (rejects != nullptr)
    rejects->end_line(line_end);
  const std::uint64_t first_line = 1 + count_newlines(header);
  BlockWriter writer(input.name(), first_line, out, rejects, policy,
                     run.summary, schema.dialect.separator);
  const Schema& header_schema = schema;
  if (std::vector<Evidence>* learn_into = options.learn_into) {
    std::vector<BlockLearner> learners;
    learners.reserve(run.threads);
    for (unsigned i = 0; i < run.threads; ++i)
      learners.emplace_back(header_schema, policy, (*learn_into)[i]);
    clean_blocks(run, reader, writer, learners);
  } else {
    std::vector<BlockCleaner> cleaners;
    cleaners.reserve(run.threads);
    for (unsigned i = 0; i < run.threads; ++i)
      cleaners.emplace_back(header_schema, policy);
    clean_blocks(run, reader, writer, cleaners);
  }
  // Done with it: a mapped input gives all its pages back before the next.
  input.release_view(std::numeric_limits<std::uint64_t>::max());
  run.rows_before += writer.rows_read();
  run.summary.inputs.push_back(writer.counts(input.name()));
}

}  // namespace

unsigned resolve_threads(unsigned requested) {
  if (requested != 0)
    return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

Summary clean(const std::vector<CleanTarget>& targets, Sink* rejects,
              const CleanOptions& options) {
  Run run{options, resolve_threads(options.threads), {}, {}, {}, {}, {}};
  run.worker_summaries.resize(run.threads);
  if (options.learn_into != nullptr)
    options.learn_into->resize(run.threads);
  run.targets = &targets;
  run.summary.learned = options.rows.model != nullptr;
  // Not counted: the summary says so, rather than count no rows.
  run.summary.ports.missing = !options.rows.count_ports;
  TrackedSinks sinks;
  LineEndTracker* tracked_rejects = sinks.track(rejects);
  for (const CleanTarget& target : targets) {
    clean_input(run, *target.input, *sinks.track(target.output),
                tracked_rejects);
  }
  for (Summary& worker : run.worker_summaries) {
    worker.ports.settle();
    run.summary.merge(worker);
  }
  return run.summary;
}

Summary clean(const std::vector<ByteSource*>& inputs, Sink& out, Sink* rejects,
              const CleanOptions& options) {
  std::vector<CleanTarget> targets;
  targets.reserve(inputs.size());
  for (ByteSource* input : inputs) targets.push_back({input, &out});
  return clean(targets, rejects, options);
}

}  // namespace flowclean
