// Vec: a materialized column vector, the unit every executor operator takes
// and produces (column-at-a-time, like a MonetDB BAT), and Chunk: a set of
// Vecs keyed by column id. Built by one operator, then read-only; a Vec may
// be shared by several readers on one thread.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/value.h"

namespace tutela {
class StringDict;
}

namespace tutela::engine {

using ColId = int32_t;
// Row index type of selection vectors and join pairs; kNoRow gathers NULL.
using RowIdx = uint32_t;
constexpr RowIdx kNoRow = UINT32_MAX;

struct Vec {
  SqlType type = SqlType::kNull;
  std::vector<uint8_t> valid;       // 1 = value present
  std::vector<int64_t> i;           // bool, int, date, timestamp, person code, interval seconds
  std::vector<double> d;            // double
  std::vector<std::string_view> s;  // text (views into `owners` or catalog dictionaries)
  std::vector<int64_t> months;      // interval months
  // Keep the storage that text views point into alive.
  std::vector<std::shared_ptr<const void>> owners;
  // Text read from a table: codes[r] is row r's code in `dict` (meaningless
  // for NULL rows). Kept by Gather, Slice and Append of the same dictionary;
  // anything that computes new text must not copy them (DropCodes). Lets
  // hashing and grouping work on integers instead of string contents.
  const StringDict* dict = nullptr;
  std::vector<int32_t> codes;

  size_t size() const { return valid.size(); }
  bool IsNull(size_t r) const { return valid[r] == 0; }

  // n NULLs of type t (storage allocated, zeroed).
  static Vec Nulls(SqlType t, size_t n);
  // n copies of a literal.
  static Vec Constant(const Value& v, size_t n);
  // Rows idx[k] (kNoRow gives NULL); `threads` > 1 splits large gathers.
  Vec Gather(const std::vector<RowIdx>& idx, int threads = 1) const;
  // Rows [begin, end).
  Vec Slice(size_t begin, size_t end) const;
  bool HasCodes() const { return dict != nullptr && codes.size() == valid.size(); }
  void DropCodes() {
    dict = nullptr;
    codes.clear();
  }
  // Appends rows of `other` (same type).
  void Append(const Vec& other);
  // Value of one row as a literal (for constant folding and tests).
  Value Get(size_t r) const;

  // Keeps the string storage of `other` alive as long as this Vec.
  void Share(const Vec& other);
  // Stores a computed string so a view into it stays valid with this Vec.
  std::string_view Own(std::string text);

 private:
  std::shared_ptr<std::deque<std::string>> arena_;
};

// Columns produced by an operator, identified by plan column id.
struct Chunk {
  std::vector<ColId> ids;
  std::vector<Vec> cols;
  size_t rows = 0;

  // Position of column `id`, or -1.
  int Find(ColId id) const;
  Chunk Gather(const std::vector<RowIdx>& idx, int threads = 1) const;
  // Rows [begin, end) of the columns in `only` (all when empty).
  Chunk Slice(size_t begin, size_t end, const std::vector<ColId>& only = {}) const;
};

// Three-valued predicate result to a selection of rows where it is TRUE.
std::vector<RowIdx> SelectTrue(const Vec& pred);

}  // namespace tutela::engine
