#include "io/compression.h"

#include "io/gzip.h"
#include "io/zstd.h"

namespace flowclean {

namespace {

constexpr std::string_view kGzipMagic = "\x1f\x8b";
constexpr std::string_view kZstdMagic = "\x28\xb5\x2f\xfd";

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A zstd file may open with a skippable frame (metadata, as pzstd writes):
// magic 0x184D2A50 to 0x184D2A5F, little-endian. libzstd skips it.
bool is_zstd_skippable(std::string_view magic) {
  return magic.size() >= 4 &&
         (static_cast<unsigned char>(magic[0]) & 0xF0U) == 0x50U &&
         magic.substr(1, 3) == "\x2a\x4d\x18";
}

}  // namespace

std::unique_ptr<ByteSource> decompressed(std::unique_ptr<ByteSource> source,
                                         std::string_view magic) {
  if (magic.substr(0, kGzipMagic.size()) == kGzipMagic) {
    return gzip_source(std::move(source));
  }
  if (magic.substr(0, kZstdMagic.size()) == kZstdMagic ||
      is_zstd_skippable(magic)) {
    return zstd_source(std::move(source));
  }
  return source;
}

std::unique_ptr<Sink> compressed(std::unique_ptr<Sink> sink,
                                 const std::string& path) {
  if (ends_with(path, ".gz"))
    return gzip_sink(std::move(sink), path);
  if (ends_with(path, ".zst"))
    return zstd_sink(std::move(sink), path);
  return sink;
}

}  // namespace flowclean
