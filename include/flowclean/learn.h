// `flowclean learn`: one pass over the inputs that gathers evidence, with
// the same reading, checking and malformed-row handling as clean().
#pragma once

#include <vector>

#include "flowclean/clean.h"
#include "learn/evidence.h"

namespace flowclean {

struct Learned {
  Evidence evidence;
  Summary summary;  ///< rows read and malformed, as clean() counts them
};

/// Learns from the inputs in order; rows go nowhere, malformed rows go to
/// `rejects` under OnError::kSkip. Throws Error as clean() does.
Learned learn(const std::vector<ByteSource*>& inputs, Sink* rejects,
              const CleanOptions& options);

}  // namespace flowclean
