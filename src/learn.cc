#include "flowclean/learn.h"

namespace flowclean {

namespace {}  // namespace

Learned learn(const std::vector<ByteSource*>& inputs, Sink* rejects,
              const CleanOptions& options) {
  std::vector<Evidence> per_worker;
  CleanOptions learning = options;
  learning.rows.annotate = false;
  learning.rows.on_error = options.rows.on_error == OnError::kPass
                               ? OnError::kSkip
                               : options.rows.on_error;
  learning.learn_into = &per_worker;
  DiscardSink discard;
  Learned learned;
  learned.summary = clean(inputs, discard, rejects, learning);
  for (const Evidence& worker : per_worker) learned.evidence.merge(worker);
  return learned;
}

}  // namespace flowclean
