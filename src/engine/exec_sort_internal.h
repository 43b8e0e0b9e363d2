// Sort operator internals shared by exec_sort.cc and exec_sort_radix.cc:
// rows with their normalised ORDER BY keys inline. Plain data; functions are
// pure and use up to ctx.threads threads, results independent of that number.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/eval.h"
#include "engine/vec.h"

namespace tutela::engine {

// A row with its K normalised keys (order-preserving int64s, DESC already
// applied) inline, so comparisons touch no other memory.
template <size_t K>
struct KeyedRow {
  int64_t key[K];  // 0 when NULL
  RowIdx row;
  uint8_t null[K];
};

// Sorts items (given in row order) by (key 0, ..., key K-1) with NULLs
// first or last per key, ties keeping their order: an LSD radix sort over
// the key bytes that vary. Instantiated for K = 1..4.
template <size_t K>
Status RadixSortKeyed(std::vector<KeyedRow<K>>* items, const bool* nulls_first,
                      const EvalContext& ctx);

}  // namespace tutela::engine
