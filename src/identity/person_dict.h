// PersonDict: the one person-ID dictionary of a catalog. Maps normalised ID
// numbers to dense int32 codes so joins on people are integer joins, and
// keeps, per code, the validation result and the effective birth date and sex
// (persons row first, else the ID). Not thread-safe for writes; concurrent
// reads are safe once loading is done. Parallel loads intern into local
// dictionaries and then MergeFrom them in a fixed order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/column.h"
#include "common/date.h"
#include "identity/id_number.h"

namespace tutela {

constexpr Days kNoDate = INT32_MIN;

struct PersonInfo {
  IdProblem problem = IdProblem::kNone;
  Days id_birth = kNoDate;  // from digits 7-14, kNoDate when not a real date
  char id_sex = 0;          // 'M', 'F' or 0
  Days birth = kNoDate;     // effective: persons.birth_date, else id_birth
  char sex = 0;             // effective: persons.sex, else id_sex
  bool registered = false;  // SetRegistry was called since the last ClearRegistry
};

class PersonDict {
 public:
  PersonDict() = default;
  // A dictionary for one piece of a parallel import, to be merged into a
  // full one with MergeFrom: it keeps no ID strings, so Id() must not be
  // called on it. Everything else behaves as usual.
  static PersonDict PackedOnly() {
    PersonDict d;
    d.packed_only_ = true;
    return d;
  }

  // Returns the code of a normalised ID, adding it when new (its PersonInfo is
  // then filled from the ID: ValidateIdNumber, BirthFromId, SexFromId).
  int32_t Intern(std::string_view normalized_id);
  // Pre-sizes for about n distinct IDs (optional; avoids rehashing on bulk loads).
  void Reserve(size_t n);
  // Returns -1 when absent.
  int32_t Find(std::string_view normalized_id) const;
  // A hint that `normalized_id` is about to be interned: starts fetching its
  // index slot into the cache.
  void Prefetch(std::string_view normalized_id) const {
    if (slots_.empty()) return;
    if (const std::optional<uint64_t> key = PackIdNumber(normalized_id)) {
      __builtin_prefetch(&slots_[SlotOf(*key, shift_)]);
    }
  }
  const std::string& Id(int32_t code) const { return ids_[static_cast<size_t>(code)]; }
  const PersonInfo& Info(int32_t code) const { return info_[static_cast<size_t>(code)]; }
  size_t size() const { return packed_.size(); }

  // Interns every ID of `other` in its code order, exactly as if Intern had
  // been called with them one by one (so merging per-chunk dictionaries in
  // chunk order gives the codes a single pass would have given), and returns
  // other's code -> this dictionary's code. New IDs get other's ID-derived
  // info (no registry overrides). `other` is left empty.
  std::vector<int32_t> MergeFrom(PersonDict* other);

  // Applies a persons-table row: birth date and sex override the ID's when
  // present (sex 'M' or 'F'; any other value, e.g. 0, means absent). An absent
  // value falls back to the ID-derived one. Precondition: 0 <= code < size().
  void SetRegistry(int32_t code, std::optional<Days> birth, char sex);
  // Drops all persons-table overrides (before the persons table is reloaded).
  void ClearRegistry();

 private:
  // Well-formed IDs (17 digits + digit/X, see PackIdNumber) are keyed by their
  // packed 64-bit value in an open-addressing index (linear probing,
  // power-of-two capacity, load <= 1/2): a probe compares integers in the slot
  // and never touches the ID strings. Anything else (rare malformed values)
  // goes through `other_`.
  static constexpr uint64_t kNotPacked = ~uint64_t{0};
  struct Slot {
    uint64_t key = 0;
    int32_t code = -1;  // -1 = empty
  };
  static size_t SlotOf(uint64_t key, int shift) {
    return static_cast<size_t>(((key ^ (key >> 29)) * 0x9E3779B97F4A7C15ULL) >> shift);
  }
  // Index of the slot holding `key`, or of the empty slot where it belongs.
  size_t Probe(uint64_t key) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = SlotOf(key, shift_);; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.code < 0 || s.key == key) return i;
    }
  }
  void Rehash(size_t capacity);
  // Appends a new ID with its ID-derived info (registry overrides dropped).
  int32_t Add(std::string id, uint64_t packed, PersonInfo info);

  std::vector<std::string> ids_;  // per code (empty when packed_only_)
  std::vector<uint64_t> packed_;  // per code; kNotPacked for malformed IDs
  std::vector<PersonInfo> info_;
  std::vector<Slot, ProbeArrayAllocator<Slot>> slots_;
  int shift_ = 64;  // 64 - log2(slots_.size())
  size_t packed_count_ = 0;
  bool packed_only_ = false;
  std::unordered_map<std::string, int32_t, StringHash, std::equal_to<>> other_;
};

}  // namespace tutela
