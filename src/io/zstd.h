// zstd (.zst) through libzstd: concatenated and skippable frames are read
// as one stream.
#pragma once

#include <memory>
#include <string>

#include "io/sink.h"
#include "io/source.h"

namespace flowclean {

/// The bytes `compressed` holds, decompressed as they are read.
[[nodiscard]] std::unique_ptr<ByteSource> zstd_source(
    std::unique_ptr<ByteSource> compressed);
/// A sink that compresses into `out`; `name` for messages.
[[nodiscard]] std::unique_ptr<Sink> zstd_sink(std::unique_ptr<Sink> out,
                                              std::string name);

}  // namespace flowclean
