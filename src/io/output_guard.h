// Before a run writes anything: no two outputs are the same file, no output
// is an input, no output is a folder or an empty name. A user hands us the
// only copy of their flow logs, so every command checks its outputs here
// first and refuses (exit 2) rather than find out after the run.
#pragma once

#include <string>
#include <vector>

namespace flowclean {

/// One output of a run: the option that names it and the path.
struct NamedOutput {
  std::string option;  ///< "-o", "--rejects", "--summary-json", ...
  std::string path;
};

/// Throws UsageError naming both sides when two outputs are the same file
/// (device and inode where the file exists, the resolved path where it does
/// not), when an output is one of `inputs` ("-" is stdin, compared when it
/// is a file), when an output names an existing folder, or when a name is
/// empty. /dev/null may be named any number of times.
void check_outputs(const std::vector<NamedOutput>& outputs,
                   const std::vector<std::string>& inputs);

/// A key that two names of one file share: its device and inode where it
/// exists, else its path with the links and `..` that exist resolved
/// (combine uses it to find one chunk named two ways).
[[nodiscard]] std::string file_key(const std::string& path);

/// Throws UsageError when an input cannot be read more than once (a pipe,
/// a FIFO, a terminal, stdin): `why` says which command needs two reads.
/// Checked without opening, so a FIFO with no writer does not hang.
void require_rereadable(const std::vector<std::string>& inputs,
                        const char* why);

}  // namespace flowclean
