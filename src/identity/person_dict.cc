// PersonDict: interning of normalised ID numbers (an open-addressing index on
// the packed 64-bit ID, a side map for malformed IDs) and per-person birth
// date and sex.
#include "identity/person_dict.h"

#include <algorithm>
#include <bit>
#include <cassert>

namespace tutela {

namespace {
constexpr size_t kMinCapacity = 64;

PersonInfo InfoFromId(std::string_view id) {
  PersonInfo info;
  info.problem = ValidateIdNumber(id);
  if (const std::optional<Days> birth = BirthFromId(id)) info.id_birth = *birth;
  info.id_sex = SexFromId(id);
  info.birth = info.id_birth;
  info.sex = info.id_sex;
  return info;
}
}  // namespace

void PersonDict::Rehash(size_t capacity) {
  assert((capacity & (capacity - 1)) == 0 && capacity >= 2 * packed_count_);
  slots_.assign(capacity, Slot{});
  shift_ = 64 - std::countr_zero(capacity);
  const size_t mask = capacity - 1;
  for (size_t code = 0; code < packed_.size(); ++code) {
    const uint64_t key = packed_[code];
    if (key == kNotPacked) continue;
    size_t i = SlotOf(key, shift_);
    while (slots_[i].code >= 0) i = (i + 1) & mask;
    slots_[i] = Slot{key, static_cast<int32_t>(code)};
  }
}

void PersonDict::Reserve(size_t n) {
  if (!packed_only_) ids_.reserve(n);
  packed_.reserve(n);
  info_.reserve(n);
  size_t capacity = kMinCapacity;
  while (capacity < 2 * n) capacity *= 2;
  if (capacity > slots_.size()) Rehash(capacity);
}

int32_t PersonDict::Add(std::string id, uint64_t packed, PersonInfo info) {
  assert(packed_.size() < static_cast<size_t>(INT32_MAX) && "PersonDict code space exhausted");
  const auto code = static_cast<int32_t>(packed_.size());
  info.birth = info.id_birth;  // no registry overrides
  info.sex = info.id_sex;
  info.registered = false;
  info_.push_back(info);
  if (!packed_only_) ids_.push_back(std::move(id));
  packed_.push_back(packed);
  return code;
}

int32_t PersonDict::Intern(std::string_view normalized_id) {
  const std::optional<uint64_t> packed = PackIdNumber(normalized_id);
  if (!packed.has_value()) {
    auto it = other_.find(normalized_id);
    if (it != other_.end()) return it->second;
    const int32_t code = Add(std::string(normalized_id), kNotPacked, InfoFromId(normalized_id));
    other_.emplace(std::string(normalized_id), code);
    return code;
  }
  if (2 * (packed_count_ + 1) > slots_.size()) {
    Rehash(slots_.empty() ? kMinCapacity : 2 * slots_.size());
  }
  const size_t i = Probe(*packed);
  if (slots_[i].code >= 0) return slots_[i].code;
  const int32_t code = Add(packed_only_ ? std::string() : std::string(normalized_id), *packed,
                           InfoFromId(normalized_id));
  slots_[i] = Slot{*packed, code};
  ++packed_count_;
  return code;
}

int32_t PersonDict::Find(std::string_view normalized_id) const {
  const std::optional<uint64_t> packed = PackIdNumber(normalized_id);
  if (!packed.has_value()) {
    auto it = other_.find(normalized_id);
    return it == other_.end() ? -1 : it->second;
  }
  if (slots_.empty()) return -1;
  return slots_[Probe(*packed)].code;
}

std::vector<int32_t> PersonDict::MergeFrom(PersonDict* other) {
  std::vector<int32_t> remap(other->size());
  if (packed_.empty() && !packed_only_ && !other->packed_only_) {
    // Nothing to look up: adopt the other dictionary wholesale.
    std::swap(*this, *other);
    ClearRegistry();
    for (size_t c = 0; c < remap.size(); ++c) remap[c] = static_cast<int32_t>(c);
  } else {
    size_t need = kMinCapacity;
    while (need < 2 * (packed_count_ + other->packed_count_)) need *= 2;
    if (need > slots_.size()) Rehash(need);
    // Room for every new ID, growing geometrically (merges come one by one).
    const auto reserve = [n = other->size()](auto& v) {
      if (v.size() + n > v.capacity()) v.reserve(std::max(v.size() + n, 2 * v.capacity()));
    };
    if (!packed_only_) reserve(ids_);
    reserve(packed_);
    reserve(info_);
    const size_t n = remap.size();
    // A packed-only dictionary has strings for its malformed IDs only.
    std::vector<const std::string*> malformed;
    if (other->packed_only_) {
      malformed.assign(n, nullptr);
      for (const auto& [id, code] : other->other_) malformed[static_cast<size_t>(code)] = &id;
    }
    // The keys are known in advance: fetch their home slots ahead of use
    // (the index is far larger than the caches).
    constexpr size_t kAhead = 16;
    for (size_t c = 0; c < n; ++c) {
      if (c + kAhead < n && other->packed_[c + kAhead] != kNotPacked) {
        __builtin_prefetch(&slots_[SlotOf(other->packed_[c + kAhead], shift_)]);
      }
      const uint64_t key = other->packed_[c];
      if (key == kNotPacked) {
        const std::string& id = other->packed_only_ ? *malformed[c] : other->ids_[c];
        auto it = other_.find(id);
        if (it != other_.end()) {
          remap[c] = it->second;
        } else {
          remap[c] = Add(id, kNotPacked, other->info_[c]);
          other_.emplace(id, remap[c]);
        }
        continue;
      }
      const size_t i = Probe(key);
      if (slots_[i].code >= 0) {
        remap[c] = slots_[i].code;
        continue;
      }
      remap[c] = Add(other->packed_only_ ? *UnpackIdNumber(key) : std::move(other->ids_[c]), key,
                     other->info_[c]);
      slots_[i] = Slot{key, remap[c]};
      ++packed_count_;
    }
  }
  *other = PersonDict();
  return remap;
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
