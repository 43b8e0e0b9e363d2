// Sort operator: ORDER BY keys evaluated column-at-a-time, then a stable
// sort of row indexes and one gather.
#include "engine/exec.h"

namespace tutela::engine {

Result<Chunk> ExecSort(const PlanNode& node, const Chunk& in, const EvalContext& ctx) {
  std::vector<Vec> keys;
  for (const SortKey& k : node.sort_keys) {
    ASSIGN_OR_RETURN(Vec v, Eval(*k.expr, in, ctx));
    keys.push_back(std::move(v));
  }
  std::vector<RowIdx> order(in.rows);
  for (size_t r = 0; r < in.rows; ++r) order[r] = static_cast<RowIdx>(r);
  std::stable_sort(order.begin(), order.end(), [&](RowIdx a, RowIdx b) {
    for (size_t k = 0; k < keys.size(); ++k) {
      const Vec& v = keys[k];
      const SortKey& sk = node.sort_keys[k];
      bool an = !v.valid[a], bn = !v.valid[b];
      if (an || bn) {
        if (an && bn) continue;
        return an == sk.nulls_first;
      }
      int c = CompareValues(v, a, v, b, ctx);
      if (c != 0) return sk.desc ? c > 0 : c < 0;
    }
    return false;
  });
  return in.Gather(order);
}

}  // namespace tutela::engine
