#include "pipeline/ordered_workers.h"

#include <algorithm>
#include <thread>

namespace flowclean {

OrderedWorkers::OrderedWorkers(std::size_t slots, const Steps& steps)
    : steps_(steps), slots_(slots), worked_(slots, 0), work_errors_(slots) {}

void OrderedWorkers::run(unsigned threads, std::size_t slots,
                         const Steps& steps) {
  OrderedWorkers workers(slots, steps);
  std::vector<std::thread> others;
  others.reserve(threads - 1);
  for (unsigned i = 1; i < threads; ++i)
    others.emplace_back([&workers, i] { workers.loop(i); });
  workers.loop(0);
  for (std::thread& thread : others) thread.join();
  if (workers.error_)
    std::rethrow_exception(workers.error_);
  if (workers.read_error_)
    std::rethrow_exception(workers.read_error_);
}

// Whoever finds the oldest job worked finishes it, and every worked job
// after it: the others go on reading and working meanwhile.
bool OrderedWorkers::finish_ready(std::unique_lock<std::mutex>& lock) {
  if (finishing_ || finished_ == jobs() || !worked_[finished_ % slots_])
    return false;
  finishing_ = true;
  while (!error_ && finished_ < jobs() && worked_[finished_ % slots_]) {
    const std::size_t slot = finished_ % slots_;
    std::exception_ptr error = work_errors_[slot];
    lock.unlock();
    if (!error) {
      try {
        steps_.finish(slot);
      } catch (...) {
        error = std::current_exception();
      }
    }
    lock.lock();
    worked_[slot] = 0;
    work_errors_[slot] = nullptr;
    ++finished_;
    if (error)
      error_ = error;
    changed_.notify_all();
  }
  finishing_ = false;
  return true;
}

std::size_t OrderedWorkers::jobs() const {
  return std::min(read_, dropped_from_);
}

void OrderedWorkers::end_input(std::size_t job, std::exception_ptr error) {
  end_ = true;
  dropped_from_ = job;
  read_error_ = std::move(error);
  changed_.notify_all();
}

namespace {

std::exception_ptr run_step(const std::function<void(std::size_t)>& step,
                            std::size_t slot) {
  if (!step)
    return nullptr;
  try {
    step(slot);
  } catch (...) {
    return std::current_exception();
  }
  return nullptr;
}

}  // namespace

// Fetches run side by side; stitches wait for the one before. False when
// the job is dropped: its input or an earlier job failed.
bool OrderedWorkers::fetch_and_stitch(std::unique_lock<std::mutex>& lock,
                                      std::size_t job) {
  const std::size_t slot = job % slots_;
  lock.unlock();
  std::exception_ptr error = run_step(steps_.fetch, slot);
  lock.lock();
  changed_.wait(
      lock, [&] { return stitched_ == job || dropped_from_ <= job || error_; });
  if (stitched_ != job || error_)
    return false;
  if (!error) {
    lock.unlock();
    error = run_step(steps_.stitch, slot);
    lock.lock();
  }
  if (error) {
    end_input(job, error);
    return false;
  }
  ++stitched_;
  changed_.notify_all();
  return true;
}

void OrderedWorkers::read_and_work(std::unique_lock<std::mutex>& lock,
                                   unsigned worker) {
  reading_ = true;
  const std::size_t job = read_;
  const std::size_t slot = job % slots_;
  lock.unlock();
  bool more = false;
  std::exception_ptr error;
  try {
    more = steps_.claim(slot);
  } catch (...) {
    error = std::current_exception();
  }
  lock.lock();
  reading_ = false;
  changed_.notify_all();
  if (!more) {
    end_input(job, error);
    return;
  }
  ++read_;
  if (!fetch_and_stitch(lock, job))
    return;
  lock.unlock();
  try {
    steps_.work(slot, worker);
  } catch (...) {
    error = std::current_exception();
  }
  lock.lock();
  worked_[slot] = 1;
  work_errors_[slot] = error;
}

void OrderedWorkers::loop(unsigned worker) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!error_) {
    if (finish_ready(lock))
      continue;
    if (!end_ && !reading_ && read_ - finished_ < slots_) {
      read_and_work(lock, worker);
      continue;
    }
    if (end_ && finished_ == jobs())
      break;
    changed_.wait(lock);
  }
  changed_.notify_all();
}

}  // namespace flowclean
