// The temporary files of atomic_file_sink, removed when a signal ends the
// run (sink.h): a user who presses Ctrl-C on a month of logs must not be
// left with hundreds of MB of hidden .NAME.flowclean-XXXXXX files.
#include "io/temp_files.h"

#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>

#include <pthread.h>
#include <unistd.h>

namespace flowclean {

// Temporary files not yet renamed into place, for the signal handler to
// remove: a list that only grows, each node claimed and released with one
// atomic store, so the handler can walk it at any moment without a lock.
struct TempFile {
  enum State : int { kFree, kFilling, kLive };
  std::atomic<int> state{kFilling};
  char path[PATH_MAX] = {};
  TempFile* next = nullptr;
};

namespace {

std::atomic<TempFile*> temp_list{nullptr};

}  // namespace

TempFile* remember_temp(const std::string& path) {
  if (path.size() >= PATH_MAX)
    return nullptr;
  // Reuse a released node (a run with --out-dir opens one per input).
  TempFile* node = temp_list.load();
  for (; node != nullptr; node = node->next) {
    int expected = TempFile::kFree;
    if (node->state.compare_exchange_strong(expected, TempFile::kFilling))
      break;
  }
  if (node == nullptr) {
    node = new TempFile;  // never freed: the handler may be reading it
    node->next = temp_list.load();
    while (!temp_list.compare_exchange_weak(node->next, node)) {
    }
  }
  std::memcpy(node->path, path.c_str(), path.size() + 1);
  node->state.store(TempFile::kLive);
  return node;
}

int create_temp_file(std::string& pattern, TempFile*& file) {
  sigset_t all;
  sigset_t before;
  sigfillset(&all);
  ::pthread_sigmask(SIG_BLOCK, &all, &before);
  const int fd = ::mkstemp(pattern.data());
  const int error = errno;
  file = fd < 0 ? nullptr : remember_temp(pattern);
  ::pthread_sigmask(SIG_SETMASK, &before, nullptr);
  errno = error;
  return fd;
}

void forget_temp(TempFile* node) {
  if (node != nullptr)
    node->state.store(TempFile::kFree);
}

namespace {

extern "C" void remove_temps_and_die(int signal_number) {
  for (TempFile* node = temp_list.load(); node != nullptr; node = node->next) {
    if (node->state.load() == TempFile::kLive)
      ::unlink(node->path);
  }
  // The default action, so the parent sees the signal as the cause.
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

}  // namespace

void remove_temp_files_on_signals() {
  for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction action {};
    action.sa_handler = remove_temps_and_die;
    sigemptyset(&action.sa_mask);
    ::sigaction(signal_number, &action, nullptr);
  }
}

}  // namespace flowclean
