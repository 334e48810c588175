#include "io/source.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flowclean/error.h"
#include "io/compression.h"
#include "io/mapped_file.h"

namespace flowclean {

namespace {

class FdSource : public ByteSource {
 public:
  FdSource(std::string name, int fd, bool owned)
      : ByteSource(std::move(name)), fd_(fd), owned_(owned) {
    struct stat info {};
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) {
      total_ = static_cast<std::uint64_t>(info.st_size);
      regular_ = true;
    }
  }
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;
  ~FdSource() override {
    mapped_.reset();
    if (owned_)
      ::close(fd_);
  }

  /// The first `n` bytes (fewer at end of input), left to be read again.
  std::string_view peek(std::size_t n) {
    while (peeked_.size() < n) {
      char buffer[16];
      const int got = read_fd(buffer, static_cast<int>(std::min(
                                          n - peeked_.size(), sizeof buffer)));
      if (got == 0)
        break;
      peeked_.append(buffer, static_cast<std::size_t>(got));
    }
    return peeked_;
  }

  int read(char* buffer, int size) override {
    if (!peeked_.empty()) {
      const std::size_t n =
          std::min(peeked_.size(), static_cast<std::size_t>(size));
      std::memcpy(buffer, peeked_.data(), n);
      peeked_.erase(0, n);
      return static_cast<int>(n);
    }
    return read_fd(buffer, size);
  }

  /// Bytes read, or cleaned where they lie when that is further.
  std::uint64_t bytes_consumed() const override {
    return std::max<std::uint64_t>(consumed_, viewed_);
  }
  std::optional<std::uint64_t> total_bytes() const override { return total_; }

  /// Not when the read position is past the size: a file whose size is not
  /// its length (as under /proc, size 0) is read in order, to its end.
  bool reads_at_offsets() const override {
    return regular_ && peeked_.empty() && position() <= size_now();
  }
  std::uint64_t position() const override {
    const off_t at = ::lseek(fd_, 0, SEEK_CUR);
    if (at < 0)
      fail("cannot tell the read position");
    return static_cast<std::uint64_t>(at);
  }
  std::uint64_t size_now() const override {
    struct stat info {};
    if (::fstat(fd_, &info) != 0)
      fail("cannot tell the size");
    return static_cast<std::uint64_t>(info.st_size);
  }
  std::size_t read_at(char* into, std::size_t size,
                      std::uint64_t offset) override {
    std::size_t have = 0;
    while (have < size) {
      const ssize_t got = ::pread(fd_, into + have, size - have,
                                  static_cast<off_t>(offset + have));
      if (got == 0)
        break;
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        fail("read failed");
      have += static_cast<std::size_t>(got);
    }
    consumed_ += have;
    return have;
  }

  std::string_view view() override {
    if (!mapped_ && reads_at_offsets())
      mapped_.emplace(fd_, size_now());
    return mapped_ ? mapped_->bytes() : std::string_view();
  }
  void release_view(std::uint64_t offset) override {
    if (!mapped_)
      return;
    const std::uint64_t size = mapped_->bytes().size();
    viewed_ = std::max<std::uint64_t>(viewed_, std::min(offset, size));
    mapped_->release(offset);
  }

 private:
  [[noreturn]] void fail(const char* what) const {
    throw Error(name(), 0,
                fmt::format("{}: {}", what, system_error_text(errno)));
  }

  int read_fd(char* buffer, int size) {
    while (true) {
      const ssize_t got = ::read(fd_, buffer, static_cast<std::size_t>(size));
      if (got >= 0) {
        consumed_ += static_cast<std::uint64_t>(got);
        return static_cast<int>(got);
      }
      if (errno == EINTR)
        continue;
      fail("read failed");
    }
  }

  int fd_;
  bool owned_;
  std::string peeked_;
  /// Also counted by read_at() on worker threads, read by progress reports.
  std::atomic<std::uint64_t> consumed_{0};
  std::optional<std::uint64_t> total_;
  bool regular_ = false;
  std::optional<MappedFile> mapped_;  ///< view(), once asked
  /// view() bytes done with. Not asked of mapped_: progress reports read
  /// it from their own thread while a worker may be creating mapped_.
  std::atomic<std::uint64_t> viewed_{0};
};

class MemorySource : public ByteSource {
 public:
  MemorySource(std::string name, std::string_view bytes)
      : ByteSource(std::move(name)), all_(bytes) {}

  int read(char* buffer, int size) override {
    return static_cast<int>(copy(buffer, static_cast<std::size_t>(size), at_));
  }

  std::uint64_t bytes_consumed() const override { return at_ + read_at_; }
  std::optional<std::uint64_t> total_bytes() const override {
    return all_.size();
  }

  bool reads_at_offsets() const override { return true; }
  std::string_view view() override { return all_; }
  std::uint64_t position() const override { return at_; }
  std::uint64_t size_now() const override { return all_.size(); }
  std::size_t read_at(char* into, std::size_t size,
                      std::uint64_t offset) override {
    std::uint64_t at = offset;
    const std::size_t n = copy(into, size, at);
    read_at_ += n;
    return n;
  }

 private:
  // Up to `size` bytes from offset `at`, which moves past them.
  std::size_t copy(char* into, std::size_t size, std::uint64_t& at) const {
    const std::string_view part =
        all_.substr(std::min<std::uint64_t>(at, all_.size()), size);
    if (!part.empty())
      std::memcpy(into, part.data(), part.size());
    at += part.size();
    return part.size();
  }

  std::string_view all_;
  std::uint64_t at_ = 0;  ///< where read() goes on
  std::atomic<std::uint64_t> read_at_{0};
};

}  // namespace

std::size_t ByteSource::read_at(char* /*into*/, std::size_t /*size*/,
                                std::uint64_t /*offset*/) {
  throw Error(name(), 0, "cannot be read at an offset");
}

std::unique_ptr<ByteSource> open_source(const std::string& path) {
  std::unique_ptr<FdSource> source;
  if (path == "-") {
    source = std::make_unique<FdSource>(std::string(kStdinName), 0, false);
  } else {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      throw Error(path, 0,
                  fmt::format("cannot open: {}", system_error_text(errno)));
    }
    struct stat info {};
    if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
      ::close(fd);
      throw Error(path, 0, "is a directory, not a file");
    }
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    source = std::make_unique<FdSource>(path, fd, true);
  }
  const std::string magic(source->peek(kMagicBytes));
  return decompressed(std::move(source), magic);
}

namespace {

template <class Bytes>
Bytes read_all(const std::string& path) {
  const auto source = open_source(path);
  // Read straight into the bytes, sized up front when the size is known:
  // a model of tens of MB is read by every clean task of a cluster run.
  Bytes text;
  std::size_t used = 0;
  text.resize(std::max<std::size_t>(source->total_bytes().value_or(0) + 1,
                                    std::size_t{1} << 16));
  while (true) {
    if (used == text.size())
      text.resize(text.size() * 2);
    const int n = source->read(
        text.data() + used,
        static_cast<int>(std::min<std::size_t>(text.size() - used, 1 << 30)));
    if (n == 0)
      break;
    used += static_cast<std::size_t>(n);
  }
  text.resize(used);
  return text;
}

}  // namespace

std::string read_whole_file(const std::string& path) {
  return read_all<std::string>(path);
}

HugeVector<char> read_large_file(const std::string& path) {
  return read_all<HugeVector<char>>(path);
}

std::unique_ptr<ByteSource> memory_source(std::string name,
                                          std::string_view bytes) {
  return decompressed(std::make_unique<MemorySource>(std::move(name), bytes),
                      bytes.substr(0, kMagicBytes));
}

}  // namespace flowclean
