#include "flowclean/ordered_workers.h"

namespace flowclean {

OrderedWorkers::OrderedWorkers(unsigned threads, std::size_t slots,
                               std::function<void(std::size_t, unsigned)> work)
    : work_(std::move(work)), done_(slots, 0), errors_(slots) {
  threads_.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) {
    threads_.emplace_back([this, i] { run(i); });
  }
}

OrderedWorkers::~OrderedWorkers() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  job_ready_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

void OrderedWorkers::submit(std::size_t slot) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    done_[slot] = 0;
    errors_[slot] = nullptr;
    queue_.push_back(slot);
  }
  job_ready_.notify_one();
}

void OrderedWorkers::wait(std::size_t slot) {
  std::unique_lock<std::mutex> lock(mutex_);
  job_done_.wait(lock, [&] { return done_[slot] != 0; });
  if (errors_[slot])
    std::rethrow_exception(errors_[slot]);
}

void OrderedWorkers::run(unsigned worker) {
  while (true) {
    std::size_t slot = 0;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      job_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_)
        return;
      slot = queue_.front();
      queue_.pop_front();
    }
    std::exception_ptr error;
    try {
      work_(slot, worker);
    } catch (...) {
      error = std::current_exception();
    }
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      done_[slot] = 1;
      errors_[slot] = error;
    }
    job_done_.notify_all();
  }
}

}  // namespace flowclean
