#include "flowclean/source.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flowclean/error.h"

namespace flowclean {

namespace {

class FdSource : public ByteSource {
 public:
  FdSource(std::string name, int fd, bool owned)
      : ByteSource(std::move(name)), fd_(fd), owned_(owned) {}
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;
  ~FdSource() override {
    if (owned_)
      ::close(fd_);
  }

  int read(char* buffer, int size) override {
    while (true) {
      const ssize_t got = ::read(fd_, buffer, static_cast<std::size_t>(size));
      if (got >= 0)
        return static_cast<int>(got);
      if (errno == EINTR)
        continue;
      throw Error(name(), 0,
                  fmt::format("read failed: {}", system_error_text(errno)));
    }
  }

 private:
  int fd_;
  bool owned_;
};

class MemorySource : public ByteSource {
 public:
  MemorySource(std::string name, std::string_view bytes)
      : ByteSource(std::move(name)), rest_(bytes) {}

  int read(char* buffer, int size) override {
    const std::size_t n =
        std::min(rest_.size(), static_cast<std::size_t>(size));
    std::memcpy(buffer, rest_.data(), n);
    rest_.remove_prefix(n);
    return static_cast<int>(n);
  }

 private:
  std::string_view rest_;
};

}  // namespace

std::unique_ptr<ByteSource> open_source(const std::string& path) {
  if (path == "-")
    return std::make_unique<FdSource>("<stdin>", 0, false);
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
  return std::make_unique<FdSource>(path, fd, true);
}

std::unique_ptr<ByteSource> memory_source(std::string name,
                                          std::string_view bytes) {
  return std::make_unique<MemorySource>(std::move(name), bytes);
}

}  // namespace flowclean
