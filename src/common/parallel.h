// Data parallelism for the two-core machines Tutela runs on: the process-wide
// worker count (TUTELA_THREADS, --threads) and ParallelFor over task indexes.
// Results must not depend on the thread count: callers split work into
// contiguous ranges by index and merge the per-range results in index order.
// All functions are thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

#include "common/status.h"

namespace tutela {

// Worker threads for data-parallel work: SetDefaultThreads(n) if called with
// n >= 1, else $TUTELA_THREADS if set to a positive integer, else
// min(2, hardware threads).
int DefaultThreads();
void SetDefaultThreads(int n);

// Runs fn(task) once for each task in [0, tasks) on up to `threads` threads
// (the calling thread is one of them). Returns the error of the
// lowest-numbered failing task, so the reported error does not depend on
// scheduling. fn must be safe to call concurrently for distinct tasks.
Status ParallelFor(size_t tasks, int threads, const std::function<Status(size_t)>& fn);

// Splits [0, n) into at most `parts` contiguous [begin, end) ranges of at
// least `min_grain` items each (one range when n is small). Never empty
// unless n == 0.
std::vector<std::pair<size_t, size_t>> SplitRange(size_t n, size_t parts, size_t min_grain);

}  // namespace tutela
