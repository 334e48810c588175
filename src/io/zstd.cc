// zstd through libzstd: a decompressing source and a compressing sink.
#include "io/zstd.h"

#include <vector>

#include <fmt/format.h>
#include <zstd.h>

#include "flowclean/error.h"
#include "io/compression.h"

namespace flowclean {

namespace {

constexpr int kZstdLevel = 3;  // zstd's own default: fast, good ratio

class ZstdSource : public DecompressingSource {
 public:
  explicit ZstdSource(std::unique_ptr<ByteSource> inner)
      : DecompressingSource(std::move(inner)),
        stream_(ZSTD_createDStream()),
        in_(ZSTD_DStreamInSize()) {
    if (stream_ == nullptr)
      throw Error(name(), 0, "zstd: out of memory");
    ZSTD_initDStream(stream_);
  }
  ZstdSource(const ZstdSource&) = delete;
  ZstdSource& operator=(const ZstdSource&) = delete;
  ~ZstdSource() override { ZSTD_freeDStream(stream_); }

  int read(char* buffer, int size) override {
    ZSTD_outBuffer out{buffer, static_cast<std::size_t>(size), 0};
    while (out.pos < out.size) {
      if (input_.pos == input_.size && !refill()) {
        if (!frame_done_) {
          throw Error(name(), 0, "zstd: compressed data ends early");
        }
        break;
      }
      const std::size_t rc = ZSTD_decompressStream(stream_, &out, &input_);
      if (ZSTD_isError(rc)) {
        throw Error(name(), 0, fmt::format("zstd: {}", ZSTD_getErrorName(rc)));
      }
      frame_done_ = rc == 0;
    }
    return static_cast<int>(out.pos);
  }

 private:
  bool refill() {
    const int got = inner().read(in_.data(), static_cast<int>(in_.size()));
    if (got <= 0)
      return false;
    input_ = {in_.data(), static_cast<std::size_t>(got), 0};
    return true;
  }

  ZSTD_DStream* stream_;
  std::vector<char> in_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  bool frame_done_ = false;
};

class ZstdSink : public CompressingSink {
 public:
  ZstdSink(std::unique_ptr<Sink> out, std::string name)
      : CompressingSink(std::move(out)),
        name_(std::move(name)),
        stream_(ZSTD_createCStream()),
        buffer_(ZSTD_CStreamOutSize()) {
    if (stream_ == nullptr)
      throw Error(name_, 0, "zstd: out of memory");
    ZSTD_initCStream(stream_, kZstdLevel);
    // A checksum per frame, as the zstd command writes: corruption is found.
    ZSTD_CCtx_setParameter(stream_, ZSTD_c_checksumFlag, 1);
  }
  ZstdSink(const ZstdSink&) = delete;
  ZstdSink& operator=(const ZstdSink&) = delete;
  ~ZstdSink() override { ZSTD_freeCStream(stream_); }

  void write(std::string_view bytes) override {
    ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
    while (in.pos < in.size) {
      ZSTD_outBuffer chunk{buffer_.data(), buffer_.size(), 0};
      check(ZSTD_compressStream(stream_, &chunk, &in));
      out().write({buffer_.data(), chunk.pos});
    }
  }

 private:
  void write_end() override {
    std::size_t remaining = 1;
    while (remaining != 0) {
      ZSTD_outBuffer chunk{buffer_.data(), buffer_.size(), 0};
      remaining = check(ZSTD_endStream(stream_, &chunk));
      out().write({buffer_.data(), chunk.pos});
    }
  }

  std::size_t check(std::size_t rc) const {
    if (ZSTD_isError(rc)) {
      throw Error(name_, 0, fmt::format("zstd: {}", ZSTD_getErrorName(rc)));
    }
    return rc;
  }

  std::string name_;
  ZSTD_CStream* stream_;
  std::vector<char> buffer_;
};

}  // namespace

std::unique_ptr<ByteSource> zstd_source(
    std::unique_ptr<ByteSource> compressed) {
  return std::make_unique<ZstdSource>(std::move(compressed));
}

std::unique_ptr<Sink> zstd_sink(std::unique_ptr<Sink> out, std::string name) {
  return std::make_unique<ZstdSink>(std::move(out), std::move(name));
}

}  // namespace flowclean
