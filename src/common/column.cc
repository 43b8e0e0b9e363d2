// Column, StringDict and ValidityBitmap implementation.
#include "common/column.h"

#include <bit>

namespace tutela {

const char* TypeName(Type t) {
  switch (t) {
    case Type::kBool:
      return "bool";
    case Type::kInt64:
      return "int";
    case Type::kDouble:
      return "double";
    case Type::kDate:
      return "date";
    case Type::kTimestamp:
      return "timestamp";
    case Type::kString:
      return "text";
    case Type::kPersonId:
      return "id";
  }
  return "?";
}

namespace {
inline uint32_t Tag(size_t hash) {
  return static_cast<uint32_t>(hash >> 32) ^ static_cast<uint32_t>(hash);
}
}  // namespace

StringDict::StringDict(std::vector<std::string> values) {
  for (std::string& v : values) {
    if ((values_.size() + 1) * 2 > slots_.size()) Grow();
    size_t h = StringHash{}(v);
    size_t slot = Probe(v, h);
    slots_[slot] = Slot{Tag(h), static_cast<int32_t>(values_.size())};
    values_.push_back(std::move(v));
  }
}

size_t StringDict::Probe(std::string_view s, size_t hash) const {
  const size_t mask = slots_.size() - 1;
  const uint32_t tag = Tag(hash);
  size_t i = hash & mask;
  for (;;) {
    const Slot& slot = slots_[i];
    if (slot.code < 0) return i;
    if (slot.hash == tag && values_[static_cast<size_t>(slot.code)] == s) return i;
    i = (i + 1) & mask;
  }
}

void StringDict::Grow() {
  size_t n = slots_.empty() ? 16 : slots_.size() * 2;
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(n, Slot{});
  const size_t mask = n - 1;
  for (const Slot& o : old) {
    if (o.code < 0) continue;
    size_t i = StringHash{}(values_[static_cast<size_t>(o.code)]) & mask;
    while (slots_[i].code >= 0) i = (i + 1) & mask;
    slots_[i] = o;
  }
}

int32_t StringDict::Intern(std::string_view s) {
  if ((values_.size() + 1) * 2 > slots_.size()) Grow();
  size_t h = StringHash{}(s);
  size_t slot = Probe(s, h);
  if (slots_[slot].code >= 0) return slots_[slot].code;
  int32_t code = static_cast<int32_t>(values_.size());
  slots_[slot] = Slot{Tag(h), code};
  values_.emplace_back(s);
  return code;
}

int32_t StringDict::Find(std::string_view s) const {
  if (slots_.empty()) return -1;
  return slots_[Probe(s, StringHash{}(s))].code;
}

void ValidityBitmap::Resize(size_t n, bool valid) {
  while (size_ < n) Append(valid);
  if (n < size_) {
    size_ = n;
    words_.resize((n + 63) / 64);
    if (n & 63) words_.back() &= (uint64_t{1} << (n & 63)) - 1;
  }
}

size_t ValidityBitmap::CountValid() const {
  size_t total = 0;
  for (uint64_t w : words_) total += static_cast<size_t>(std::popcount(w));
  return total;
}

void Column::AppendNull() {
  validity_.Append(false);
  switch (type_) {
    case Type::kInt64:
    case Type::kTimestamp:
      i64_.push_back(0);
      break;
    case Type::kDouble:
      f64_.push_back(0);
      break;
    default:
      i32_.push_back(type_ == Type::kString || type_ == Type::kPersonId ? -1 : 0);
      break;
  }
}

void Column::AppendInt(int64_t v) {
  validity_.Append(true);
  i64_.push_back(v);
}

void Column::AppendI32(int32_t v) {
  validity_.Append(true);
  i32_.push_back(v);
}

void Column::AppendDouble(double v) {
  validity_.Append(true);
  f64_.push_back(v);
}

void Column::AppendString(std::string_view s) {
  validity_.Append(true);
  i32_.push_back(dict_->Intern(s));
}

void Column::Reserve(size_t n) {
  switch (type_) {
    case Type::kInt64:
    case Type::kTimestamp:
      i64_.reserve(n);
      break;
    case Type::kDouble:
      f64_.reserve(n);
      break;
    default:
      i32_.reserve(n);
      break;
  }
}

}  // namespace tutela
