#include "flowclean/learn.h"

namespace flowclean {

Learned learn(const std::vector<ByteSource*>& inputs, Sink* rejects,
              const CleanOptions& options) {
  std::vector<Evidence> per_worker;
  CleanOptions learning = options;
  learning.rows.annotate = false;
  learning.learn_into = &per_worker;
  DiscardSink discard;
  Learned learned;
  learned.summary = clean(inputs, discard, rejects, learning);
  // Tables are megabytes: the first worker's become the result.
  learned.evidence = std::move(per_worker.front());
  for (std::size_t i = 1; i < per_worker.size(); ++i)
    learned.evidence.merge(per_worker[i]);
  return learned;
}

}  // namespace flowclean
