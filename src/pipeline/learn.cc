#include "flowclean/learn.h"

namespace flowclean {

Learned learn(const std::vector<ByteSource*>& inputs, Sink* rejects,
              const CleanOptions& options) {
  // Each worker holds its share of the caps, so more workers do not mean
  // more memory; the merged tables are cut to the whole caps.
  const unsigned threads = resolve_threads(options.threads);
  std::vector<Evidence> per_worker(threads);
  for (Evidence& evidence : per_worker)
    evidence.set_caps(kMaxHosts / threads, kMaxEndpoints / threads);
  CleanOptions learning = options;
  learning.rows.annotate = false;
  learning.learn_into = &per_worker;
  DiscardSink discard;
  Learned learned;
  learned.summary = clean(inputs, discard, rejects, learning);
  // Tables are megabytes: the first worker's become the result.
  learned.evidence = std::move(per_worker.front());
  learned.evidence.set_caps(kMaxHosts, kMaxEndpoints);
  for (std::size_t i = 1; i < per_worker.size(); ++i) {
    learned.evidence.merge(per_worker[i]);
    per_worker[i] = Evidence();  // its tables are freed as soon as merged
  }
  return learned;
}

}  // namespace flowclean
