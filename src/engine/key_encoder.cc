// TupleInterner implementation.
#include "engine/key_encoder.h"

#include <algorithm>
#include <bit>
#include <climits>
#include <cmath>

namespace tutela::engine {

int64_t PairIdMap::FindOrInsert(int64_t a, int64_t b, bool insert, int64_t id_if_new) {
  if (slots_.empty()) {
    if (!insert) return -1;
    slots_.assign(16, Slot{});
  }
  size_t mask = slots_.size() - 1;
  for (size_t i = Hash(a, b) & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.val < 0) {
      if (!insert) return -1;
      s = Slot{a, b, id_if_new};
      if (++size_ * 2 > slots_.size()) Grow();
      return id_if_new;
    }
    if (s.a == a && s.b == b) return s.val;
  }
}

void PairIdMap::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.val < 0) continue;
    size_t i = Hash(s.a, s.b) & mask;
    while (slots_[i].val >= 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

bool TupleInterner::CodedAtom(const Vec& v, size_t r, bool insert, int64_t* out) {
  if (v.dict != cached_dict_) {
    cached_dict_ = v.dict;
    cached_ = &code_atoms_[v.dict];
    if (cached_->empty()) cached_->assign(v.dict->size(), -1);
  }
  std::vector<int64_t>& cache = *cached_;
  auto code = static_cast<size_t>(v.codes[r]);
  if (code >= cache.size()) cache.resize(code + 1, -1);  // dictionary grew (not expected)
  int64_t c = cache[code];
  if (c >= 0) {
    *out = c;
    return true;
  }
  auto known = static_cast<int64_t>(text_ids_.size());
  if (c <= -2 && -(c + 2) == known && !insert) return false;
  auto it = text_ids_.find(v.s[r]);
  if (it != text_ids_.end()) {
    cache[code] = it->second;
    *out = it->second;
    return true;
  }
  if (!insert) {
    cache[code] = -(known + 2);
    return false;
  }
  text_ids_.emplace(v.s[r], known);
  cache[code] = known;
  *out = known;
  return true;
}

bool TupleInterner::TryDense(const Vec& v, size_t rows, bool insert, bool null_is_value,
                             std::vector<int64_t>* ids) {
  constexpr int64_t kMaxSpan = int64_t{1} << 26;
  if (dense_state_ == 2) return false;
  if (v.type == SqlType::kDouble || v.type == SqlType::kText || v.type == SqlType::kInterval ||
      v.type == SqlType::kNull) {
    dense_state_ = 2;
    return false;
  }
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (size_t r = 0; r < rows; ++r) {
    if (!v.valid[r]) continue;
    lo = std::min(lo, v.i[r]);
    hi = std::max(hi, v.i[r]);
  }
  if (dense_state_ == 0) {
    if (!insert) return false;
    if (lo > hi) lo = hi = 0;
    if (hi - lo >= kMaxSpan || hi - lo > 4 * static_cast<int64_t>(rows) + 1024) {
      dense_state_ = 2;
      return false;
    }
    dense_state_ = 1;
    dense_base_ = lo;
    dense_.assign(static_cast<size_t>(hi - lo + 1), -1);
  } else if (insert && lo <= hi &&
             (lo < dense_base_ || hi >= dense_base_ + static_cast<int64_t>(dense_.size()))) {
    // New values outside the range: widen when still small, else give up
    // (only before anything was hashed, i.e. while every id is dense).
    int64_t nlo = std::min(lo, dense_base_);
    int64_t nhi = std::max(hi, dense_base_ + static_cast<int64_t>(dense_.size()) - 1);
    if (nhi - nlo >= kMaxSpan) return false;  // the caller migrates to hashing
    std::vector<int64_t> wider(static_cast<size_t>(nhi - nlo + 1), -1);
    std::copy(dense_.begin(), dense_.end(), wider.begin() + (dense_base_ - nlo));
    dense_ = std::move(wider);
    dense_base_ = nlo;
  }
  ids->assign(rows, -1);
  auto span = static_cast<int64_t>(dense_.size());
  for (size_t r = 0; r < rows; ++r) {
    if (!v.valid[r]) {
      if (!null_is_value) continue;
      if (dense_null_id_ < 0 && insert) dense_null_id_ = next_id_++;
      (*ids)[r] = dense_null_id_;
      continue;
    }
    int64_t off = v.i[r] - dense_base_;
    if (off < 0 || off >= span) continue;  // only when !insert
    int64_t& slot = dense_[static_cast<size_t>(off)];
    if (slot < 0 && insert) slot = next_id_++;
    (*ids)[r] = slot;
  }
  return true;
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
      if (v.HasCodes()) return CodedAtom(v, r, insert, out);
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
  if (cols.size() == 1 && dense_state_ != 2) {
    if (TryDense(*cols[0], rows, insert, null_is_value, &ids)) return ids;
    if (dense_state_ == 1) {
      // New values too far apart to stay dense: move the dense ids into the
      // hash map (the keys the hashed path below uses) and continue there.
      for (size_t off = 0; off < dense_.size(); ++off) {
        if (dense_[off] >= 0) {
          tuples_.FindOrInsert(0, dense_base_ + static_cast<int64_t>(off), true, dense_[off]);
        }
      }
      if (dense_null_id_ >= 0) tuples_.FindOrInsert(64, 0, true, dense_null_id_);
      dense_.clear();
      dense_.shrink_to_fit();
    }
    dense_state_ = 2;
  }
  if (cols.size() == 1 && cols[0]->type == SqlType::kText) {
    // One text key: the text atom indexes the tuple id directly.
    const Vec& v = *cols[0];
    for (size_t r = 0; r < rows; ++r) {
      int64_t atom;
      if (!v.valid[r]) {
        if (null_is_value && dense_null_id_ < 0 && insert) dense_null_id_ = next_id_++;
        ids[r] = null_is_value ? dense_null_id_ : -1;
        continue;
      }
      if (!Atom(v, r, insert, &atom)) {
        ids[r] = -1;
        continue;
      }
      auto a = static_cast<size_t>(atom);
      if (a >= text_tuple_.size()) text_tuple_.resize(std::max(a + 1, text_tuple_.size() * 2), -1);
      if (text_tuple_[a] < 0 && insert) text_tuple_[a] = next_id_++;
      ids[r] = text_tuple_[a];
    }
    return ids;
  }
  if (cols.size() == 2 && pair_state_ != 2 &&
      TryDensePair(*cols[0], *cols[1], rows, insert, null_is_value, &ids)) {
    return ids;
  }
  if (cols.size() == 2) {
    // Two keys (hotel and room, ...): one lookup per row on the atom pair,
    // in one map per NULL pattern.
    // Blocks of rows: atoms first, then the slots are prefetched, then
    // looked up in row order (so ids still come in first-seen order).
    const Vec& x = *cols[0];
    const Vec& y = *cols[1];
    constexpr size_t kBlock = 32;
    int64_t ax[kBlock], ay[kBlock];
    int mask[kBlock];  // NULL pattern, or -1: no tuple
    for (size_t b = 0; b < rows; b += kBlock) {
      size_t n = std::min(kBlock, rows - b);
      for (size_t k = 0; k < n; ++k) {
        size_t r = b + k;
        ax[k] = ay[k] = 0;
        mask[k] = (x.valid[r] ? 0 : 1) | (y.valid[r] ? 0 : 2);
        if ((mask[k] != 0 && !null_is_value) || (x.valid[r] && !Atom(x, r, insert, &ax[k])) ||
            (y.valid[r] && !Atom(y, r, insert, &ay[k]))) {
          mask[k] = -1;
          continue;
        }
        pair_maps_[static_cast<size_t>(mask[k])].Prefetch(ax[k], ay[k]);
      }
      for (size_t k = 0; k < n; ++k) {
        if (mask[k] < 0) {
          ids[b + k] = -1;
          continue;
        }
        int64_t id =
            pair_maps_[static_cast<size_t>(mask[k])].FindOrInsert(ax[k], ay[k], insert, next_id_);
        if (id == next_id_ && insert) ++next_id_;
        ids[b + k] = id;
      }
    }
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
