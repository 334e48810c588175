// Temporary files that a signal must not leave behind: sinks register each
// one while it is written and forget it once renamed into place or removed.
#pragma once

#include <string>

namespace flowclean {

struct TempFile;

/// mkstemp(`pattern`) (its XXXXXX become the name) and remember_temp() as
/// one step no signal can come between: a file made just before a signal
/// and not yet registered would be left behind. Returns the descriptor, or
/// -1 with errno set.
[[nodiscard]] int create_temp_file(std::string& pattern, TempFile*& file);

/// Registers `path` for removal on SIGINT, SIGTERM and SIGHUP; null when
/// the path is too long to keep (the file is then only removed as usual).
[[nodiscard]] TempFile* remember_temp(const std::string& path);

/// The file was renamed or removed: a signal leaves it alone. Null is fine.
void forget_temp(TempFile* file);

/// On SIGINT, SIGTERM and SIGHUP, removes the registered files, then dies
/// of the signal as it would have (the exit status still says which).
void remove_temp_files_on_signals();

}  // namespace flowclean
