// Column: one typed, nullable column of an in-memory table, laid out for the
// engine (fixed-width vectors, a NULL bitmap, dictionary-encoded strings).
// A Column is built by one thread and then read concurrently without locks.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/date.h"

namespace tutela {

enum class Type : uint8_t {
  kBool = 0,       // stored in i32 as 0/1
  kInt64 = 1,      // stored in i64
  kDouble = 2,     // stored in f64
  kDate = 3,       // stored in i32: days since 1970-01-01
  kTimestamp = 4,  // stored in i64: seconds since 1970-01-01T00:00:00
  kString = 5,     // stored in i32: code into the column's StringDict
  kPersonId = 6,   // stored in i32: code into the catalog's PersonDict
};

const char* TypeName(Type t);

// Transparent string hash so maps keyed by std::string accept string_view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Storage for large, randomly probed arrays (hash-table slots): blocks of
// 2 MiB and more are 2 MiB-aligned and marked for transparent huge pages,
// which saves most TLB misses of random probes. Thread-safe.
void* AllocateProbeArray(size_t bytes);
void FreeProbeArray(void* p, size_t bytes);

template <typename T>
struct ProbeArrayAllocator {
  using value_type = T;
  ProbeArrayAllocator() = default;
  template <typename U>
  ProbeArrayAllocator(const ProbeArrayAllocator<U>& /*other*/) {}  // NOLINT: allocator rebind
  T* allocate(size_t n) { return static_cast<T*>(AllocateProbeArray(n * sizeof(T))); }
  void deallocate(T* p, size_t n) { FreeProbeArray(p, n * sizeof(T)); }
  template <typename U>
  bool operator==(const ProbeArrayAllocator<U>& /*other*/) const {
    return true;
  }
  template <typename U>
  bool operator!=(const ProbeArrayAllocator<U>& /*other*/) const {
    return false;
  }
};

// Append-only dictionary of distinct strings; code = insertion index. An
// open-addressing index of codes (no second copy of each string) keeps
// interning cheap on the import hot path: strings of up to 11 bytes are
// compared inside the index slot, longer ones by a hash tag first.
class StringDict {
 public:
  StringDict() = default;
  // Builds the dictionary of `values` (which must be distinct) in one pass.
  explicit StringDict(std::vector<std::string> values);
  int32_t Intern(std::string_view s);
  // Returns -1 when absent.
  int32_t Find(std::string_view s) const;
  const std::string& Get(int32_t code) const { return values_[static_cast<size_t>(code)]; }
  size_t size() const { return values_.size(); }
  const std::vector<std::string>& values() const { return values_; }
  // Pre-sizes for about n distinct values (optional).
  void Reserve(size_t n);
  // A hint that `s` is about to be interned or looked up: starts fetching
  // its index slot into the cache.
  void Prefetch(std::string_view s) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[MakeKey(s).hash >> shift_]);
  }

 private:
  // A slot: the code (-1 = empty) and a 12-byte key: for a string of up to
  // 11 bytes its length and bytes (zero-padded), so equal keys mean equal
  // strings; for a longer one 0xFF, a 24-bit hash tag and its first 8 bytes.
  struct Slot {
    int32_t code = -1;
    uint32_t key_lo = 0;
    uint64_t key_hi = 0;
  };
  struct Key {
    uint32_t lo;
    uint64_t hi;
    uint64_t hash;
    bool exact;  // the key alone decides equality
  };
  static Key MakeKey(std::string_view s);
  void Grow();
  // Slot holding `s` or the empty slot where it would go.
  size_t Probe(std::string_view s, const Key& key) const;

  std::vector<std::string> values_;
  // Power-of-two size; a hash's top bits pick the first slot.
  std::vector<Slot, ProbeArrayAllocator<Slot>> slots_;
  int shift_ = 64;  // 64 - log2(slots_.size())
};

// NULL bitmap: bit set = value present.
class ValidityBitmap {
 public:
  void Append(bool valid) {
    if ((size_ & 63) == 0) words_.push_back(0);
    if (valid) words_[size_ >> 6] |= (uint64_t{1} << (size_ & 63));
    ++size_;
  }
  bool Get(size_t i) const { return (words_[i >> 6] >> (i & 63)) & 1; }
  void Set(size_t i, bool valid) {
    if (valid) {
      words_[i >> 6] |= (uint64_t{1} << (i & 63));
    } else {
      words_[i >> 6] &= ~(uint64_t{1} << (i & 63));
    }
  }
  void Resize(size_t n, bool valid);
  void Reserve(size_t n) { words_.reserve((n + 63) / 64); }
  size_t size() const { return size_; }
  size_t CountValid() const;
  const std::vector<uint64_t>& words() const { return words_; }
  std::vector<uint64_t>& mutable_words() { return words_; }
  void SetSizeUnsafe(size_t n) { size_ = n; }

 private:
  std::vector<uint64_t> words_;
  size_t size_ = 0;
};

class Column {
 public:
  explicit Column(Type type = Type::kString) : type_(type) {
    if (type_ == Type::kString) dict_ = std::make_shared<StringDict>();
  }

  Type type() const { return type_; }
  size_t size() const { return validity_.size(); }
  bool IsNull(size_t row) const { return !validity_.Get(row); }

  // Appenders; the caller picks the one that matches type().
  void AppendNull();
  void AppendInt(int64_t v);              // kInt64, kTimestamp
  void AppendI32(int32_t v);              // kBool, kDate, kPersonId (code)
  void AppendDouble(double v);            // kDouble
  void AppendString(std::string_view s);  // kString

  int64_t GetInt(size_t row) const { return i64_[row]; }
  int32_t GetI32(size_t row) const { return i32_[row]; }
  double GetDouble(size_t row) const { return f64_[row]; }
  const std::string& GetString(size_t row) const { return dict_->Get(i32_[row]); }

  const std::vector<int64_t>& i64() const { return i64_; }
  const std::vector<int32_t>& i32() const { return i32_; }
  const std::vector<double>& f64() const { return f64_; }
  const ValidityBitmap& validity() const { return validity_; }
  const StringDict& dict() const { return *dict_; }
  std::shared_ptr<StringDict> shared_dict() const { return dict_; }

  // Mutable access for bulk loaders (storage format, engine operators).
  std::vector<int64_t>& mutable_i64() { return i64_; }
  std::vector<int32_t>& mutable_i32() { return i32_; }
  std::vector<double>& mutable_f64() { return f64_; }
  ValidityBitmap& mutable_validity() { return validity_; }
  void set_dict(std::shared_ptr<StringDict> d) { dict_ = std::move(d); }
  StringDict& mutable_dict() { return *dict_; }

  void Reserve(size_t n);

  // Bulk appends for loaders that build a table from pieces. AppendNulls adds
  // n NULLs. AppendRows appends the rows of `src` (same type) whose `keep`
  // flag is set (every row when `keep` is null); the codes of non-NULL
  // kString / kPersonId values go through `code_map` when it is given (the
  // column's dictionary must then already hold the mapped codes).
  void AppendNulls(size_t n);
  void AppendRows(const Column& src, const std::vector<char>* keep,
                  const std::vector<int32_t>* code_map);
  // Maps the codes of non-NULL kString / kPersonId values of rows [begin,
  // end) in place (disjoint ranges may be mapped concurrently).
  void MapCodes(const std::vector<int32_t>& code_map, size_t begin, size_t end);

 private:
  Type type_;
  ValidityBitmap validity_;
  std::vector<int64_t> i64_;
  std::vector<int32_t> i32_;
  std::vector<double> f64_;
  std::shared_ptr<StringDict> dict_;
};

}  // namespace tutela
