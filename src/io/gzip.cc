// gzip through zlib: a decompressing source and a compressing sink.
#include "io/gzip.h"

#include <climits>
#include <vector>

#include <fmt/format.h>
#include <zlib.h>

#include "flowclean/error.h"
#include "io/compression.h"

namespace flowclean {

namespace {

constexpr std::size_t kChunkBytes = std::size_t{256} * 1024;
constexpr int kGzipWindowBits = 15 + 16;  // 32 KiB window, gzip wrapper
constexpr int kGzipLevel = 6;             // gzip's own default
constexpr int kMemLevel = 8;

class GzipSource : public DecompressingSource {
 public:
  explicit GzipSource(std::unique_ptr<ByteSource> inner)
      : DecompressingSource(std::move(inner)), in_(kChunkBytes) {
    if (inflateInit2(&stream_, kGzipWindowBits) != Z_OK) {
      throw Error(name(), 0, "gzip: cannot start the decompressor");
    }
  }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;
  ~GzipSource() override { inflateEnd(&stream_); }

  int read(char* buffer, int size) override {
    stream_.next_out = reinterpret_cast<Bytef*>(buffer);
    stream_.avail_out = static_cast<uInt>(size);
    while (stream_.avail_out > 0) {
      if (stream_.avail_in == 0 && !refill()) {
        if (in_member_) {
          throw Error(name(), 0, "gzip: compressed data ends early");
        }
        break;
      }
      // Zeros after a member are padding (tape blocks, some writers):
      // gzip and zcat ignore them, and so do we.
      if (!in_member_ && skip_zeros())
        continue;
      if (!in_member_) {  // another member follows (concatenated .gz files)
        inflateReset(&stream_);
        in_member_ = true;
      }
      const int rc = inflate(&stream_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        in_member_ = false;
      } else if (rc != Z_OK && !(rc == Z_BUF_ERROR && stream_.avail_in == 0)) {
        throw Error(name(), 0,
                    fmt::format("gzip: {}", stream_.msg != nullptr
                                                ? stream_.msg
                                                : "corrupt compressed data"));
      }
    }
    return size - static_cast<int>(stream_.avail_out);
  }

 private:
  bool skip_zeros() {
    bool skipped = false;
    while (stream_.avail_in > 0 && *stream_.next_in == 0) {
      ++stream_.next_in;
      --stream_.avail_in;
      skipped = true;
    }
    return skipped;
  }

  bool refill() {
    if (eof_)
      return false;
    const int got = inner().read(in_.data(), static_cast<int>(in_.size()));
    if (got <= 0) {
      eof_ = true;
      return false;
    }
    stream_.next_in = reinterpret_cast<Bytef*>(in_.data());
    stream_.avail_in = static_cast<uInt>(got);
    return true;
  }

  std::vector<char> in_;
  z_stream stream_{};
  bool in_member_ = true;
  bool eof_ = false;
};

class GzipSink : public CompressingSink {
 public:
  GzipSink(std::unique_ptr<Sink> out, std::string name)
      : CompressingSink(std::move(out)),
        name_(std::move(name)),
        buffer_(kChunkBytes) {
    if (deflateInit2(&stream_, kGzipLevel, Z_DEFLATED, kGzipWindowBits,
                     kMemLevel, Z_DEFAULT_STRATEGY) != Z_OK) {
      throw Error(name_, 0, "gzip: cannot start the compressor");
    }
  }
  GzipSink(const GzipSink&) = delete;
  GzipSink& operator=(const GzipSink&) = delete;
  ~GzipSink() override { deflateEnd(&stream_); }

  void write(std::string_view bytes) override {
    while (!bytes.empty()) {
      const std::size_t n = std::min<std::size_t>(bytes.size(), UINT_MAX);
      stream_.next_in =
          reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
      stream_.avail_in = static_cast<uInt>(n);
      drain(Z_NO_FLUSH);
      bytes.remove_prefix(n);
    }
  }

 private:
  void write_end() override { drain(Z_FINISH); }

  void drain(int flush) {
    int rc = Z_OK;
    do {
      stream_.next_out = reinterpret_cast<Bytef*>(buffer_.data());
      stream_.avail_out = static_cast<uInt>(buffer_.size());
      rc = deflate(&stream_, flush);
      if (rc == Z_STREAM_ERROR)
        throw Error(name_, 0, "gzip: compressor failed");
      out().write({buffer_.data(), buffer_.size() - stream_.avail_out});
    } while (stream_.avail_out == 0 ||
             (flush == Z_FINISH && rc != Z_STREAM_END));
  }

  std::string name_;
  std::vector<char> buffer_;
  z_stream stream_{};
};

}  // namespace

std::unique_ptr<ByteSource> gzip_source(
    std::unique_ptr<ByteSource> compressed) {
  return std::make_unique<GzipSource>(std::move(compressed));
}

std::unique_ptr<Sink> gzip_sink(std::unique_ptr<Sink> out, std::string name) {
  return std::make_unique<GzipSink>(std::move(out), std::move(name));
}

}  // namespace flowclean
