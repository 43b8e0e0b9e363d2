// Sort operator, large sorts on integer-normalised keys: a parallel LSD radix
// sort (stable, so ties stay in row order), one pass per key byte that
// varies; row ranges count and scatter in parallel into their own slots.
#include <array>
#include <utility>

#include "common/parallel.h"
#include "engine/exec_sort_internal.h"

namespace tutela::engine {

template <size_t K>
Status RadixSortKeyed(std::vector<KeyedRow<K>>* items, const bool* nulls_first,
                      const EvalContext& ctx) {
  using Item = KeyedRow<K>;
  constexpr uint64_t kSign = uint64_t{1} << 63;
  size_t n = items->size();
  auto ranges = SplitRange(n, static_cast<size_t>(ctx.threads), size_t{1} << 16);
  size_t parts = ranges.size();
  if (parts == 0) return Status::Ok();

  // Which bits vary across the items, per key, and whether NULLs are mixed in.
  struct Seen {
    uint64_t all_or[K] = {}, all_and[K] = {};
    uint8_t nulls[K] = {}, values[K] = {};
  };
  std::vector<Seen> seen(parts);
  RETURN_IF_ERROR(ParallelFor(parts, ctx.threads, [&](size_t t) {
    Seen& s = seen[t];
    for (size_t j = 0; j < K; ++j) s.all_and[j] = ~uint64_t{0};
    for (size_t r = ranges[t].first; r < ranges[t].second; ++r) {
      const Item& it = (*items)[r];
      for (size_t j = 0; j < K; ++j) {
        uint64_t u = static_cast<uint64_t>(it.key[j]) ^ kSign;
        s.all_or[j] |= u;
        s.all_and[j] &= u;
        s.nulls[j] |= it.null[j];
        s.values[j] |= !it.null[j];
      }
    }
    return Status::Ok();
  }));
  // Passes, least significant digit first: per key (last key first) its
  // bytes from low to high, then its NULL flag. Byte 8 stands for the flag.
  std::vector<std::pair<size_t, int>> passes;
  for (size_t j = K; j-- > 0;) {
    uint64_t all_or = 0, all_and = ~uint64_t{0};
    bool nulls = false, values = false;
    for (const Seen& s : seen) {
      all_or |= s.all_or[j];
      all_and &= s.all_and[j];
      nulls |= s.nulls[j] != 0;
      values |= s.values[j] != 0;
    }
    for (int b = 0; b < 8; ++b) {
      if (((all_or ^ all_and) >> (8 * b)) & 0xFF) passes.emplace_back(j, b);
    }
    if (nulls && values) passes.emplace_back(j, 8);
  }
  if (passes.empty()) return Status::Ok();

  RETURN_IF_ERROR(ReserveMemory(ctx, n * sizeof(Item), "sort"));
  std::vector<Item> other(n);
  std::vector<Item>* src = items;
  std::vector<Item>* dst = &other;
  std::vector<std::array<size_t, 256>> pos(parts);
  for (auto [j, b] : passes) {
    bool first = nulls_first[j];
    auto digit = [j = j, b = b, first](const Item& it) -> size_t {
      if (b == 8) return (it.null[j] != 0) != first;  // 0 sorts first
      uint64_t u = static_cast<uint64_t>(it.key[j]) ^ kSign;
      return static_cast<size_t>((u >> (8 * b)) & 0xFF);
    };
    RETURN_IF_ERROR(ParallelFor(parts, ctx.threads, [&](size_t t) {
      pos[t].fill(0);
      for (size_t r = ranges[t].first; r < ranges[t].second; ++r) ++pos[t][digit((*src)[r])];
      return Status::Ok();
    }));
    size_t total = 0;
    for (size_t d = 0; d < 256; ++d) {
      for (size_t t = 0; t < parts; ++t) {
        size_t c = pos[t][d];
        pos[t][d] = total;
        total += c;
      }
    }
    RETURN_IF_ERROR(ParallelFor(parts, ctx.threads, [&](size_t t) {
      std::array<size_t, 256>& p = pos[t];
      Item* out = dst->data();
      for (size_t r = ranges[t].first; r < ranges[t].second; ++r) {
        const Item& it = (*src)[r];
        out[p[digit(it)]++] = it;
      }
      return Status::Ok();
    }));
    std::swap(src, dst);
  }
  if (src != items) items->swap(*src);
  return Status::Ok();
}

template Status RadixSortKeyed<1>(std::vector<KeyedRow<1>>*, const bool*, const EvalContext&);
template Status RadixSortKeyed<2>(std::vector<KeyedRow<2>>*, const bool*, const EvalContext&);
template Status RadixSortKeyed<3>(std::vector<KeyedRow<3>>*, const bool*, const EvalContext&);
template Status RadixSortKeyed<4>(std::vector<KeyedRow<4>>*, const bool*, const EvalContext&);

}  // namespace tutela::engine
