// Table serialisation: WriteTable.
#include "storage/table_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "storage/table_format_internal.h"

namespace tutela::storage {

using format::IsI32;
using format::IsI64;
using format::kEndMagic;
using format::kMagic;
using format::kVersion;

namespace {

constexpr size_t kBlock = 1 << 16;  // values per block when translating codes

class Writer {
 public:
  explicit Writer(ByteSink* sink) : sink_(sink) {}
  Status Bytes(const void* p, size_t n) { return n == 0 ? Status::Ok() : sink_->Append(p, n); }
  template <typename T>
  Status Put(T v) {
    return Bytes(&v, sizeof v);
  }
  Status Str(std::string_view s) {
    RETURN_IF_ERROR(Put<uint32_t>(static_cast<uint32_t>(s.size())));
    return Bytes(s.data(), s.size());
  }
  // u64 count, u64 blob bytes, u32 length per string, blob.
  template <typename Get>
  Status Dict(size_t count, Get get) {
    std::vector<uint32_t> lens(count);
    uint64_t blob = 0;
    for (size_t i = 0; i < count; ++i) {
      lens[i] = static_cast<uint32_t>(get(i).size());
      blob += lens[i];
    }
    RETURN_IF_ERROR(Put<uint64_t>(count));
    RETURN_IF_ERROR(Put<uint64_t>(blob));
    RETURN_IF_ERROR(Bytes(lens.data(), lens.size() * 4));
    std::string buf;
    buf.reserve(std::min<uint64_t>(blob, kBlock * 4));
    for (size_t i = 0; i < count; ++i) {
      buf.append(get(i));
      if (buf.size() >= kBlock * 4) {
        RETURN_IF_ERROR(Bytes(buf.data(), buf.size()));
        buf.clear();
      }
    }
    return Bytes(buf.data(), buf.size());
  }

 private:
  ByteSink* sink_;
};

}  // namespace

Status WriteTable(const Table& table, const PersonDict& persons, ByteSink* out) {
  const size_t n = table.num_rows();
  if (table.file_index().size() != n) return Status::Internal("table row identity out of sync");
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const Column& col = table.column(c);
    Type t = col.type();
    size_t values = IsI32(t) ? col.i32().size() : IsI64(t) ? col.i64().size() : col.f64().size();
    if (col.size() != n || values != n || t != table.schema()[c].type) {
      return Status::Internal(fmt::format("column {} of {} is out of sync with the table",
                                          table.schema()[c].name, table.name()));
    }
  }
  // File-local person dictionary: global code -> local code, in first-use order.
  std::vector<int32_t> to_local(persons.size(), -1);
  std::vector<int32_t> local_ids;
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const Column& col = table.column(c);
    if (col.type() != Type::kPersonId) continue;
    const std::vector<int32_t>& codes = col.i32();
    for (size_t r = 0; r < n; ++r) {
      if (col.IsNull(r)) continue;
      int32_t g = codes[r];
      if (g < 0 || static_cast<size_t>(g) >= to_local.size()) {
        return Status::Internal(fmt::format("person code {} out of range in {}", g, table.name()));
      }
      if (to_local[g] < 0) {
        to_local[g] = static_cast<int32_t>(local_ids.size());
        local_ids.push_back(g);
      }
    }
  }

  Writer w(out);
  RETURN_IF_ERROR(w.Bytes(kMagic, 8));
  RETURN_IF_ERROR(w.Put<uint32_t>(kVersion));
  RETURN_IF_ERROR(w.Put<uint32_t>(static_cast<uint32_t>(table.num_columns())));
  RETURN_IF_ERROR(w.Put<uint64_t>(n));
  RETURN_IF_ERROR(w.Put<uint32_t>(static_cast<uint32_t>(table.files().size())));
  RETURN_IF_ERROR(w.Put<uint32_t>(0));  // reserved
  RETURN_IF_ERROR(w.Str(table.name()));
  for (const std::string& f : table.files()) RETURN_IF_ERROR(w.Str(f));
  for (const ColumnSpec& spec : table.schema()) {
    RETURN_IF_ERROR(w.Str(spec.name));
    RETURN_IF_ERROR(w.Put<uint8_t>(static_cast<uint8_t>(spec.type)));
  }
  RETURN_IF_ERROR(w.Bytes(table.lines().data(), n * 4));
  RETURN_IF_ERROR(w.Bytes(table.file_index().data(), n * 2));
  RETURN_IF_ERROR(w.Dict(local_ids.size(),
                         [&](size_t i) -> std::string_view { return persons.Id(local_ids[i]); }));

  std::vector<int32_t> block;
  for (size_t c = 0; c < table.num_columns(); ++c) {
    const Column& col = table.column(c);
    const std::vector<uint64_t>& words = col.validity().words();
    size_t nwords = (n + 63) / 64;
    if (words.size() < nwords) return Status::Internal("validity bitmap too short");
    RETURN_IF_ERROR(w.Bytes(words.data(), nwords * 8));
    switch (col.type()) {
      case Type::kString: {
        const StringDict& dict = col.dict();
        RETURN_IF_ERROR(w.Dict(dict.size(), [&](size_t i) -> std::string_view {
          return dict.Get(static_cast<int32_t>(i));
        }));
        RETURN_IF_ERROR(w.Bytes(col.i32().data(), n * 4));
        break;
      }
      case Type::kPersonId: {
        const std::vector<int32_t>& codes = col.i32();
        for (size_t start = 0; start < n; start += kBlock) {
          size_t end = std::min(n, start + kBlock);
          block.resize(end - start);
          for (size_t r = start; r < end; ++r) {
            block[r - start] = col.IsNull(r) ? -1 : to_local[codes[r]];
          }
          RETURN_IF_ERROR(w.Bytes(block.data(), block.size() * 4));
        }
        break;
      }
      case Type::kInt64:
      case Type::kTimestamp:
        RETURN_IF_ERROR(w.Bytes(col.i64().data(), n * 8));
        break;
      case Type::kDouble:
        RETURN_IF_ERROR(w.Bytes(col.f64().data(), n * 8));
        break;
      case Type::kBool:
      case Type::kDate:
        RETURN_IF_ERROR(w.Bytes(col.i32().data(), n * 4));
        break;
    }
  }
  RETURN_IF_ERROR(w.Bytes(kEndMagic, 8));
  return w.Put<uint64_t>(n);
}

}  // namespace tutela::storage
