#include "io/sink.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "flowclean/error.h"
#include "io/temp_files.h"

namespace flowclean {

namespace {

[[noreturn]] void write_failed(const std::string& name) {
  if (errno == EPIPE)
    throw BrokenPipe{};
  throw Error(name, 0,
              fmt::format("write failed: {}", system_error_text(errno)));
}

void write_all(int fd, std::string_view bytes, const std::string& name) {
  while (!bytes.empty()) {
    const ssize_t done = ::write(fd, bytes.data(), bytes.size());
    if (done < 0) {
      if (errno == EINTR)
        continue;
      write_failed(name);
    }
    bytes.remove_prefix(static_cast<std::size_t>(done));
  }
}

// One system call for a block's runs and rewritten rows (hundreds of
// parts), not one each. A short write finishes the part it stopped in
// with write_all and goes on with writev.
void write_all_parts(int fd, const std::string_view* parts, std::size_t count,
                     const std::string& name) {
  constexpr std::size_t kMaxParts = 1024;  // IOV_MAX on Linux
  struct iovec vectors[kMaxParts];
  while (count > 0) {
    const std::size_t n = std::min(count, kMaxParts);
    std::size_t total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      vectors[i].iov_base = const_cast<char*>(parts[i].data());
      vectors[i].iov_len = parts[i].size();
      total += parts[i].size();
    }
    ssize_t done = ::writev(fd, vectors, static_cast<int>(n));
    if (done < 0) {
      if (errno != EINTR)
        write_failed(name);
      done = 0;
    }
    auto left = static_cast<std::size_t>(done);
    if (left == total) {
      parts += n;
      count -= n;
      continue;
    }
    while (left >= parts->size()) {
      left -= parts->size();
      ++parts;
      --count;
    }
    write_all(fd, parts->substr(left), name);
    ++parts;
    --count;
  }
}

// close() is where a delayed write error (a full disk, NFS) shows.
void close_or_throw(int fd, const std::string& name) {
  if (::close(fd) != 0) {
    throw Error(name, 0,
                fmt::format("write failed: {}", system_error_text(errno)));
  }
}

class StdoutSink : public Sink {
 public:
  void write(std::string_view bytes) override {
    write_all(STDOUT_FILENO, bytes, "<stdout>");
  }
  void write_parts(const std::string_view* parts, std::size_t count) override {
    write_all_parts(STDOUT_FILENO, parts, count, "<stdout>");
  }
};

/// The file a write to `path` lands in: through every symbolic link, so a
/// rename replaces the target, never the link.
std::string through_links(std::string path) {
  for (int hops = 0; hops < 40; ++hops) {
    struct stat link {};
    if (::lstat(path.c_str(), &link) != 0 || !S_ISLNK(link.st_mode))
      return path;
    std::vector<char> target(static_cast<std::size_t>(PATH_MAX) + 1);
    const ssize_t n = ::readlink(path.c_str(), target.data(), PATH_MAX);
    if (n < 0)
      return path;
    const std::string_view next(target.data(), static_cast<std::size_t>(n));
    const auto slash = path.rfind('/');
    if (next.front() != '/' && slash != std::string::npos) {
      path.resize(slash + 1);  // a relative target is beside the link
      path.append(next);
    } else {
      path = next;
    }
  }
  throw Error(path, 0, "too many levels of symbolic links");
}

// A file written through its descriptor: what the atomic and the direct
// file sinks share.
class DescriptorSink : public Sink {
 public:
  DescriptorSink(const DescriptorSink&) = delete;
  DescriptorSink& operator=(const DescriptorSink&) = delete;
  ~DescriptorSink() override {
    if (fd_ >= 0)
      ::close(fd_);
  }

  void write(std::string_view bytes) override { write_all(fd_, bytes, path_); }
  void write_parts(const std::string_view* parts, std::size_t count) override {
    write_all_parts(fd_, parts, count, path_);
  }

  void finish() override {
    if (fd_ < 0)
      return;
    const int fd = fd_;
    fd_ = -1;
    close_or_throw(fd, path_);
  }

 protected:
  explicit DescriptorSink(std::string path) : path_(std::move(path)) {}

  std::string path_;
  int fd_ = -1;
};

class AtomicFileSink : public DescriptorSink {
 public:
  explicit AtomicFileSink(const std::string& path)
      : DescriptorSink(through_links(path)) {
    struct stat existing {};
    const bool exists = ::stat(path_.c_str(), &existing) == 0;
    if (exists && S_ISDIR(existing.st_mode))
      throw Error(path_, 0, "is a folder, not a file");
    const auto slash = path_.rfind('/');
    const std::string dir =
        slash == std::string::npos ? "" : path_.substr(0, slash + 1);
    const std::string base =
        slash == std::string::npos ? path_ : path_.substr(slash + 1);
    temp_ = dir + "." + base + ".flowclean-XXXXXX";
    fd_ = create_temp_file(temp_, node_);
    if (fd_ < 0) {
      throw Error(path_, 0,
                  fmt::format("cannot create: {}", system_error_text(errno)));
    }
    keep_mode(exists ? &existing : nullptr);
  }
  AtomicFileSink(const AtomicFileSink&) = delete;
  AtomicFileSink& operator=(const AtomicFileSink&) = delete;
  ~AtomicFileSink() override {
    if (!committed_)
      ::unlink(temp_.c_str());
    forget_temp(node_);
  }

  void commit() override {
    finish();
    if (::rename(temp_.c_str(), path_.c_str()) != 0) {
      throw Error(path_, 0,
                  fmt::format("cannot replace: {}", system_error_text(errno)));
    }
    committed_ = true;
    forget_temp(node_);
    node_ = nullptr;
  }

 private:
  // mkstemp makes 0600. A file replaced keeps its mode (a 0600 capture stays
  // private) and, where we may, its owner; a new one gets what a plain
  // create would.
  void keep_mode(const struct stat* existing) {
    if (existing != nullptr) {
      (void)!::fchown(fd_, existing->st_uid, existing->st_gid);
      ::fchmod(fd_, existing->st_mode & 07777);
      return;
    }
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd_, 0666 & ~mask);
  }

  std::string temp_;
  TempFile* node_ = nullptr;
  bool committed_ = false;
};

// A device or pipe (/dev/null, /dev/stdout, a FIFO) is written as it stands:
// renaming a temporary file over it would replace the device with a file.
class DirectFileSink : public DescriptorSink {
 public:
  explicit DirectFileSink(std::string path) : DescriptorSink(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) {
      throw Error(path_, 0,
                  fmt::format("cannot open: {}", system_error_text(errno)));
    }
  }
};

}  // namespace

void commit_together(const std::vector<Sink*>& sinks) {
  for (Sink* sink : sinks) {
    if (sink != nullptr)
      sink->finish();
  }
  for (Sink* sink : sinks) {
    if (sink != nullptr)
      sink->commit();
  }
}

std::unique_ptr<Sink> stdout_sink() {
  return std::make_unique<StdoutSink>();
}

std::unique_ptr<Sink> atomic_file_sink(const std::string& path) {
  // /dev/stdout is a link to the process's own descriptor: when that is a
  // regular file, stat says "file", but renaming over the name would replace
  // the link and lose the output. So /dev and /proc are never renamed over.
  const bool special =
      path.rfind("/dev/", 0) == 0 || path.rfind("/proc/", 0) == 0;
  struct stat status {};
  if (special || (::stat(path.c_str(), &status) == 0 &&
                  !S_ISREG(status.st_mode) && !S_ISDIR(status.st_mode))) {
    return std::make_unique<DirectFileSink>(path);
  }
  return std::make_unique<AtomicFileSink>(path);
}

}  // namespace flowclean
