// Worker threads that take jobs in submission order; the caller collects
// results in the same order, so output bytes never depend on thread count.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace flowclean {

class OrderedWorkers {
 public:
  /// work(slot, worker) runs on worker thread `worker` (0..threads-1).
  OrderedWorkers(unsigned threads, std::size_t slots,
                 std::function<void(std::size_t, unsigned)> work);
  OrderedWorkers(const OrderedWorkers&) = delete;
  OrderedWorkers& operator=(const OrderedWorkers&) = delete;
  /// Stops the workers after their current job and joins them.
  ~OrderedWorkers();

  void submit(std::size_t slot);
  /// Blocks until `slot`'s job is done; rethrows what the job threw.
  void wait(std::size_t slot);

 private:
  void run(unsigned worker);

  std::function<void(std::size_t, unsigned)> work_;
  std::mutex mutex_;
  std::condition_variable job_ready_;
  std::condition_variable job_done_;
  std::deque<std::size_t> queue_;
  std::vector<char> done_;
  std::vector<std::exception_ptr> errors_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace flowclean
