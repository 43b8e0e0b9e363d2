// Table deserialisation: ReadTable. Fixed-width data is read in bulk into the
// column vectors; dictionaries (the person IDs and large string
// dictionaries) are built on worker threads while later sections are read.
#include <fmt/format.h>

#include <cstring>
#include <future>
#include <limits>
#include <memory>
#include <string_view>
#include <system_error>
#include <vector>

#include "storage/table_format.h"
#include "storage/table_format_internal.h"

namespace tutela::storage {
namespace {

constexpr size_t kAsyncDictMin = 4096;  // smaller dictionaries are built inline

Status Bad(const std::string& what) {
  return Status::Corruption(fmt::format("表文件格式错误 / malformed table file: bad {}", what));
}

// A dictionary section as stored: u64 count, u64 blob size, u32 lengths, blob.
struct RawDict {
  std::vector<uint32_t> lens;
  std::string blob;
  // Calls add(index, string) for each string in order.
  template <typename Add>
  Status ForEach(Add add) const {
    size_t pos = 0;
    for (size_t i = 0; i < lens.size(); ++i) {
      RETURN_IF_ERROR(add(i, std::string_view(blob.data() + pos, lens[i])));
      pos += lens[i];
    }
    return Status::Ok();
  }
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
  Result<RawDict> Dict(const char* what) {
    RawDict d;
    ASSIGN_OR_RETURN(uint64_t count, Get<uint64_t>());
    ASSIGN_OR_RETURN(uint64_t blob_size, Get<uint64_t>());
    RETURN_IF_ERROR(Vec(&d.lens, count, what));
    uint64_t total = 0;
    for (uint32_t len : d.lens) total += len;
    if (total != blob_size) return Bad(what);
    RETURN_IF_ERROR(Fits(blob_size, 1, what));
    d.blob.resize(blob_size);
    RETURN_IF_ERROR(Bytes(d.blob.data(), blob_size));
    return d;
  }

 private:
  ByteSource* src_;
};

// Runs `f` on a new thread when `async`, else when the result is asked for.
template <typename F>
auto Spawn(F f, bool async) -> std::future<decltype(f())> {
  auto shared = std::make_shared<F>(std::move(f));  // not copied, even on fallback
  auto run = [shared]() { return (*shared)(); };
  if (async) {
    try {
      return std::async(std::launch::async, run);
    } catch (const std::system_error&) {
      // No thread available: run it lazily instead.
    }
  }
  return std::async(std::launch::deferred, run);
}

// Checks dictionary codes of valid rows against `dict_size`; NULL rows get -1.
Status CheckCodes(std::vector<int32_t>* codes, const ValidityBitmap& valid, uint64_t dict_size) {
  int32_t* v = codes->data();
  const size_t n = codes->size();
  const std::vector<uint64_t>& words = valid.words();
  const uint64_t limit = std::min<uint64_t>(dict_size, uint64_t{1} << 32);
  bool bad = false;
  for (size_t w = 0; w * 64 < n; ++w) {
    const size_t begin = w * 64, end = std::min(n, begin + 64);
    const uint64_t bits = words[w];
    if (bits == ~uint64_t{0}) {
      for (size_t r = begin; r < end; ++r) bad |= static_cast<uint32_t>(v[r]) >= limit;
    } else {
      for (size_t r = begin; r < end; ++r) {
        if ((bits >> (r - begin)) & 1) {
          bad |= static_cast<uint32_t>(v[r]) >= limit;
        } else {
          v[r] = -1;
        }
      }
    }
  }
  return bad ? Bad("dictionary code") : Status::Ok();
}

// Replaces the codes of valid rows by remap[code] (codes already checked).
void Remap(std::vector<int32_t>* codes, const ValidityBitmap& valid,
           const std::vector<int32_t>& remap) {
  int32_t* v = codes->data();
  for (size_t r = 0; r < codes->size(); ++r) {
    if (v[r] >= 0 && valid.Get(r)) v[r] = remap[static_cast<size_t>(v[r])];
  }
}

}  // namespace

Result<std::shared_ptr<Table>> ReadTable(ByteSource* in, PersonDict* persons) {
  Reader rd(in);
  char magic[8];
  RETURN_IF_ERROR(rd.Bytes(magic, 8));
  if (std::memcmp(magic, format::kMagic, 8) != 0) return Bad("magic");
  ASSIGN_OR_RETURN(uint32_t version, rd.Get<uint32_t>());
  if (version != format::kVersion) {
    return Status::Corruption(
        fmt::format("不支持的表文件版本 / unsupported table file version {}", version));
  }
  ASSIGN_OR_RETURN(uint32_t ncols, rd.Get<uint32_t>());
  ASSIGN_OR_RETURN(uint64_t n, rd.Get<uint64_t>());
  ASSIGN_OR_RETURN(uint32_t nfiles, rd.Get<uint32_t>());
  ASSIGN_OR_RETURN(uint32_t reserved, rd.Get<uint32_t>());
  if (reserved != 0) return Bad("header");
  if (n > static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) return Bad("rows");
  if (nfiles > 65536) return Bad("file count");
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
    if (type > static_cast<uint8_t>(Type::kPersonId)) return Bad("column type");
    spec.type = static_cast<Type>(type);
  }
  auto table = std::make_shared<Table>(std::move(name), std::move(schema));
  table->mutable_files() = std::move(files);
  RETURN_IF_ERROR(rd.Vec(&table->mutable_lines(), n, "row lines"));
  RETURN_IF_ERROR(rd.Vec(&table->mutable_file_index(), n, "file indexes"));
  for (uint16_t f : table->file_index()) {
    if (f >= nfiles) return Bad("file index");
  }

  // Person IDs are interned on a worker while the columns are read; only
  // that worker touches `persons` until it is joined below (the futures
  // join on destruction too, so an early return is safe).
  ASSIGN_OR_RETURN(RawDict person_dict, rd.Dict("person dictionary"));
  const size_t num_persons = person_dict.lens.size();
  std::future<std::vector<int32_t>> remap_task = Spawn(
      [persons, d = std::move(person_dict)]() {
        std::vector<int32_t> remap;
        remap.reserve(d.lens.size());
        persons->Reserve(persons->size() + d.lens.size());
        (void)d.ForEach([&](size_t, std::string_view id) {
          remap.push_back(persons->Intern(id));
          return Status::Ok();
        });
        return remap;
      },
      num_persons >= kAsyncDictMin);
  std::vector<std::pair<size_t, std::future<Result<std::shared_ptr<StringDict>>>>> dict_tasks;
  std::vector<size_t> person_columns;

  const size_t nwords = (n + 63) / 64;
  for (uint32_t c = 0; c < ncols; ++c) {
    Column& col = table->mutable_column(c);
    ValidityBitmap& valid = col.mutable_validity();
    RETURN_IF_ERROR(rd.Vec(&valid.mutable_words(), nwords, "validity bitmap"));
    if (n & 63) valid.mutable_words().back() &= (uint64_t{1} << (n & 63)) - 1;
    valid.SetSizeUnsafe(n);
    switch (col.type()) {
      case Type::kString: {
        ASSIGN_OR_RETURN(RawDict d, rd.Dict("string dictionary"));
        const size_t count = d.lens.size();
        auto build = [d = std::move(d)]() -> Result<std::shared_ptr<StringDict>> {
          auto dict = std::make_shared<StringDict>();
          RETURN_IF_ERROR(d.ForEach([&](size_t i, std::string_view s) {
            if (static_cast<size_t>(dict->Intern(s)) != i) return Bad("string dictionary");
            return Status::Ok();
          }));
          return dict;
        };
        dict_tasks.emplace_back(c, Spawn(std::move(build), count >= kAsyncDictMin));
        RETURN_IF_ERROR(rd.Vec(&col.mutable_i32(), n, "string codes"));
        RETURN_IF_ERROR(CheckCodes(&col.mutable_i32(), valid, count));
        break;
      }
      case Type::kPersonId:
        RETURN_IF_ERROR(rd.Vec(&col.mutable_i32(), n, "person codes"));
        RETURN_IF_ERROR(CheckCodes(&col.mutable_i32(), valid, num_persons));
        person_columns.push_back(c);
        break;
      case Type::kInt64:
      case Type::kTimestamp:
        RETURN_IF_ERROR(rd.Vec(&col.mutable_i64(), n, "values"));
        break;
      case Type::kDouble:
        RETURN_IF_ERROR(rd.Vec(&col.mutable_f64(), n, "values"));
        break;
      case Type::kBool:
      case Type::kDate:
        RETURN_IF_ERROR(rd.Vec(&col.mutable_i32(), n, "values"));
        break;
    }
  }
  RETURN_IF_ERROR(rd.Bytes(magic, 8));
  if (std::memcmp(magic, format::kEndMagic, 8) != 0) return Bad("end marker");
  ASSIGN_OR_RETURN(uint64_t end_rows, rd.Get<uint64_t>());
  if (end_rows != n) return Bad("end marker");

  for (auto& [c, task] : dict_tasks) {
    ASSIGN_OR_RETURN(std::shared_ptr<StringDict> dict, task.get());
    table->mutable_column(c).set_dict(std::move(dict));
  }
  std::vector<int32_t> remap = remap_task.get();
  for (size_t c : person_columns) {
    Column& col = table->mutable_column(c);
    Remap(&col.mutable_i32(), col.validity(), remap);
  }
  return table;
}

}  // namespace tutela::storage
