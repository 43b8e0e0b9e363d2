// PersonDict: interning of normalised ID numbers (open-addressing index over
// the code -> ID vector) and per-person birth date and sex.
#include "identity/person_dict.h"

#include <cassert>
#include <functional>

namespace tutela {

namespace {
constexpr size_t kMinCapacity = 64;

uint32_t TagOf(uint64_t hash) { return static_cast<uint32_t>(hash >> 32); }
}  // namespace

uint64_t PersonDict::Hash(std::string_view s) {
  const uint64_t h = std::hash<std::string_view>{}(s);
  return h ^ (h >> 29) * 0xBF58476D1CE4E5B9ULL;  // spread low bits into the tag too
}

size_t PersonDict::Probe(std::string_view s, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  const uint32_t tag = TagOf(hash);
  for (size_t i = static_cast<size_t>(hash) & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.code < 0) return i;
    if (slot.tag == tag && ids_[static_cast<size_t>(slot.code)] == s) return i;
  }
}

void PersonDict::Rehash(size_t capacity) {
  assert((capacity & (capacity - 1)) == 0 && capacity >= 2 * ids_.size());
  slots_.assign(capacity, Slot{});
  const size_t mask = capacity - 1;
  for (size_t code = 0; code < ids_.size(); ++code) {
    const uint64_t hash = Hash(ids_[code]);
    size_t i = static_cast<size_t>(hash) & mask;
    while (slots_[i].code >= 0) i = (i + 1) & mask;
    slots_[i] = Slot{static_cast<int32_t>(code), TagOf(hash)};
  }
}

void PersonDict::Reserve(size_t n) {
  ids_.reserve(n);
  info_.reserve(n);
  size_t capacity = kMinCapacity;
  while (capacity < 2 * n) capacity *= 2;
  if (capacity > slots_.size()) Rehash(capacity);
}

int32_t PersonDict::Intern(std::string_view normalized_id) {
  if (2 * (ids_.size() + 1) > slots_.size()) {
    Rehash(slots_.empty() ? kMinCapacity : 2 * slots_.size());
  }
  const uint64_t hash = Hash(normalized_id);
  const size_t i = Probe(normalized_id, hash);
  if (slots_[i].code >= 0) return slots_[i].code;

  assert(ids_.size() < static_cast<size_t>(INT32_MAX) && "PersonDict code space exhausted");
  const auto code = static_cast<int32_t>(ids_.size());
  PersonInfo info;
  info.problem = ValidateIdNumber(normalized_id);
  if (const std::optional<Days> birth = BirthFromId(normalized_id)) info.id_birth = *birth;
  info.id_sex = SexFromId(normalized_id);
  info.birth = info.id_birth;
  info.sex = info.id_sex;
  ids_.emplace_back(normalized_id);
  info_.push_back(info);
  slots_[i] = Slot{code, TagOf(hash)};
  return code;
}

int32_t PersonDict::Find(std::string_view normalized_id) const {
  if (slots_.empty()) return -1;
  return slots_[Probe(normalized_id, Hash(normalized_id))].code;
}

void PersonDict::SetRegistry(int32_t code, std::optional<Days> birth, char sex) {
  assert(code >= 0 && static_cast<size_t>(code) < info_.size());
  PersonInfo& info = info_[static_cast<size_t>(code)];
  info.birth = birth.has_value() ? *birth : info.id_birth;
  info.sex = (sex == 'M' || sex == 'F') ? sex : info.id_sex;
  info.registered = true;
}

void PersonDict::ClearRegistry() {
  for (PersonInfo& info : info_) {
    info.birth = info.id_birth;
    info.sex = info.id_sex;
    info.registered = false;
  }
}

}  // namespace tutela
