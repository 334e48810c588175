// Where output bytes go: stdout, a file replaced atomically, memory.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace flowclean {

class Sink {
 public:
  virtual ~Sink() = default;
  /// Writes all bytes or throws Error naming the output.
  virtual void write(std::string_view bytes) = 0;
  /// Writes the parts in order, as write() would one after the other.
  virtual void write_parts(const std::string_view* parts, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) write(parts[i]);
  }
  /// Writes out everything held back (a compressor's tail) and closes the
  /// file: after it only commit()'s rename can fail. Idempotent.
  virtual void finish() {}
  /// Makes the output final (finish() first if not done). A file sink that
  /// is destroyed without commit() leaves its target untouched and removes
  /// its temporary file.
  virtual void commit() { finish(); }
};

/// The outputs of one run commit together: every one is finished before
/// any is renamed into place, so a failure in writing any of them (a full
/// disk, /dev/full) leaves every target as it was. Null sinks are skipped.
void commit_together(const std::vector<Sink*>& sinks);

/// Standard output. A closed pipe ends the process quietly (SIGPIPE, or
/// BrokenPipe where SIGPIPE is ignored).
[[nodiscard]] std::unique_ptr<Sink> stdout_sink();

/// Writes to a temporary file beside `path` and renames it over `path` on
/// commit(), so readers and make never see a half-written file. A `path`
/// that is a device or a pipe (/dev/null, /dev/stdout) is written directly.
/// A symbolic link is followed: its target is replaced, the link stays. A
/// file replaced keeps its mode. Throws Error when `path` is a folder.
[[nodiscard]] std::unique_ptr<Sink> atomic_file_sink(const std::string& path);

/// Thrown when the reader of standard output went away: not an error.
struct BrokenPipe {};

/// Drops what it is given: for passes that only count or learn.
class DiscardSink : public Sink {
 public:
  void write(std::string_view /*bytes*/) override {}
  void write_parts(const std::string_view* /*parts*/,
                   std::size_t /*count*/) override {}
};

class StringSink : public Sink {
 public:
  void write(std::string_view bytes) override { text.append(bytes); }
  std::string text;
};

}  // namespace flowclean
