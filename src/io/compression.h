// gzip and zstd: recognised by magic bytes on input, chosen by file name on
// output. zlib and libzstd from Debian do the work.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "io/sink.h"
#include "io/source.h"

namespace flowclean {

/// How many leading bytes decompressed() looks at.
inline constexpr std::size_t kMagicBytes = 4;

/// `source` itself, or a source that decompresses it when `magic` (its first
/// bytes) is gzip's or zstd's. Multi-member gzip and multi-frame zstd are
/// read to the end; corrupt or truncated data throws Error naming the input.
[[nodiscard]] std::unique_ptr<ByteSource> decompressed(
    std::unique_ptr<ByteSource> source, std::string_view magic);

/// `sink` itself, or a sink that compresses into it when `path` ends in
/// ".gz" (gzip, level 6) or ".zst" (zstd, level 3).
[[nodiscard]] std::unique_ptr<Sink> compressed(std::unique_ptr<Sink> sink,
                                               const std::string& path);

/// A source that decompresses another: progress is the compressed bytes.
class DecompressingSource : public ByteSource {
 public:
  explicit DecompressingSource(std::unique_ptr<ByteSource> inner)
      : ByteSource(inner->name()), inner_(std::move(inner)) {}
  [[nodiscard]] std::uint64_t bytes_consumed() const override {
    return inner_->bytes_consumed();
  }
  [[nodiscard]] std::optional<std::uint64_t> total_bytes() const override {
    return inner_->total_bytes();
  }

 protected:
  ByteSource& inner() { return *inner_; }

 private:
  std::unique_ptr<ByteSource> inner_;
};

/// A compressor in front of another sink. It owns the order of the last
/// steps: finish() writes the compressed stream's end (write_end()) and
/// finishes the sink behind it, once; commit() then commits that sink.
class CompressingSink : public Sink {
 public:
  explicit CompressingSink(std::unique_ptr<Sink> out) : out_(std::move(out)) {}
  void finish() final {
    if (finished_)
      return;
    write_end();
    out_->finish();
    finished_ = true;
  }
  void commit() final {
    finish();
    out_->commit();
  }

 protected:
  /// Compresses what is held back and writes the stream's end to out().
  virtual void write_end() = 0;
  Sink& out() { return *out_; }

 private:
  std::unique_ptr<Sink> out_;
  bool finished_ = false;
};

}  // namespace flowclean
