// Catalog building: data directories, reference tables, identity finalisation.
#include "ingest/catalog_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <filesystem>
#include <map>

#include "common/parallel.h"
#include "common/refdata_blobs.h"
#include "common/text.h"
#include "identity/name.h"
#include "identity/regions.h"
#include "ingest/csv_reader.h"
#include "ingest/table_loader.h"

namespace tutela::ingest {

namespace fs = std::filesystem;

namespace {

// Builds an all-text table from embedded CSV bytes; `types` overrides
// column types by name (kInt64 only).
Result<std::shared_ptr<Table>> TableFromCsv(const std::string& name, std::string_view text,
                                            const std::map<std::string, Type>& types) {
  CsvReader reader(text);
  CsvRecord rec;
  if (!reader.Next(&rec)) return Status::Internal("empty reference table " + name);
  std::vector<ColumnSpec> schema;
  for (std::string_view h : rec.fields) {
    std::string col(Trim(h));
    auto it = types.find(col);
    schema.push_back({col, it == types.end() ? Type::kString : it->second});
  }
  auto table = std::make_shared<Table>(name, schema);
  uint16_t file = table->AddFile(name + ".csv");
  while (reader.Next(&rec)) {
    if (rec.fields.size() != schema.size() || !rec.error.empty()) {
      return Status::Internal(fmt::format("bad reference row {}:{}", name, rec.line));
    }
    for (size_t i = 0; i < schema.size(); ++i) {
      std::string_view v = Trim(rec.fields[i]);
      Column& c = table->mutable_column(i);
      if (schema[i].type == Type::kInt64) {
        c.AppendInt(std::stoll(std::string(v)));
      } else {
        c.AppendString(v);
      }
    }
    table->FinishRow(file, rec.line);
  }
  return table;
}

// (normalised name id, birth date) -> person code, -1 for an ambiguous key:
// open addressing over a flat array sized once.
class NameBirthIndex {
 public:
  explicit NameBirthIndex(size_t expected) {
    size_t capacity = 16;
    while (capacity < 2 * expected) capacity *= 2;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
  }
  static uint64_t Key(int32_t name_id, Days birth) {
    return static_cast<uint64_t>(static_cast<uint32_t>(name_id)) << 32 |
           static_cast<uint32_t>(birth);
  }
  // Adds (key, code); a key already held by another code becomes ambiguous.
  void Add(uint64_t key, int32_t code) {
    Slot& s = slots_[Find(key)];
    if (s.value == kEmpty) {
      s = Slot{key, code};
      if (2 * ++size_ > slots_.size()) Grow();
    } else if (s.value != code) {
      s.value = -1;
    }
  }
  // The code for `key`: -1 when ambiguous, kEmpty when absent.
  int32_t Get(uint64_t key) const { return slots_[Find(key)].value; }
  static constexpr int32_t kEmpty = INT32_MIN;

 private:
  struct Slot {
    uint64_t key = 0;
    int32_t value = kEmpty;
  };
  size_t Find(uint64_t key) const {
    size_t i = static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20) & mask_;
    while (slots_[i].value != kEmpty && slots_[i].key != key) i = (i + 1) & mask_;
    return i;
  }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& o : old) {
      if (o.value != kEmpty) slots_[Find(o.key)] = o;
    }
  }
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

// Normalised name (NormalizeName) of each needed code of `dict`, computed in
// parallel and interned into `names` in code order; -1 for a name that
// normalises to the empty string or is not needed.
std::vector<int32_t> NormalizedNameIds(const StringDict& dict, const std::vector<char>& needed,
                                       StringDict* names) {
  std::vector<std::string> normalized(dict.size());
  const auto ranges = SplitRange(dict.size(), static_cast<size_t>(DefaultThreads()) * 4, 4096);
  (void)ParallelFor(ranges.size(), DefaultThreads(), [&](size_t t) {
    for (size_t c = ranges[t].first; c < ranges[t].second; ++c) {
      if (needed[c]) normalized[c] = NormalizeName(dict.Get(static_cast<int32_t>(c)));
    }
    return Status::Ok();
  });
  std::vector<int32_t> ids(dict.size(), -1);
  for (size_t c = 0; c < dict.size(); ++c) {
    if (needed[c] && !normalized[c].empty()) ids[c] = names->Intern(normalized[c]);
  }
  return ids;
}

}  // namespace

Status AddReferenceTables(Catalog* catalog) {
  ASSIGN_OR_RETURN(auto charges,
                   TableFromCsv("charges", refdata::kChargesCsv, {{"chapter", Type::kInt64}}));
  catalog->PutTable(charges);
  ASSIGN_OR_RETURN(auto icd, TableFromCsv("icd10_minor_harm", refdata::kIcd10Csv, {}));
  catalog->PutTable(icd);
  auto regions =
      std::make_shared<Table>("regions", std::vector<ColumnSpec>{{"code", Type::kString},
                                                                 {"name", Type::kString},
                                                                 {"level", Type::kString},
                                                                 {"parent", Type::kString}});
  uint16_t file = regions->AddFile("regions.csv");
  int32_t line = 1;
  for (const RegionEntry& e : Regions::Get().entries()) {
    regions->mutable_column(0).AppendString(e.code);
    regions->mutable_column(1).AppendString(e.name);
    regions->mutable_column(2).AppendString(e.level);
    if (e.parent.empty()) {
      regions->mutable_column(3).AppendNull();
    } else {
      regions->mutable_column(3).AppendString(e.parent);
    }
    regions->FinishRow(file, ++line);
  }
  catalog->PutTable(regions);
  return Status::Ok();
}

Result<std::map<std::string, LinkStats>> FinalizeCatalog(Catalog* catalog) {
  PersonDict& dict = catalog->persons();
  dict.ClearRegistry();
  // Normalised names, interned; the name+birth index maps (name id, birth)
  // to a person code, -1 marking an ambiguous key.
  StringDict names;
  const Table* persons = catalog->GetTable("persons");
  NameBirthIndex by_name_birth(persons ? persons->num_rows() : 0);
  if (persons != nullptr) {
    int id_col = persons->ColumnIndex("person_id");
    int birth_col = persons->ColumnIndex("birth_date");
    int sex_col = persons->ColumnIndex("sex");
    int name_col = persons->ColumnIndex("name");
    if (id_col < 0 || birth_col < 0 || sex_col < 0 || name_col < 0) {
      return Status::Internal("persons table lacks canonical columns");
    }
    const Column& ids = persons->column(static_cast<size_t>(id_col));
    const Column& births = persons->column(static_cast<size_t>(birth_col));
    const Column& sexes = persons->column(static_cast<size_t>(sex_col));
    const Column& name_values = persons->column(static_cast<size_t>(name_col));
    const size_t nrows = persons->num_rows();
    std::vector<bool> applied(dict.size(), false);
    // Per row: the person's effective birth date once the registry is
    // applied (the first row per ID wins), kNoDate when not indexed.
    std::vector<Days> row_birth(nrows, kNoDate);
    std::vector<char> needed(name_values.dict().size(), 0);
    for (size_t r = 0; r < nrows; ++r) {
      if (ids.IsNull(r)) continue;
      int32_t code = ids.GetI32(r);
      if (static_cast<size_t>(code) >= applied.size())
        applied.resize(static_cast<size_t>(code) + 1);
      if (!applied[static_cast<size_t>(code)]) {
        applied[static_cast<size_t>(code)] = true;
        std::optional<Days> birth;
        if (!births.IsNull(r)) birth = births.GetI32(r);
        char sex = sexes.IsNull(r) ? 0 : sexes.GetString(r)[0];
        dict.SetRegistry(code, birth, sex);
      }
      if (name_values.IsNull(r)) continue;
      row_birth[r] = dict.Info(code).birth;
      if (row_birth[r] != kNoDate) needed[static_cast<size_t>(name_values.GetI32(r))] = 1;
    }
    // Normalise each name of the index once (OpenCC is slow), in parallel.
    std::vector<int32_t> name_ids = NormalizedNameIds(name_values.dict(), needed, &names);
    for (size_t r = 0; r < nrows; ++r) {
      if (row_birth[r] == kNoDate) continue;
      const int32_t name_id = name_ids[static_cast<size_t>(name_values.GetI32(r))];
      if (name_id < 0) continue;  // normalises to nothing
      by_name_birth.Add(NameBirthIndex::Key(name_id, row_birth[r]), ids.GetI32(r));
    }
  }

  std::map<std::string, LinkStats> all;
  for (const TableDef& def : AllTables()) {
    if (def.link_id.empty()) continue;
    std::shared_ptr<Table> table = catalog->GetSharedTable(def.name);
    if (!table) continue;
    LinkStats& stats = all[def.name];
    int id_col = table->ColumnIndex(def.link_id);
    int name_col = table->ColumnIndex(def.link_name);
    int birth_col = table->ColumnIndex(def.link_birth);
    if (id_col < 0 || name_col < 0 || birth_col < 0) continue;
    int linked_col = table->ColumnIndex("_linked");
    if (linked_col < 0) linked_col = static_cast<int>(table->AddColumn({"_linked", Type::kBool}));
    if (table->schema()[static_cast<size_t>(linked_col)].type != Type::kBool) {
      return Status::Internal(def.name + ": column _linked is not the hidden bool column");
    }
    Column& ids = table->mutable_column(static_cast<size_t>(id_col));
    Column& linked = table->mutable_column(static_cast<size_t>(linked_col));
    const Column& name_values = table->column(static_cast<size_t>(name_col));
    const Column& births = table->column(static_cast<size_t>(birth_col));
    // Normalised name id per name code, computed on first use (-2: not yet).
    std::vector<int32_t> name_ids(
        name_values.type() == Type::kString ? name_values.dict().size() : 0, -2);
    for (size_t r = 0; r < table->num_rows(); ++r) {
      // Undo an earlier link so the pass is recomputed from the source values.
      if (!linked.IsNull(r) && linked.GetI32(r) == 1) ids.mutable_validity().Set(r, false);
      linked.mutable_validity().Set(r, true);
      linked.mutable_i32()[r] = 0;
      if (!ids.IsNull(r)) {
        ++stats.by_id;
        continue;
      }
      if (name_values.IsNull(r) || births.IsNull(r)) {
        ++stats.unlinked;
        continue;
      }
      int32_t& name_id = name_ids[static_cast<size_t>(name_values.GetI32(r))];
      if (name_id == -2) name_id = names.Find(NormalizeName(name_values.GetString(r)));
      const int32_t code = name_id < 0
                               ? NameBirthIndex::kEmpty
                               : by_name_birth.Get(NameBirthIndex::Key(name_id, births.GetI32(r)));
      if (code == NameBirthIndex::kEmpty) {
        ++stats.unlinked;
      } else if (code < 0) {
        ++stats.ambiguous;
      } else {
        ids.mutable_validity().Set(r, true);
        ids.mutable_i32()[r] = code;
        linked.mutable_i32()[r] = 1;
        ++stats.linked;
      }
    }
  }
  return all;
}

Result<DataDirLoad> LoadDataDir(const std::string& dir, const ImportOptions& options,
                                Catalog* catalog) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::NotFound(fmt::format("{}: 数据目录不存在 / data directory not found", dir));
  }
  std::map<std::string, std::vector<std::string>> files_by_table;
  DataDirLoad load;
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(dir, ec)) entries.push_back(e.path());
  if (ec) return Status::IoError(fmt::format("{}: {}", dir, ec.message()));
  std::sort(entries.begin(), entries.end());
  for (const fs::path& p : entries) {
    std::string ext = AsciiLower(p.extension().string());
    std::string stem = p.stem().string();
    if (fs::is_regular_file(p, ec) && (ext == ".csv" || ext == ".jsonl") && FindTable(stem)) {
      files_by_table[stem].push_back(p.string());
    } else {
      load.skipped_files.push_back(p.filename().string());
    }
  }
  std::vector<TableJob> jobs;
  for (auto& [name, files] : files_by_table) {
    // .csv before .jsonl for a table given in both forms.
    std::stable_sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
      return AsciiLower(fs::path(a).extension().string()) == ".csv" &&
             AsciiLower(fs::path(b).extension().string()) != ".csv";
    });
    TableJob job;
    job.def = FindTable(name);
    job.paths = files;
    jobs.push_back(std::move(job));
  }
  ASSIGN_OR_RETURN(std::vector<ImportResult> results,
                   LoadTables(jobs, &catalog->persons(), options));
  for (ImportResult& r : results) {
    catalog->PutTable(r.table);
    load.rejects.insert(load.rejects.end(), r.rejects.begin(), r.rejects.end());
    r.table.reset();
    load.imports.push_back(std::move(r));
  }
  RETURN_IF_ERROR(AddReferenceTables(catalog));
  ASSIGN_OR_RETURN(load.links, FinalizeCatalog(catalog));
  return load;
}

}  // namespace tutela::ingest
