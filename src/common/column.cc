// Column, StringDict and ValidityBitmap implementation.
#include "common/column.h"

#include <bit>

namespace tutela {

const char* TypeName(Type t) {
  switch (t) {
    case Type::kBool: return "bool";
    case Type::kInt64: return "int";
    case Type::kDouble: return "double";
    case Type::kDate: return "date";
    case Type::kTimestamp: return "timestamp";
    case Type::kString: return "text";
    case Type::kPersonId: return "id";
  }
  return "?";
}

int32_t StringDict::Intern(std::string_view s) {
  auto it = index_.find(s);
  if (it != index_.end()) return it->second;
  int32_t code = static_cast<int32_t>(values_.size());
  values_.emplace_back(s);
  index_.emplace(values_.back(), code);
  return code;
}

int32_t StringDict::Find(std::string_view s) const {
  auto it = index_.find(s);
  return it == index_.end() ? -1 : it->second;
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
    case Type::kTimestamp: i64_.push_back(0); break;
    case Type::kDouble: f64_.push_back(0); break;
    default: i32_.push_back(type_ == Type::kString || type_ == Type::kPersonId ? -1 : 0); break;
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
    case Type::kTimestamp: i64_.reserve(n); break;
    case Type::kDouble: f64_.reserve(n); break;
    default: i32_.reserve(n); break;
  }
}

}  // namespace tutela
