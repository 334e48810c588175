// Where output bytes go: stdout, a file replaced atomically, memory.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

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
  /// Makes the output final. A file sink that is destroyed without commit()
  /// leaves its target untouched and removes its temporary file.
  virtual void commit() {}
};

/// Standard output. A closed pipe ends the process quietly (SIGPIPE, or
/// BrokenPipe where SIGPIPE is ignored).
[[nodiscard]] std::unique_ptr<Sink> stdout_sink();

/// Writes to a temporary file beside `path` and renames it over `path` on
/// commit(), so readers and make never see a half-written file. A `path`
/// that is a device or a pipe (/dev/null, /dev/stdout) is written directly.
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
