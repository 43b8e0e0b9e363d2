// Column, StringDict and ValidityBitmap implementation.
#include "common/column.h"

#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>

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
constexpr uint64_t kMul1 = 0x9E3779B97F4A7C15ULL;
constexpr uint64_t kMul2 = 0xC2B2AE3D27D4EB4FULL;

inline uint64_t Mix(uint64_t h) {
  h ^= h >> 32;
  h *= kMul2;
  h ^= h >> 29;
  return h;
}

// The n <= 8 bytes at p as a little-endian integer (zero-padded), without a
// variable-length memcpy: overlapping fixed-size loads.
inline uint64_t LoadLe(const char* p, size_t n) {
  if constexpr (std::endian::native == std::endian::little) {
    if (n >= 8) {
      uint64_t v;
      std::memcpy(&v, p, 8);
      return v;
    }
    if (n >= 4) {
      uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      return a | (uint64_t{b} >> (8 * (8 - n))) << 32;
    }
  } else {
    n = n > 8 ? 8 : n;
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    return v;
  }
  if (n == 0) return 0;
  const auto byte = [p](size_t i) { return uint64_t{static_cast<unsigned char>(p[i])}; };
  return byte(0) | byte(n >> 1) << (8 * (n >> 1)) | byte(n - 1) << (8 * (n - 1));
}

// True when a slot key holds a whole short string (low byte = its length),
// not the 0xFF marker of a long one.
inline bool IsShortKey(uint32_t key_lo) { return (key_lo & 0xFF) != 0xFF; }

inline uint64_t ShortHash(uint32_t lo, uint64_t hi) { return (hi ^ (lo * kMul2)) * kMul1; }
}  // namespace

void* AllocateProbeArray(size_t bytes) {
  constexpr size_t kHuge = size_t{2} << 20;
  if (bytes < kHuge) return ::operator new(bytes);
  const size_t rounded = (bytes + kHuge - 1) & ~(kHuge - 1);
  void* p = std::aligned_alloc(kHuge, rounded);
  if (p == nullptr) throw std::bad_alloc();
#if defined(MADV_HUGEPAGE)
  (void)madvise(p, rounded, MADV_HUGEPAGE);  // only a hint
#endif
  return p;
}

void FreeProbeArray(void* p, size_t bytes) {
  if (bytes < (size_t{2} << 20)) {
    ::operator delete(p);
  } else {
    std::free(p);
  }
}

StringDict::Key StringDict::MakeKey(std::string_view s) {
  Key k;
  const size_t n = s.size();
  const char* p = s.data();
  if (n <= 11) {
    k.hi = LoadLe(p, n < 8 ? n : 8);
    k.lo = static_cast<uint32_t>(n | (n > 8 ? LoadLe(p + 8, n - 8) << 8 : 0));
    k.hash = ShortHash(k.lo, k.hi);
    k.exact = true;
    return k;
  }
  // Longer strings: 8 bytes at a time, the last word overlapping.
  uint64_t h = n * kMul1;
  for (size_t i = 0; i + 8 < n; i += 8) h = (h ^ LoadLe(p + i, 8)) * kMul1 + (h >> 41);
  h = Mix((h ^ LoadLe(p + n - 8, 8)) * kMul2);
  k.hi = LoadLe(p, 8);
  k.lo = static_cast<uint32_t>(0xFF | (h & 0xFFFFFF) << 8);
  k.hash = h;
  k.exact = false;
  return k;
}

StringDict::StringDict(std::vector<std::string> values) {
  Reserve(values.size());
  for (std::string& v : values) {
    const Key key = MakeKey(v);
    const size_t slot = Probe(v, key);
    slots_[slot] = Slot{static_cast<int32_t>(values_.size()), key.lo, key.hi};
    values_.push_back(std::move(v));
  }
}

size_t StringDict::Probe(std::string_view s, const Key& key) const {
  const size_t mask = slots_.size() - 1;
  size_t i = static_cast<size_t>(key.hash >> shift_);
  for (;;) {
    const Slot& slot = slots_[i];
    if (slot.code < 0) return i;
    if (slot.key_lo == key.lo && slot.key_hi == key.hi &&
        (key.exact || values_[static_cast<size_t>(slot.code)] == s)) {
      return i;
    }
    i = (i + 1) & mask;
  }
}

void StringDict::Reserve(size_t n) {
  values_.reserve(n);
  if (n * 2 <= slots_.size()) return;
  while (slots_.size() < n * 2) Grow();
}

void StringDict::Grow() {
  const size_t n = slots_.empty() ? 16 : slots_.size() * 2;
  std::vector<Slot, ProbeArrayAllocator<Slot>> old = std::move(slots_);
  slots_.assign(n, Slot{});
  shift_ = 64 - std::countr_zero(n);
  const size_t mask = n - 1;
  for (const Slot& o : old) {
    if (o.code < 0) continue;
    // Short strings rehash from the slot alone, without touching the string.
    const uint64_t hash = IsShortKey(o.key_lo) ? ShortHash(o.key_lo, o.key_hi)
                                               : MakeKey(values_[static_cast<size_t>(o.code)]).hash;
    size_t i = static_cast<size_t>(hash >> shift_);
    while (slots_[i].code >= 0) i = (i + 1) & mask;
    slots_[i] = o;
  }
}

int32_t StringDict::Intern(std::string_view s) {
  if ((values_.size() + 1) * 2 > slots_.size()) Grow();
  const Key key = MakeKey(s);
  const size_t slot = Probe(s, key);
  if (slots_[slot].code >= 0) return slots_[slot].code;
  const auto code = static_cast<int32_t>(values_.size());
  slots_[slot] = Slot{code, key.lo, key.hi};
  values_.emplace_back(s);
  return code;
}

int32_t StringDict::Find(std::string_view s) const {
  if (slots_.empty()) return -1;
  return slots_[Probe(s, MakeKey(s))].code;
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
  validity_.Reserve(n);
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

void Column::AppendNulls(size_t n) {
  validity_.Resize(validity_.size() + n, false);
  switch (type_) {
    case Type::kInt64:
    case Type::kTimestamp:
      i64_.resize(i64_.size() + n, 0);
      break;
    case Type::kDouble:
      f64_.resize(f64_.size() + n, 0);
      break;
    default:
      i32_.resize(i32_.size() + n, type_ == Type::kString || type_ == Type::kPersonId ? -1 : 0);
      break;
  }
}

namespace {
// Appends src[r] for the kept rows of `src`, through `map` for valid rows when given.
template <typename T>
void AppendKept(const std::vector<T>& src, const ValidityBitmap& valid,
                const std::vector<char>* keep, const std::vector<int32_t>* map,
                std::vector<T>* out) {
  const size_t n = src.size();
  if (out->size() + n > out->capacity()) {
    out->reserve(std::max(out->size() + n, 2 * out->capacity()));  // geometric: appends repeat
  }
  for (size_t r = 0; r < n; ++r) {
    if (keep != nullptr && !(*keep)[r]) continue;
    T v = src[r];
    if constexpr (std::is_same_v<T, int32_t>) {
      if (map != nullptr && valid.Get(r)) v = (*map)[static_cast<size_t>(v)];
    }
    out->push_back(v);
  }
}
}  // namespace

void Column::AppendRows(const Column& src, const std::vector<char>* keep,
                        const std::vector<int32_t>* code_map) {
  const size_t n = src.size();
  const ValidityBitmap& valid = src.validity_;
  if (keep == nullptr && validity_.words().size() * 64 == validity_.size()) {
    // Word-aligned: copy the bitmap words.
    std::vector<uint64_t>& words = validity_.mutable_words();
    words.insert(words.end(), valid.words().begin(), valid.words().begin() + (n + 63) / 64);
    validity_.SetSizeUnsafe(validity_.size() + n);
  } else {
    for (size_t r = 0; r < n; ++r) {
      if (keep == nullptr || (*keep)[r]) validity_.Append(valid.Get(r));
    }
  }
  switch (type_) {
    case Type::kInt64:
    case Type::kTimestamp:
      AppendKept(src.i64_, valid, keep, nullptr, &i64_);
      break;
    case Type::kDouble:
      AppendKept(src.f64_, valid, keep, nullptr, &f64_);
      break;
    case Type::kString:
    case Type::kPersonId:
      AppendKept(src.i32_, valid, keep, code_map, &i32_);
      break;
    default:
      AppendKept(src.i32_, valid, keep, nullptr, &i32_);
      break;
  }
}

void Column::MapCodes(const std::vector<int32_t>& code_map, size_t begin, size_t end) {
  for (size_t r = begin; r < end; ++r) {
    if (validity_.Get(r)) i32_[r] = code_map[static_cast<size_t>(i32_[r])];
  }
}

}  // namespace tutela
