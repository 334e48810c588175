// gzip (.gz): read through ISA-L's igzip, written through zlib.
// Concatenated members, and zero padding after the last, are read as one
// stream.
#pragma once

#include <memory>
#include <string>

#include "io/sink.h"
#include "io/source.h"

namespace flowclean {

/// The bytes `compressed` holds, decompressed as they are read.
[[nodiscard]] std::unique_ptr<ByteSource> gzip_source(
    std::unique_ptr<ByteSource> compressed);
/// A sink that compresses into `out`; `name` for messages.
[[nodiscard]] std::unique_ptr<Sink> gzip_sink(std::unique_ptr<Sink> out,
                                              std::string name);

}  // namespace flowclean
