// TupleInterner implementation.
#include "engine/key_encoder.h"

#include <bit>
#include <cmath>

namespace tutela::engine {

bool TupleInterner::Atom(const Vec& v, size_t r, bool insert, int64_t* out) {
  switch (v.type) {
    case SqlType::kDouble: {
      double d = v.d[r];
      if (d == 0) d = 0;  // -0.0 == 0.0
      if (std::isnan(d)) d = std::nan("");
      *out = std::bit_cast<int64_t>(d);
      return true;
    }
    case SqlType::kText: {
      auto it = text_ids_.find(v.s[r]);
      if (it != text_ids_.end()) {
        *out = it->second;
        return true;
      }
      if (!insert) return false;
      int64_t id = static_cast<int64_t>(text_ids_.size());
      text_ids_.emplace(v.s[r], id);
      *out = id;
      return true;
    }
    case SqlType::kInterval:
      *out = v.months[r] * 30 * 86400 + v.i[r];
      return true;
    default:
      *out = v.i[r];
      return true;
  }
}

std::vector<int64_t> TupleInterner::Encode(const std::vector<const Vec*>& cols, size_t rows,
                                           bool insert, bool null_is_value) {
  std::vector<int64_t> ids(rows, 0);
  if (cols.empty()) {
    // The empty tuple: one id for every row.
    if (next_id_ == 0 && insert) next_id_ = 1;
    if (next_id_ == 0) ids.assign(rows, -1);
    return ids;
  }
  std::vector<int64_t> prev(rows, 0);
  std::vector<uint8_t> dead(rows, 0);
  for (size_t c = 0; c < cols.size(); ++c) {
    const Vec& v = *cols[c];
    bool last = c + 1 == cols.size();
    for (size_t r = 0; r < rows; ++r) {
      if (dead[r]) continue;
      int64_t atom = 0, tag;
      if (!v.valid[r]) {
        if (!null_is_value) {
          dead[r] = 1;
          continue;
        }
        tag = prev[r] * 2 + 1;
      } else {
        if (!Atom(v, r, insert, &atom)) {
          dead[r] = 1;
          continue;
        }
        tag = prev[r] * 2;
      }
      // Each column level has its own id space (the column number is in the key).
      std::pair<int64_t, int64_t> key{tag * 64 + static_cast<int64_t>(c), atom};
      auto it = tuples_.find(key);
      if (it != tuples_.end()) {
        prev[r] = it->second;
      } else if (insert) {
        int64_t id = last ? next_id_++ : inner_ids_++;
        tuples_.emplace(key, id);
        prev[r] = id;
      } else {
        dead[r] = 1;
      }
    }
  }
  for (size_t r = 0; r < rows; ++r) {
    if (dead[r]) prev[r] = -1;
  }
  return prev;
}

}  // namespace tutela::engine
