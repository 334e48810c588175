// Whether a summary read back agrees with itself (flowclean combine).
#pragma once

#include <string>

#include "report/summary.h"

namespace flowclean {

/// Throws Error naming `file` unless the summary agrees with itself: rows
/// read = written + rejected; rejected and flipped within what they can
/// be; the rule counts add up to the rows that were not malformed, the
/// flipping rules' to the rows flipped, and the same for the tables by
/// kind, port and protocol, and the inputs. A summary that does not is
/// damaged or edited, and adding it would make a wrong total.
void check_summary(const Summary& summary, const std::string& file);

}  // namespace flowclean
