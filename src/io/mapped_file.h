// A file's bytes read where they lie in the page cache, when that beats
// copying them out.
#pragma once

#include <cstdint>
#include <string_view>

namespace flowclean {

/// Mapped only where the page cache holds the file in huge pages, as it
/// does once the file was read from disk: then the whole mapping costs a
/// fault per 2 MiB and no copy at all. A file just written sits in 4 KiB
/// pages, and faulting those in costs more than read() copying them
/// (measured in mapped_file.cc).
class MappedFile {
 public:
  enum class When : std::uint8_t { kHugePages, kAlways };
  /// Maps the first `size` bytes of `fd`, or nothing (bytes() empty): by
  /// default only where the page cache holds them in huge pages.
  MappedFile(int fd, std::uint64_t size, When when = When::kHugePages);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  [[nodiscard]] std::string_view bytes() const { return bytes_; }
  /// The bytes before `offset` are done with: their pages are given back,
  /// so resident memory stays bounded whatever the file's size.
  void release(std::uint64_t offset);

 private:
  std::string_view bytes_;
  std::uint64_t released_ = 0;
};

}  // namespace flowclean
