// TupleInterner implementation.
#include "engine/key_encoder.h"

#include <bit>
#include <cmath>

namespace tutela::engine {

int64_t PairIdMap::FindOrInsert(int64_t a, int64_t b, bool insert, int64_t id_if_new) {
  if (val_.empty()) {
    if (!insert) return -1;
    ka_.assign(16, 0);
    kb_.assign(16, 0);
    val_.assign(16, -1);
  }
  size_t mask = val_.size() - 1;
  for (size_t i = Hash(a, b) & mask;; i = (i + 1) & mask) {
    if (val_[i] < 0) {
      if (!insert) return -1;
      ka_[i] = a;
      kb_[i] = b;
      val_[i] = id_if_new;
      if (++size_ * 2 > val_.size()) Grow();
      return id_if_new;
    }
    if (ka_[i] == a && kb_[i] == b) return val_[i];
  }
}

void PairIdMap::Grow() {
  std::vector<int64_t> ka = std::move(ka_), kb = std::move(kb_), val = std::move(val_);
  size_t cap = val.size() * 2;
  ka_.assign(cap, 0);
  kb_.assign(cap, 0);
  val_.assign(cap, -1);
  size_t mask = cap - 1;
  for (size_t j = 0; j < val.size(); ++j) {
    if (val[j] < 0) continue;
    size_t i = Hash(ka[j], kb[j]) & mask;
    while (val_[i] >= 0) i = (i + 1) & mask;
    ka_[i] = ka[j];
    kb_[i] = kb[j];
    val_[i] = val[j];
  }
}

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
      int64_t fresh = last ? next_id_ : inner_ids_;
      int64_t id = tuples_.FindOrInsert(tag * 64 + static_cast<int64_t>(c), atom, insert, fresh);
      if (id < 0) {
        dead[r] = 1;
        continue;
      }
      if (id == fresh) (last ? next_id_ : inner_ids_)++;
      prev[r] = id;
    }
  }
  for (size_t r = 0; r < rows; ++r) {
    if (dead[r]) prev[r] = -1;
  }
  return prev;
}

}  // namespace tutela::engine
