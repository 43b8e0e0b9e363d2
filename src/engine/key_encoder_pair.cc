// TupleInterner's dense pair mode: two dictionary-coded text keys (hotel
// and room, ...) whose dictionaries have few code pairs get their tuple ids
// from a direct-address table indexed by (code x, code y), one memory
// access per row instead of a hash probe. Ids come in first-seen order, as
// on the hashed path; rows with a NULL key and other dictionaries go
// through the text atoms, and a later insert from another dictionary moves
// the table into the hash maps for good.
#include <algorithm>
#include <tuple>

#include "engine/key_encoder.h"

namespace tutela::engine {

namespace {

constexpr size_t kMaxPairs = size_t{1} << 24;  // 64 MiB of int32 ids

bool Coded(const Vec& v) { return v.type == SqlType::kText && v.HasCodes(); }

}  // namespace

int32_t TupleInterner::PairCode(const Vec& v, const StringDict* base, size_t r) {
  if (v.dict == base && v.HasCodes()) {
    int32_t c = v.codes[r];
    return c >= 0 && static_cast<size_t>(c) < (base == pair_x_ ? pair_nx_ : pair_ny_) ? c : -1;
  }
  if (!v.HasCodes()) return base->Find(v.s[r]);
  std::vector<int32_t>& map = pair_translate_[v.dict];
  auto c = static_cast<size_t>(v.codes[r]);
  if (c >= map.size()) map.resize(std::max(c + 1, v.dict->size()), -2);
  if (map[c] == -2) map[c] = base->Find(v.s[r]);
  return map[c];
}

void TupleInterner::MigratePairs() {
  for (size_t cx = 0; cx < pair_nx_; ++cx) {
    for (size_t cy = 0; cy < pair_ny_; ++cy) {
      int32_t id = pair_table_[cx * pair_ny_ + cy];
      if (id < 0) continue;
      int64_t ax = 0, ay = 0;
      for (auto [dict, code, atom] : {std::tuple{pair_x_, cx, &ax}, std::tuple{pair_y_, cy, &ay}}) {
        std::string_view text = dict->Get(static_cast<int32_t>(code));
        auto it = text_ids_.find(text);
        if (it == text_ids_.end()) {
          it = text_ids_.emplace(text, static_cast<int64_t>(text_ids_.size())).first;
        }
        *atom = it->second;
      }
      pair_maps_[0].FindOrInsert(ax, ay, true, id);
    }
  }
  pair_table_.clear();
  pair_table_.shrink_to_fit();
  pair_state_ = 2;  // (negative atom caches expire as text_ids_ grew)
}

bool TupleInterner::TryDensePair(const Vec& x, const Vec& y, size_t rows, bool insert,
                                 bool null_is_value, std::vector<int64_t>* ids) {
  if (pair_state_ == 0) {
    size_t nx = Coded(x) ? x.dict->size() : 0, ny = Coded(y) ? y.dict->size() : 0;
    bool fresh = next_id_ == 0 && text_ids_.empty();
    if (!insert || !fresh || nx == 0 || ny == 0 || nx > kMaxPairs / ny ||
        nx * ny > 8 * rows + 4096) {
      pair_state_ = 2;
      return false;
    }
    pair_state_ = 1;
    pair_x_ = x.dict;
    pair_y_ = y.dict;
    pair_nx_ = nx;
    pair_ny_ = ny;
    pair_table_.assign(nx * ny, -1);
  }
  bool same = Coded(x) && Coded(y) && x.dict == pair_x_ && y.dict == pair_y_ &&
              x.dict->size() == pair_nx_ && y.dict->size() == pair_ny_;
  if (insert && !same) {
    MigratePairs();
    return false;
  }
  ids->assign(rows, -1);
  constexpr size_t kAhead = 16;
  for (size_t r = 0; r < rows; ++r) {
    if (same && r + kAhead < rows && x.valid[r + kAhead] && y.valid[r + kAhead]) {
      size_t k = static_cast<size_t>(x.codes[r + kAhead]) * pair_ny_ +
                 static_cast<size_t>(y.codes[r + kAhead]);
      if (k < pair_table_.size()) __builtin_prefetch(&pair_table_[k]);
    }
    if (!x.valid[r] || !y.valid[r]) {
      if (!null_is_value) continue;
      // A NULL key: the hashed path's maps per NULL pattern, on text atoms.
      int mask = (x.valid[r] ? 0 : 1) | (y.valid[r] ? 0 : 2);
      int64_t ax = 0, ay = 0;
      if ((x.valid[r] && !Atom(x, r, insert, &ax)) || (y.valid[r] && !Atom(y, r, insert, &ay))) {
        continue;
      }
      int64_t id = pair_maps_[static_cast<size_t>(mask)].FindOrInsert(ax, ay, insert, next_id_);
      if (id == next_id_ && insert) ++next_id_;
      (*ids)[r] = id;
      continue;
    }
    int32_t cx = PairCode(x, pair_x_, r), cy = PairCode(y, pair_y_, r);
    if (cx < 0 || cy < 0) continue;  // a text the table's dictionaries lack
    int32_t& slot = pair_table_[static_cast<size_t>(cx) * pair_ny_ + static_cast<size_t>(cy)];
    if (slot < 0 && insert) slot = static_cast<int32_t>(next_id_++);
    (*ids)[r] = slot;
  }
  return true;
}

}  // namespace tutela::engine
