// TupleInterner: maps tuples of key values (one Vec per key column) to dense
// ids, so hash joins and grouping work on integers. Text values are
// interned by content (views must outlive the interner). One instance per
// operator; not thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/column.h"
#include "engine/vec.h"

namespace tutela::engine {

// Open-addressing hash map from (int64, int64) to int64 ids; no erase.
class PairIdMap {
 public:
  // Returns the id stored for key, or inserts `id_if_new` when insert is
  // true (returning it), or returns -1.
  int64_t FindOrInsert(int64_t a, int64_t b, bool insert, int64_t id_if_new);
  size_t size() const { return size_; }
  // Hints the cache about the slot a later FindOrInsert(a, b) reads first.
  void Prefetch(int64_t a, int64_t b) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Hash(a, b) & (slots_.size() - 1)]);
  }

 private:
  static uint64_t Hash(int64_t a, int64_t b) {
    uint64_t h = static_cast<uint64_t>(a) * 0x9E3779B97F4A7C15ull ^
                 (static_cast<uint64_t>(b) + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full;
    return h ^ (h >> 29);
  }
  void Grow();
  struct Slot {
    int64_t a = 0, b = 0;
    int64_t val = -1;  // -1 = empty slot
  };
  std::vector<Slot> slots_;  // power-of-two size
  size_t size_ = 0;
};

class TupleInterner {
 public:
  // Per row: the id of the tuple, or -1. insert=true adds new tuples;
  // insert=false only finds existing ones (-1 when absent). With
  // nulls_distinct=false a row with any NULL gets -1 (join semantics); with
  // true NULL is an ordinary value (GROUP BY semantics).
  std::vector<int64_t> Encode(const std::vector<const Vec*>& cols, size_t rows, bool insert,
                              bool null_is_value);
  size_t size() const { return next_id_; }

 private:
  // Atom of one value (text through text_ids_); false when a text value is
  // unknown and insert is false.
  bool Atom(const Vec& v, size_t r, bool insert, int64_t* out);

  // Text atom of a dictionary-coded row: cached per (dictionary, code).
  bool CodedAtom(const Vec& v, size_t r, bool insert, int64_t* out);
  // Single integer-like key column with a small value range: ids come from a
  // direct-address array instead of the hash map (person codes, dates, ...).
  bool TryDense(const Vec& v, size_t rows, bool insert, bool null_is_value,
                std::vector<int64_t>* ids);

  // Two dictionary-coded text keys whose dictionaries are small together
  // (hotel and room): ids from a direct-address table over the code pair
  // (key_encoder_pair.cc). False when not applicable (the caller hashes).
  bool TryDensePair(const Vec& x, const Vec& y, size_t rows, bool insert, bool null_is_value,
                    std::vector<int64_t>* ids);
  // Code in the table's dictionary of row r of a text key (-1: absent).
  int32_t PairCode(const Vec& v, const StringDict* base, size_t r);
  // Moves the table's tuples into pair_maps_[0] (text atoms) for good.
  void MigratePairs();

  std::unordered_map<std::string_view, int64_t> text_ids_;
  // Per dictionary: code -> text atom; -1 unknown; <= -2: absent when
  // text_ids_ had -(x + 2) entries (valid until a new text is inserted).
  std::unordered_map<const void*, std::vector<int64_t>> code_atoms_;
  const void* cached_dict_ = nullptr;       // the last dictionary looked up ...
  std::vector<int64_t>* cached_ = nullptr;  // ... and its entry (stable in the map)
  PairIdMap tuples_;
  int64_t next_id_ = 0;
  int64_t inner_ids_ = 0;
  // Dense mode (see TryDense): 0 undecided, 1 dense, 2 hashed.
  int dense_state_ = 0;
  int64_t dense_base_ = 0;
  std::vector<int64_t> dense_;       // value - base -> id, -1 absent
  int64_t dense_null_id_ = -1;       // id of NULL (null_is_value), dense or one-text mode
  std::vector<int64_t> text_tuple_;  // one text key: atom -> tuple id, -1 absent
  PairIdMap pair_maps_[4];           // two keys: per NULL pattern, atom pair -> tuple id
  // Dense pair mode: 0 undecided, 1 dense, 2 hashed.
  int pair_state_ = 0;
  const StringDict* pair_x_ = nullptr;  // the table's dictionaries
  const StringDict* pair_y_ = nullptr;
  size_t pair_nx_ = 0, pair_ny_ = 0;  // their sizes when the table was made
  std::vector<int32_t> pair_table_;   // cx * pair_ny_ + cy -> tuple id, -1 absent
  // Other dictionaries' codes -> the table's (-2 not looked up, -1 absent).
  std::unordered_map<const StringDict*, std::vector<int32_t>> pair_translate_;
};

}  // namespace tutela::engine
