// Where input bytes come from: files, stdin, memory. All are
// fast-cpp-csv-parser byte sources, the library's seam for inputs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>  // csv.h needs it and does not include it
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <libfccp/csv.h>

#include "common/huge_pages.h"

namespace flowclean {

/// The input seam: one virtual read(), like io::ByteSourceBase, plus a name
/// for messages. read() returns 0 at end and throws Error on failure.
class ByteSource : public io::ByteSourceBase {
 public:
  explicit ByteSource(std::string name) : name_(std::move(name)) {}
  [[nodiscard]] const std::string& name() const { return name_; }
  /// Bytes taken from the file so far (compressed bytes for a compressed
  /// input) and the file's size when known: what progress reports.
  [[nodiscard]] virtual std::uint64_t bytes_consumed() const { return 0; }
  [[nodiscard]] virtual std::optional<std::uint64_t> total_bytes() const {
    return std::nullopt;
  }

  /// Whether the bytes from the read position on can also be read at any
  /// offset, by several threads at once (a plain file, or memory): then
  /// blocks are copied in on the threads that clean them, in parallel.
  /// Pipes and compressed inputs can only be read in order.
  [[nodiscard]] virtual bool reads_at_offsets() const { return false; }
  /// Offset of the byte read() would return next. Only if reads_at_offsets().
  [[nodiscard]] virtual std::uint64_t position() const { return 0; }
  /// The input's size now (a file may grow while it is read). Only if
  /// reads_at_offsets().
  [[nodiscard]] virtual std::uint64_t size_now() const { return 0; }
  /// Reads up to `size` bytes at `offset` (0 at the end) without moving the
  /// read position; safe to call from several threads. Throws Error on
  /// failure. Only if reads_at_offsets().
  virtual std::size_t read_at(char* into, std::size_t size,
                              std::uint64_t offset);
  /// The input from offset 0 as it lies in memory (a mapped file, a memory
  /// source), or empty. Blocks inside it are cleaned where they lie, never
  /// copied. Only if reads_at_offsets(); asked once, before the blocks.
  [[nodiscard]] virtual std::string_view view() { return {}; }
  /// The bytes of view() before `offset` are done with (all of them at the
  /// view's size or past it): a mapped file gives their pages back, so
  /// resident memory stays bounded.
  virtual void release_view(std::uint64_t /*offset*/) {}

 private:
  std::string name_;
};

/// How stdin is named in messages and summaries.
inline constexpr std::string_view kStdinName = "<stdin>";

/// "-" opens stdin (named kStdinName in messages). gzip and zstd input is
/// recognised by its magic bytes, whatever the name, and decompressed.
/// Throws Error if the file cannot be opened or is a directory.
[[nodiscard]] std::unique_ptr<ByteSource> open_source(const std::string& path);

/// The whole of a small file (a summary, a format), decompressed like any
/// input. Throws Error naming the file.
[[nodiscard]] std::string read_whole_file(const std::string& path);
/// The same for a file of tens of MB (a model), in huge pages: in 4 KiB
/// pages, zeroed and then written, the 34 MB benchmark model cost 8,400
/// page faults, most of its loading time on a VM (huge_pages.h).
[[nodiscard]] HugeVector<char> read_large_file(const std::string& path);

/// Bytes held in memory, for tests, fuzzing and benchmarks; `bytes` must
/// outlive the source. Compressed bytes are decompressed, as for files.
[[nodiscard]] std::unique_ptr<ByteSource> memory_source(std::string name,
                                                        std::string_view bytes);

}  // namespace flowclean
