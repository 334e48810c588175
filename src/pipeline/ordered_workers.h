// Threads that each read the next job, work on it, and finish jobs in the
// order they were read, so output bytes never depend on thread count.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

namespace flowclean {

/// Why every thread reads for itself, rather than one thread reading for
/// workers: a block is then cleaned on the core that just copied it in, out
/// of that core's cache, and no third thread competes for the two cores.
/// Measured on the 2-core CI machine, 2 GB in page cache, default threads,
/// best of 5 alternating runs: a reading thread plus two workers 0.61 s,
/// two threads that each read 0.44 s (cat: 0.26 s).
/// Why fetch is apart from claim: copying a block in from the page cache
/// is most of a read, and two copies side by side take little longer than
/// one (2 GB with pread, 512 KiB at a time: one thread 0.21-0.30 s, two
/// 0.13-0.15 s). Only claim and stitch, which are cheap, wait their turn.
/// Same file, default threads, alternating: 0.43 -> 0.38 s and, in a
/// quieter hour, 0.353 -> 0.340 s (cat 0.244 s).
class OrderedWorkers {
 public:
  struct Steps {
    /// Says what the next job is; false at the end of input. One thread at
    /// a time, in job order.
    std::function<bool(std::size_t slot)> claim;
    /// Brings the job's input in, in parallel with other jobs' fetches.
    /// Optional.
    std::function<void(std::size_t slot)> fetch;
    /// Completes the job's input after its fetch: one thread at a time, in
    /// job order. Optional.
    std::function<void(std::size_t slot)> stitch;
    /// Works on `slot` on thread `worker` (0..threads-1), in parallel.
    std::function<void(std::size_t slot, unsigned worker)> work;
    /// Takes the result of `slot`. One thread at a time, in job order.
    std::function<void(std::size_t slot)> finish;
  };

  /// Runs the steps on `threads` threads, the caller being one of them,
  /// with up to `slots` jobs between claim and finish. Rethrows the first
  /// error in job order: a work error once the jobs before it are
  /// finished; an error of claim, fetch or stitch (an input error) once
  /// every job before it is, and jobs after it are dropped.
  static void run(unsigned threads, std::size_t slots, const Steps& steps);

 private:
  OrderedWorkers(std::size_t slots, const Steps& steps);
  void loop(unsigned worker);
  bool finish_ready(std::unique_lock<std::mutex>& lock);
  void read_and_work(std::unique_lock<std::mutex>& lock, unsigned worker);
  bool fetch_and_stitch(std::unique_lock<std::mutex>& lock, std::size_t job);
  void end_input(std::size_t job, std::exception_ptr error);
  [[nodiscard]] std::size_t jobs() const;

  const Steps& steps_;
  std::size_t slots_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t read_ = 0;                 ///< jobs claimed
  std::size_t stitched_ = 0;             ///< jobs stitched
  std::size_t finished_ = 0;             ///< jobs finished
  std::size_t dropped_from_ = SIZE_MAX;  ///< first job after an input error
  bool reading_ = false;
  bool finishing_ = false;
  bool end_ = false;  ///< claim found the end, or input failed
  std::exception_ptr read_error_;
  std::exception_ptr error_;  ///< stops every thread
  std::vector<char> worked_;  ///< per slot
  std::vector<std::exception_ptr> work_errors_;
};

}  // namespace flowclean
