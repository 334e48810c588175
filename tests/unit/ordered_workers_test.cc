#include "pipeline/ordered_workers.h"

#include <chrono>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

using flowclean::OrderedWorkers;

namespace {

// Jobs numbered as read; work takes a random time, so they end out of order.
struct Jobs {
  Jobs(std::size_t slots, std::size_t jobs) : in_slot(slots), count(jobs) {}
  std::vector<std::size_t> in_slot;
  std::size_t count;
  std::size_t next = 0;
  std::vector<std::size_t> finished;

  OrderedWorkers::Steps steps(std::size_t fail_work_at = SIZE_MAX,
                              std::size_t fail_read_at = SIZE_MAX) {
    OrderedWorkers::Steps s;
    s.claim = [this, fail_read_at](std::size_t slot) {
      if (next == fail_read_at)
        throw std::runtime_error("read failed");
      if (next == count)
        return false;
      in_slot[slot] = next++;
      return true;
    };
    s.work = [this, fail_work_at](std::size_t slot, unsigned /*worker*/) {
      const std::size_t job = in_slot[slot];
      std::this_thread::sleep_for(std::chrono::microseconds(job * 7919 % 300));
      if (job == fail_work_at)
        throw std::runtime_error("work failed");
    };
    s.finish = [this](std::size_t slot) { finished.push_back(in_slot[slot]); };
    return s;
  }
};

std::vector<std::size_t> first(std::size_t n) {
  std::vector<std::size_t> jobs(n);
  for (std::size_t i = 0; i < n; ++i) jobs[i] = i;
  return jobs;
}

}  // namespace

TEST_CASE("jobs finish in the order they were read, whatever the threads",
          "[workers]") {
  const unsigned threads = GENERATE(1u, 2u, 5u);
  CAPTURE(threads);
  Jobs jobs(2 * threads, 200);
  OrderedWorkers::run(threads, 2 * threads, jobs.steps());
  CHECK(jobs.finished == first(200));
}

TEST_CASE("a job's error comes after the jobs before it and stops the rest",
          "[workers]") {
  const unsigned threads = GENERATE(1u, 2u, 5u);
  CAPTURE(threads);
  Jobs jobs(2 * threads, 200);
  CHECK_THROWS_WITH(OrderedWorkers::run(threads, 2 * threads, jobs.steps(57)),
                    "work failed");
  CHECK(jobs.finished == first(57));
}

TEST_CASE("a read error comes after every job read before it", "[workers]") {
  const unsigned threads = GENERATE(1u, 2u, 5u);
  CAPTURE(threads);
  Jobs jobs(2 * threads, 200);
  CHECK_THROWS_WITH(
      OrderedWorkers::run(threads, 2 * threads, jobs.steps(SIZE_MAX, 80)),
      "read failed");
  CHECK(jobs.finished == first(80));
}

TEST_CASE("an earlier job's error wins over a later read error", "[workers]") {
  Jobs jobs(4, 200);
  CHECK_THROWS_WITH(OrderedWorkers::run(2, 4, jobs.steps(78, 80)),
                    "work failed");
  CHECK(jobs.finished == first(78));
}

namespace {

// Fetches take a random time; stitches record the order they ran in.
struct FetchedJobs : Jobs {
  using Jobs::Jobs;
  std::vector<std::size_t> fetched_in_slot = std::vector<std::size_t>(64);
  std::vector<std::size_t> stitched;

  OrderedWorkers::Steps steps(std::size_t fail_fetch_at) {
    OrderedWorkers::Steps s = Jobs::steps();
    s.fetch = [this, fail_fetch_at](std::size_t slot) {
      const std::size_t job = in_slot[slot];
      std::this_thread::sleep_for(
          std::chrono::microseconds(job * 104729 % 200));
      if (job == fail_fetch_at)
        throw std::runtime_error("fetch failed");
      fetched_in_slot[slot] = job;
    };
    s.stitch = [this](std::size_t slot) {
      CHECK(fetched_in_slot[slot] == in_slot[slot]);
      stitched.push_back(in_slot[slot]);
    };
    return s;
  }
};

}  // namespace

TEST_CASE("stitches run in job order, each after its job's fetch",
          "[workers]") {
  const unsigned threads = GENERATE(1u, 2u, 5u);
  CAPTURE(threads);
  FetchedJobs jobs(2 * threads, 200);
  OrderedWorkers::run(threads, 2 * threads, jobs.steps(SIZE_MAX));
  CHECK(jobs.stitched == first(200));
  CHECK(jobs.finished == first(200));
}

TEST_CASE("a fetch error comes after every job before it and drops the rest",
          "[workers]") {
  const unsigned threads = GENERATE(1u, 2u, 5u);
  CAPTURE(threads);
  FetchedJobs jobs(2 * threads, 200);
  CHECK_THROWS_WITH(OrderedWorkers::run(threads, 2 * threads, jobs.steps(90)),
                    "fetch failed");
  CHECK(jobs.stitched == first(90));
  CHECK(jobs.finished == first(90));
}
