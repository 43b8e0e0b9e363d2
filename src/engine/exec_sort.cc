// Sort operator: ORDER BY keys evaluated once and normalised (integers,
// dates, doubles and dictionary text become order-preserving int64s); rows
// ordered by (keys, row index), the stable order: large sorts on integer
// keys by the radix sort (exec_sort_radix.cc), others in one sorted run per
// thread, runs merged in parallel. Under a Limit only the first offset +
// limit rows are kept (top-k).
#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

#include "common/column.h"
#include "common/parallel.h"
#include "engine/exec.h"
#include "engine/exec_sort_internal.h"

namespace tutela::engine {

namespace {

constexpr size_t kMinRun = size_t{1} << 15;
// Full sorts of at least this many rows on integer keys use the radix sort.
constexpr size_t kMinRadix = size_t{1} << 16;

// Position of the k-th item of merge(a, b): how many of the first k come from a.
template <typename Item, typename Less>
size_t CoRank(const Item* a, size_t na, const Item* b, size_t nb, size_t k, const Less& less) {
  size_t lo = k > nb ? k - nb : 0, hi = std::min(k, na);
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (less(a[mid], b[k - mid - 1])) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

// Writes the first k items of merge(a, b) to out, in `threads` pieces.
template <typename Item, typename Less>
Status Merge(const Item* a, size_t na, const Item* b, size_t nb, size_t k, Item* out,
             const Less& less, int threads) {
  auto pieces = SplitRange(k, static_cast<size_t>(threads), kMinRun);
  return ParallelFor(pieces.size(), threads, [&](size_t p) {
    size_t from = pieces[p].first, to = pieces[p].second;
    size_t i0 = CoRank(a, na, b, nb, from, less), i1 = CoRank(a, na, b, nb, to, less);
    std::merge(a + i0, a + i1, b + (from - i0), b + (to - i1), out + from, less);
    return Status::Ok();
  });
}

// Sorts items by `less` (a strict total order, so the result is unique) and
// keeps the first k: one run per thread (sorted, or its first k selected
// then sorted), then pairwise merges.
template <typename Item, typename Less>
Status SortPrefix(std::vector<Item>* items, size_t k, const Less& less, const EvalContext& ctx) {
  size_t n = items->size();
  k = std::min(k, n);
  auto runs = SplitRange(n, static_cast<size_t>(ctx.threads), kMinRun);
  RETURN_IF_ERROR(ParallelFor(runs.size(), ctx.threads, [&](size_t t) {
    auto b = items->begin() + static_cast<ptrdiff_t>(runs[t].first);
    auto e = items->begin() + static_cast<ptrdiff_t>(runs[t].second);
    if (static_cast<size_t>(e - b) > k) {
      std::nth_element(b, b + static_cast<ptrdiff_t>(k), e, less);
      e = b + static_cast<ptrdiff_t>(k);
      runs[t].second = runs[t].first + k;
    }
    std::sort(b, e, less);
    return Status::Ok();
  }));
  if (runs.size() <= 1) {
    items->resize(k);
    return Status::Ok();
  }
  size_t kept = 0;
  for (const auto& run : runs) kept += run.second - run.first;
  RETURN_IF_ERROR(ReserveMemory(ctx, kept * sizeof(Item), "sort"));
  std::vector<Item> buf(kept);
  std::vector<Item>* src = items;
  std::vector<Item>* dst = &buf;
  while (runs.size() > 1) {
    std::vector<std::pair<size_t, size_t>> next;
    size_t pos = 0;
    for (size_t r = 0; r < runs.size(); r += 2) {
      const Item* a = src->data() + runs[r].first;
      size_t na = runs[r].second - runs[r].first;
      size_t nb = r + 1 < runs.size() ? runs[r + 1].second - runs[r + 1].first : 0;
      const Item* b = nb ? src->data() + runs[r + 1].first : a;
      size_t len = std::min(k, na + nb);
      RETURN_IF_ERROR(Merge(a, na, b, nb, len, dst->data() + pos, less, ctx.threads));
      next.emplace_back(pos, pos + len);
      pos += len;
    }
    runs = std::move(next);
    std::swap(src, dst);
  }
  if (src != items) items->swap(*src);
  items->resize(k);
  return Status::Ok();
}

// Order-preserving int64 of a double under CompareValues' order: -0 = 0,
// NaN after everything (all NaNs equal).
int64_t DoubleKey(double d) {
  if (std::isnan(d)) return std::numeric_limits<int64_t>::max();
  if (d == 0) d = 0;
  int64_t bits = std::bit_cast<int64_t>(d);
  return bits >= 0 ? bits : bits ^ std::numeric_limits<int64_t>::max();
}

// One ORDER BY key, ready for comparisons.
struct SortColumn {
  enum Kind { kInt, kText, kGeneric } kind = kGeneric;
  const uint8_t* valid = nullptr;
  std::vector<int64_t> norm;            // kInt: order-preserving, DESC applied
  const std::string_view* s = nullptr;  // kText
  std::vector<std::string_view> text;   // kText of person ids: their ID strings
  const Vec* vec = nullptr;             // kGeneric
  bool desc = false, nulls_first = false;
};

// Dictionary code -> rank in text order; empty when the dictionary is much
// larger than the input.
std::vector<int64_t> CodeRanks(const StringDict& dict, size_t rows) {
  size_t n = dict.size();
  if (n > rows) return {};
  std::vector<int32_t> codes(n);
  std::iota(codes.begin(), codes.end(), 0);
  std::sort(codes.begin(), codes.end(), [&](int32_t a, int32_t b) {
    return std::string_view(dict.Get(a)) < std::string_view(dict.Get(b));
  });
  std::vector<int64_t> rank(n);
  for (size_t k = 0; k < n; ++k) rank[static_cast<size_t>(codes[k])] = static_cast<int64_t>(k);
  return rank;
}

SortColumn Prepare(const Vec& v, const SortKey& key, const EvalContext& ctx) {
  SortColumn c;
  c.valid = v.valid.data();
  c.vec = &v;
  c.desc = key.desc;
  c.nulls_first = key.nulls_first;
  size_t n = v.size();
  auto normalise = [&](auto value) {
    c.kind = SortColumn::kInt;
    c.norm.resize(n);
    for (size_t r = 0; r < n; ++r) {
      int64_t x = c.valid[r] ? value(r) : 0;
      c.norm[r] = key.desc ? ~x : x;
    }
  };
  switch (v.type) {
    case SqlType::kBool:
    case SqlType::kInt:
    case SqlType::kDate:
    case SqlType::kTimestamp:
      normalise([&](size_t r) { return v.i[r]; });
      break;
    case SqlType::kDouble:
      normalise([&](size_t r) { return DoubleKey(v.d[r]); });
      break;
    case SqlType::kText: {
      std::vector<int64_t> rank;
      if (v.HasCodes()) rank = CodeRanks(*v.dict, n);
      if (!rank.empty()) {
        normalise([&](size_t r) { return rank[static_cast<size_t>(v.codes[r])]; });
      } else {
        c.kind = SortColumn::kText;
        c.s = v.s.data();
      }
      break;
    }
    case SqlType::kPersonId:
      c.kind = SortColumn::kText;
      c.text.resize(n);
      for (size_t r = 0; r < n; ++r) {
        if (c.valid[r]) c.text[r] = ctx.persons->Id(static_cast<int32_t>(v.i[r]));
      }
      c.s = c.text.data();
      break;
    default:  // intervals, NULL
      break;
  }
  return c;
}

// Row order by (keys, row index).
struct RowLess {
  const std::vector<SortColumn>* cols;
  const EvalContext* ctx;

  bool operator()(RowIdx a, RowIdx b) const {
    for (const SortColumn& c : *cols) {
      bool an = !c.valid[a], bn = !c.valid[b];
      if (an || bn) {
        if (an && bn) continue;
        return an == c.nulls_first;
      }
      int cmp;
      switch (c.kind) {
        case SortColumn::kInt:
          if (c.norm[a] != c.norm[b]) return c.norm[a] < c.norm[b];
          continue;
        case SortColumn::kText:
          cmp = c.s[a].compare(c.s[b]);
          break;
        default:
          cmp = CompareValues(*c.vec, a, *c.vec, b, *ctx);
          break;
      }
      if (cmp != 0) return c.desc ? cmp > 0 : cmp < 0;
    }
    return a < b;
  }
};

template <size_t K>
RowIdx RowOf(const KeyedRow<K>& item) {
  return item.row;
}
RowIdx RowOf(RowIdx row) { return row; }

// The first k rows in the order of `less` over the items make(r). A small k
// keeps per run of rows a buffer of candidates, cut back to the best k
// whenever it fills; rows not better than the k-th best so far are skipped.
// Otherwise every row's item is sorted.
template <typename Item, typename Make, typename Less>
Result<std::vector<RowIdx>> SortRows(size_t rows, size_t k, const Make& make, const Less& less,
                                     const EvalContext& ctx) {
  k = std::min(k, rows);
  std::vector<RowIdx> order;
  if (k == 0) return order;
  std::vector<Item> items;
  if (k < rows / 8) {
    auto runs = SplitRange(rows, static_cast<size_t>(ctx.threads), kMinRun);
    size_t cap = std::max<size_t>(2 * k, 1024);
    RETURN_IF_ERROR(ReserveMemory(ctx, (runs.size() + 1) * cap * sizeof(Item), "sort"));
    std::vector<std::vector<Item>> best(runs.size());
    RETURN_IF_ERROR(ParallelFor(runs.size(), ctx.threads, [&](size_t t) {
      std::vector<Item>& buf = best[t];
      buf.reserve(cap);
      auto cut = [&] {
        if (buf.size() > k) {
          std::nth_element(buf.begin(), buf.begin() + static_cast<ptrdiff_t>(k - 1), buf.end(),
                           less);
          buf.resize(k);
        }
      };
      bool full = false;  // buf[k - 1] is the k-th best so far
      for (size_t r = runs[t].first; r < runs[t].second; ++r) {
        Item item = make(r);
        if (full && !less(item, buf[k - 1])) continue;
        buf.push_back(item);
        if (buf.size() == cap) {
          cut();
          full = true;
        }
      }
      cut();
      return Status::Ok();
    }));
    for (const auto& b : best) items.insert(items.end(), b.begin(), b.end());
  } else {
    RETURN_IF_ERROR(ReserveMemory(ctx, rows * sizeof(Item), "sort"));
    items.resize(rows);
    auto ranges = SplitRange(rows, static_cast<size_t>(ctx.threads), kMinRun);
    RETURN_IF_ERROR(ParallelFor(ranges.size(), ctx.threads, [&](size_t t) {
      for (size_t r = ranges[t].first; r < ranges[t].second; ++r) items[r] = make(r);
      return Status::Ok();
    }));
  }
  RETURN_IF_ERROR(SortPrefix(&items, k, less, ctx));
  order.resize(items.size());
  for (size_t j = 0; j < items.size(); ++j) order[j] = RowOf(items[j]);
  return order;
}

// Up to four keys that all normalise to integers: KeyedRows.
template <size_t K>
Result<std::vector<RowIdx>> SortKeyed(const std::vector<SortColumn>& cols, size_t rows, size_t k,
                                      const EvalContext& ctx) {
  using Item = KeyedRow<K>;
  const uint8_t* valid[K];
  const int64_t* norm[K];
  bool nulls_first[K];
  for (size_t j = 0; j < K; ++j) {
    valid[j] = cols[j].valid;
    norm[j] = cols[j].norm.data();
    nulls_first[j] = cols[j].nulls_first;
  }
  auto make = [&](size_t r) {
    Item it;
    it.row = static_cast<RowIdx>(r);
    for (size_t j = 0; j < K; ++j) {
      it.null[j] = !valid[j][r];
      it.key[j] = valid[j][r] ? norm[j][r] : 0;
    }
    return it;
  };
  auto less = [&nulls_first](const Item& a, const Item& b) {
    for (size_t j = 0; j < K; ++j) {
      if (a.null[j] != b.null[j]) return (a.null[j] != 0) == nulls_first[j];
      if (a.key[j] != b.key[j]) return a.key[j] < b.key[j];
    }
    return a.row < b.row;
  };
  if (k < rows / 8 || rows < kMinRadix) return SortRows<Item>(rows, k, make, less, ctx);
  RETURN_IF_ERROR(ReserveMemory(ctx, rows * sizeof(Item), "sort"));
  std::vector<Item> items(rows);
  auto ranges = SplitRange(rows, static_cast<size_t>(ctx.threads), kMinRun);
  RETURN_IF_ERROR(ParallelFor(ranges.size(), ctx.threads, [&](size_t t) {
    for (size_t r = ranges[t].first; r < ranges[t].second; ++r) items[r] = make(r);
    return Status::Ok();
  }));
  RETURN_IF_ERROR(RadixSortKeyed<K>(&items, nulls_first, ctx));
  std::vector<RowIdx> order(std::min(k, rows));
  for (size_t j = 0; j < order.size(); ++j) order[j] = items[j].row;
  return order;
}

// The first k rows of the sorted order.
Result<std::vector<RowIdx>> SortedRows(const std::vector<SortColumn>& cols, size_t rows, size_t k,
                                       const EvalContext& ctx) {
  bool all_int = true;
  for (const SortColumn& c : cols) all_int &= c.kind == SortColumn::kInt;
  if (all_int) {
    switch (cols.size()) {
      case 1:
        return SortKeyed<1>(cols, rows, k, ctx);
      case 2:
        return SortKeyed<2>(cols, rows, k, ctx);
      case 3:
        return SortKeyed<3>(cols, rows, k, ctx);
      case 4:
        return SortKeyed<4>(cols, rows, k, ctx);
      default:
        break;
    }
  }
  return SortRows<RowIdx>(
      rows, k, [](size_t r) { return static_cast<RowIdx>(r); }, RowLess{&cols, &ctx}, ctx);
}

Result<Chunk> SortChunk(const PlanNode& node, const Chunk& in, size_t k, const EvalContext& ctx) {
  std::vector<Vec> storage(node.sort_keys.size());
  std::vector<SortColumn> cols;
  for (size_t j = 0; j < node.sort_keys.size(); ++j) {
    const SortKey& key = node.sort_keys[j];
    ASSIGN_OR_RETURN(const Vec* v, EvalRef(*key.expr, in, ctx, &storage[j]));
    cols.push_back(Prepare(*v, key, ctx));
  }
  ASSIGN_OR_RETURN(std::vector<RowIdx> order, SortedRows(cols, in.rows, k, ctx));
  return in.Gather(order, ctx.threads);
}

}  // namespace

Result<Chunk> ExecSort(const PlanNode& node, const Chunk& in, const EvalContext& ctx) {
  return SortChunk(node, in, in.rows, ctx);
}

Result<Chunk> ExecSortLimit(const PlanNode& sort, int64_t offset, int64_t limit,
                            const EvalContext& ctx) {
  auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(Chunk in, Execute(*sort.children[0], ctx));
  size_t k = static_cast<size_t>(std::max<int64_t>(0, offset)) +
             static_cast<size_t>(std::max<int64_t>(0, limit));
  Result<Chunk> out = SortChunk(sort, in, k, ctx);
  if (ctx.profile != nullptr) {  // as Execute does for the nodes it runs
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    OperatorStats& st = (*ctx.profile)[&sort];
    st.seconds += took.count();
    st.calls += 1;
    if (out.ok()) st.rows += out->rows;
  }
  return out;
}

}  // namespace tutela::engine
