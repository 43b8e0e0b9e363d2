// Table serialisation to and from the storage format.
#include "storage/table_format.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace tutela::storage {
namespace {

static_assert(std::endian::native == std::endian::little, "storage format is little-endian");

constexpr char kMagic[8] = {'T', 'U', 'T', 'T', 'A', 'B', 'L', 'E'};
constexpr char kEndMagic[8] = {'T', 'U', 'T', 'T', 'E', 'N', 'D', '\0'};
constexpr uint32_t kVersion = 1;
constexpr size_t kBlock = 1 << 16;  // values per block when translating codes

bool IsI32(Type t) {
  return t == Type::kBool || t == Type::kDate || t == Type::kString || t == Type::kPersonId;
}
bool IsI64(Type t) { return t == Type::kInt64 || t == Type::kTimestamp; }

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

class Reader {
 public:
  explicit Reader(ByteSource* src) : src_(src) {}
  Status Bytes(void* p, size_t n) { return n == 0 ? Status::Ok() : src_->Read(p, n); }
  template <typename T>
  Result<T> Get() {
    T v;
    RETURN_IF_ERROR(Bytes(&v, sizeof v));
    return v;
  }
  // Fails unless `count` items of `width` bytes can still be in the stream.
  Status Fits(uint64_t count, uint64_t width, const char* what) {
    if (width != 0 && count > src_->Remaining() / width) return Bad(what);
    return Status::Ok();
  }
  Result<std::string> Str(const char* what) {
    ASSIGN_OR_RETURN(uint32_t len, Get<uint32_t>());
    RETURN_IF_ERROR(Fits(len, 1, what));
    std::string s(len, '\0');
    RETURN_IF_ERROR(Bytes(s.data(), len));
    return s;
  }
  template <typename T>
  Status Vec(std::vector<T>* v, uint64_t n, const char* what) {
    RETURN_IF_ERROR(Fits(n, sizeof(T), what));
    v->resize(n);
    return Bytes(v->data(), n * sizeof(T));
  }
  // Reads a dictionary and calls add(index, string_view) for each string.
  // `reserve(count)` is called once the count has been checked.
  template <typename Add, typename Reserve>
  Status Dict(const char* what, Add add, Reserve reserve) {
    ASSIGN_OR_RETURN(uint64_t count, Get<uint64_t>());
    ASSIGN_OR_RETURN(uint64_t blob_size, Get<uint64_t>());
    std::vector<uint32_t> lens;
    RETURN_IF_ERROR(Vec(&lens, count, what));
    reserve(static_cast<size_t>(count));
    std::string blob;
    RETURN_IF_ERROR(Fits(blob_size, 1, what));
    blob.resize(blob_size);
    RETURN_IF_ERROR(Bytes(blob.data(), blob_size));
    uint64_t pos = 0;
    for (uint64_t i = 0; i < count; ++i) {
      if (lens[i] > blob_size - pos) return Bad(what);
      RETURN_IF_ERROR(add(i, std::string_view(blob.data() + pos, lens[i])));
      pos += lens[i];
    }
    if (pos != blob_size) return Bad(what);
    return Status::Ok();
  }
  static Status Bad(const std::string& what) {
    return Status::Corruption(
        fmt::format("表文件格式错误 / malformed table file: bad {}", what));
  }

 private:
  ByteSource* src_;
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
  RETURN_IF_ERROR(w.Dict(local_ids.size(), [&](size_t i) -> std::string_view {
    return persons.Id(local_ids[i]);
  }));

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
      case Type::kTimestamp: RETURN_IF_ERROR(w.Bytes(col.i64().data(), n * 8)); break;
      case Type::kDouble: RETURN_IF_ERROR(w.Bytes(col.f64().data(), n * 8)); break;
      case Type::kBool:
      case Type::kDate: RETURN_IF_ERROR(w.Bytes(col.i32().data(), n * 4)); break;
    }
  }
  RETURN_IF_ERROR(w.Bytes(kEndMagic, 8));
  return w.Put<uint64_t>(n);
}

namespace {

// Checks dictionary codes against the validity bitmap; NULL rows get -1.
Status CheckCodes(std::vector<int32_t>* codes, const ValidityBitmap& valid, uint64_t dict_size,
                  const std::vector<int32_t>* remap) {
  int32_t* v = codes->data();
  for (size_t r = 0; r < codes->size(); ++r) {
    if (!valid.Get(r)) {
      v[r] = -1;
    } else if (v[r] < 0 || static_cast<uint64_t>(v[r]) >= dict_size) {
      return Reader::Bad("dictionary code");
    } else if (remap != nullptr) {
      v[r] = (*remap)[static_cast<size_t>(v[r])];
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::shared_ptr<Table>> ReadTable(ByteSource* in, PersonDict* persons) {
  Reader rd(in);
  char magic[8];
  RETURN_IF_ERROR(rd.Bytes(magic, 8));
  if (std::memcmp(magic, kMagic, 8) != 0) return Reader::Bad("magic");
  ASSIGN_OR_RETURN(uint32_t version, rd.Get<uint32_t>());
  if (version != kVersion) {
    return Status::Corruption(
        fmt::format("不支持的表文件版本 / unsupported table file version {}", version));
  }
  ASSIGN_OR_RETURN(uint32_t ncols, rd.Get<uint32_t>());
  ASSIGN_OR_RETURN(uint64_t n, rd.Get<uint64_t>());
  ASSIGN_OR_RETURN(uint32_t nfiles, rd.Get<uint32_t>());
  ASSIGN_OR_RETURN(uint32_t reserved, rd.Get<uint32_t>());
  if (reserved != 0) return Reader::Bad("header");
  if (n > static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) return Reader::Bad("rows");
  if (nfiles > 65536) return Reader::Bad("file count");
  RETURN_IF_ERROR(rd.Fits(ncols, 5, "column count"));
  RETURN_IF_ERROR(rd.Fits(n, 6, "row count"));
  ASSIGN_OR_RETURN(std::string name, rd.Str("table name"));
  std::vector<std::string> files(nfiles);
  for (std::string& f : files) {
    ASSIGN_OR_RETURN(f, rd.Str("file name"));
  }
  std::vector<ColumnSpec> schema(ncols);
  for (ColumnSpec& spec : schema) {
    ASSIGN_OR_RETURN(spec.name, rd.Str("column name"));
    ASSIGN_OR_RETURN(uint8_t type, rd.Get<uint8_t>());
    if (type > static_cast<uint8_t>(Type::kPersonId)) return Reader::Bad("column type");
    spec.type = static_cast<Type>(type);
  }
  auto table = std::make_shared<Table>(std::move(name), std::move(schema));
  table->mutable_files() = std::move(files);
  RETURN_IF_ERROR(rd.Vec(&table->mutable_lines(), n, "row lines"));
  RETURN_IF_ERROR(rd.Vec(&table->mutable_file_index(), n, "file indexes"));
  for (uint16_t f : table->file_index()) {
    if (f >= nfiles) return Reader::Bad("file index");
  }
  std::vector<int32_t> remap;
  RETURN_IF_ERROR(rd.Dict(
      "person dictionary",
      [&](uint64_t, std::string_view id) {
        remap.push_back(persons->Intern(id));
        return Status::Ok();
      },
      [&](size_t count) {
        remap.reserve(count);
        persons->Reserve(persons->size() + count);
      }));

  const size_t nwords = (n + 63) / 64;
  for (uint32_t c = 0; c < ncols; ++c) {
    Column& col = table->mutable_column(c);
    ValidityBitmap& valid = col.mutable_validity();
    RETURN_IF_ERROR(rd.Vec(&valid.mutable_words(), nwords, "validity bitmap"));
    if (n & 63) valid.mutable_words().back() &= (uint64_t{1} << (n & 63)) - 1;
    valid.SetSizeUnsafe(n);
    switch (col.type()) {
      case Type::kString: {
        auto dict = std::make_shared<StringDict>();
        RETURN_IF_ERROR(rd.Dict(
            "string dictionary",
            [&](uint64_t i, std::string_view s) {
              if (static_cast<uint64_t>(dict->Intern(s)) != i) {
                return Reader::Bad("string dictionary");
              }
              return Status::Ok();
            },
            [](size_t) {}));
        RETURN_IF_ERROR(rd.Vec(&col.mutable_i32(), n, "string codes"));
        RETURN_IF_ERROR(CheckCodes(&col.mutable_i32(), valid, dict->size(), nullptr));
        col.set_dict(std::move(dict));
        break;
      }
      case Type::kPersonId:
        RETURN_IF_ERROR(rd.Vec(&col.mutable_i32(), n, "person codes"));
        RETURN_IF_ERROR(CheckCodes(&col.mutable_i32(), valid, remap.size(), &remap));
        break;
      case Type::kInt64:
      case Type::kTimestamp: RETURN_IF_ERROR(rd.Vec(&col.mutable_i64(), n, "values")); break;
      case Type::kDouble: RETURN_IF_ERROR(rd.Vec(&col.mutable_f64(), n, "values")); break;
      case Type::kBool:
      case Type::kDate: RETURN_IF_ERROR(rd.Vec(&col.mutable_i32(), n, "values")); break;
    }
  }
  RETURN_IF_ERROR(rd.Bytes(magic, 8));
  if (std::memcmp(magic, kEndMagic, 8) != 0) return Reader::Bad("end marker");
  ASSIGN_OR_RETURN(uint64_t end_rows, rd.Get<uint64_t>());
  if (end_rows != n) return Reader::Bad("end marker");
  return table;
}

}  // namespace tutela::storage
