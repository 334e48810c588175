#include "io/output_guard.h"

#include <filesystem>
#include <optional>

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flowclean/error.h"

namespace flowclean {

namespace {

namespace fs = std::filesystem;

/// stat() of a path, or fstat() of stdin for "-".
bool stat_input(const std::string& path, struct stat& info) {
  return path == "-" ? ::fstat(STDIN_FILENO, &info) == 0
                     : ::stat(path.c_str(), &info) == 0;
}

/// What makes two names the same file: the inode when it exists, else the
/// path with every link and `..` that exists resolved.
struct FileIdentity {
  bool exists = false;
  dev_t device = 0;
  ino_t inode = 0;
  mode_t mode = 0;
  std::string resolved;

  [[nodiscard]] bool same_as(const FileIdentity& other) const {
    if (exists && other.exists)
      return device == other.device && inode == other.inode;
    return !exists && !other.exists && resolved == other.resolved;
  }
};

FileIdentity identify(const std::string& path) {
  FileIdentity id;
  struct stat info {};
  if (stat_input(path, info)) {
    id.exists = true;
    id.device = info.st_dev;
    id.inode = info.st_ino;
    id.mode = info.st_mode;
  }
  if (path != "-") {
    std::error_code ignored;
    id.resolved = fs::weakly_canonical(fs::absolute(path), ignored).string();
  }
  return id;
}

bool is_dev_null(const FileIdentity& id) {
  static const std::optional<FileIdentity> null = [] {
    const FileIdentity found = identify("/dev/null");
    return found.exists ? std::optional(found) : std::nullopt;
  }();
  return null && id.same_as(*null);
}

std::string quoted(const NamedOutput& output) {
  return fmt::format("{} {}", output.option, output.path);
}

}  // namespace

void check_outputs(const std::vector<NamedOutput>& outputs,
                   const std::vector<std::string>& inputs) {
  std::vector<FileIdentity> ids;
  for (const NamedOutput& output : outputs) {
    if (output.path.empty())
      throw UsageError(fmt::format("{} needs a file name", output.option));
    ids.push_back(identify(output.path));
    if (ids.back().exists && S_ISDIR(ids.back().mode))
      throw UsageError(
          fmt::format("{}: is a folder, not a file", quoted(output)));
  }
  for (const std::string& input : inputs) {
    const FileIdentity in = identify(input);
    // Only a file can be overwritten; a pipe or terminal on stdin is not one.
    if (!in.exists || !S_ISREG(in.mode))
      continue;
    for (std::size_t i = 0; i < outputs.size(); ++i) {
      if (ids[i].same_as(in)) {
        throw UsageError(fmt::format(
            "{} is the input {}: it would be overwritten", quoted(outputs[i]),
            input == "-" ? std::string("<stdin>") : input));
      }
    }
  }
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    for (std::size_t j = i + 1; j < outputs.size(); ++j) {
      if (ids[i].same_as(ids[j]) && !is_dev_null(ids[i])) {
        throw UsageError(fmt::format(
            "{} and {} are the same file: one would replace the other",
            quoted(outputs[i]), quoted(outputs[j])));
      }
    }
  }
}

std::string file_key(const std::string& path) {
  const FileIdentity id = identify(path);
  return id.exists ? fmt::format("inode {}:{}", id.device, id.inode)
                   : id.resolved;
}

void require_rereadable(const std::vector<std::string>& inputs,
                        const char* why) {
  for (const std::string& input : inputs) {
    struct stat info {};
    const bool is_stdin = input == "-";
    const bool known = stat_input(input, info);
    // A missing file is reported by open, with its own message.
    if (!known && !is_stdin)
      continue;
    if (is_stdin || !S_ISREG(info.st_mode)) {
      throw UsageError(fmt::format(
          "{}: {} reads its inputs more than once, and this one is {} that "
          "can be read only once; save it to a file first",
          is_stdin ? std::string("<stdin>") : input, why,
          is_stdin ? "stdin" : "a pipe or device"));
    }
  }
}

}  // namespace flowclean
