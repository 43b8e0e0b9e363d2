// PersonDict: the one person-ID dictionary of a catalog. Maps normalised ID
// numbers to dense int32 codes so joins on people are integer joins, and
// keeps, per code, the validation result and the effective birth date and sex
// (persons row first, else the ID). Not thread-safe for writes; concurrent
// reads are safe once loading is done.
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
  // Returns the code of a normalised ID, adding it when new (its PersonInfo is
  // then filled from the ID: ValidateIdNumber, BirthFromId, SexFromId).
  int32_t Intern(std::string_view normalized_id);
  // Pre-sizes for about n distinct IDs (optional; avoids rehashing on bulk loads).
  void Reserve(size_t n);
  // Returns -1 when absent.
  int32_t Find(std::string_view normalized_id) const;
  const std::string& Id(int32_t code) const { return ids_[static_cast<size_t>(code)]; }
  const PersonInfo& Info(int32_t code) const { return info_[static_cast<size_t>(code)]; }
  size_t size() const { return ids_.size(); }

  // Applies a persons-table row: birth date and sex override the ID's when
  // present (sex 'M' or 'F'; any other value, e.g. 0, means absent). An absent
  // value falls back to the ID-derived one. Precondition: 0 <= code < size().
  void SetRegistry(int32_t code, std::optional<Days> birth, char sex);
  // Drops all persons-table overrides (before the persons table is reloaded).
  void ClearRegistry();

 private:
  // Open-addressing index (linear probing, power-of-two capacity, load <= 1/2):
  // a slot holds a code into ids_ (-1 = empty) and the upper hash bits, so a
  // probe rarely touches the strings. Keys live only in ids_.
  struct Slot {
    int32_t code = -1;
    uint32_t tag = 0;
  };
  static uint64_t Hash(std::string_view s);
  // Index of the slot holding `s`, or of the empty slot where it belongs.
  size_t Probe(std::string_view s, uint64_t hash) const;
  void Rehash(size_t capacity);

  std::vector<std::string> ids_;
  std::vector<PersonInfo> info_;
  std::vector<Slot> slots_;
};

}  // namespace tutela
