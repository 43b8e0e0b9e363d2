// MemoryBudget: the memory limit of one query. Operators call Reserve before
// a large allocation (hash tables, join pairs, gathers); when the process's
// resident memory plus the request would pass the limit they fail with a
// clear kResourceExhausted error instead of swapping the machine to a halt.
// Thread-safe (reads /proc/self/statm; no shared mutable state).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/status.h"

namespace tutela::engine {

class MemoryBudget {
 public:
  // limit_bytes == 0: SetDefaultLimit's value, else $TUTELA_MEMORY_LIMIT
  // (e.g. "8G", "512M"), else 80% of physical memory.
  explicit MemoryBudget(uint64_t limit_bytes = 0);

  uint64_t limit() const { return limit_; }
  // The process-wide default used when limit_bytes == 0 (--memory-limit).
  static void SetDefaultLimit(uint64_t bytes);
  // Fails when resident memory + bytes > limit; `op` names the operator.
  [[nodiscard]] Status Reserve(uint64_t bytes, std::string_view op) const;

  // Parses "512M", "8G", "1.5GiB", "1000000" (bytes). 0 on error.
  static uint64_t ParseSize(std::string_view text);
  static uint64_t ResidentBytes();
  static uint64_t PhysicalBytes();

 private:
  uint64_t limit_;
};

}  // namespace tutela::engine
