// ParallelFor and the process-wide thread count.
#include "common/parallel.h"

#include <atomic>
#include <cstdlib>
#include <string>
#include <thread>

namespace tutela {

namespace {
std::atomic<int> g_threads{0};
}  // namespace

int DefaultThreads() {
  int n = g_threads.load(std::memory_order_relaxed);
  if (n >= 1) return n;
  if (const char* env = std::getenv("TUTELA_THREADS")) {
    char* end = nullptr;
    long v = std::strtol(env, &end, 10);
    if (end != env && *end == '\0' && v >= 1 && v <= 256) return static_cast<int>(v);
  }
  unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(std::min(2u, hw));
}

void SetDefaultThreads(int n) { g_threads.store(n, std::memory_order_relaxed); }

Status ParallelFor(size_t tasks, int threads, const std::function<Status(size_t)>& fn) {
  if (tasks == 0) return Status::Ok();
  size_t workers = std::min(tasks, static_cast<size_t>(std::max(1, threads)));
  std::vector<Status> results(tasks, Status::Ok());
  if (workers == 1) {
    for (size_t t = 0; t < tasks; ++t) {
      results[t] = fn(t);
      if (!results[t].ok()) return results[t];
    }
    return Status::Ok();
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t t; (t = next.fetch_add(1, std::memory_order_relaxed)) < tasks;) {
      results[t] = fn(t);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (size_t w = 1; w < workers; ++w) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  for (Status& s : results) {
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

std::vector<std::pair<size_t, size_t>> SplitRange(size_t n, size_t parts, size_t min_grain) {
  std::vector<std::pair<size_t, size_t>> out;
  if (n == 0) return out;
  parts = std::max<size_t>(1, parts);
  min_grain = std::max<size_t>(1, min_grain);
  size_t k = std::min(parts, std::max<size_t>(1, n / min_grain));
  for (size_t i = 0; i < k; ++i) out.emplace_back(n * i / k, n * (i + 1) / k);
  return out;
}

}  // namespace tutela
