// Catalog building: data directories, reference tables, identity finalisation.
#include "ingest/catalog_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "common/refdata_blobs.h"
#include "common/text.h"
#include "identity/name.h"
#include "identity/regions.h"
#include "ingest/csv_reader.h"

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
  // Name+birth index over persons: value -1 marks an ambiguous key.
  std::map<std::pair<std::string, Days>, int32_t> by_name_birth;
  if (const Table* persons = catalog->GetTable("persons")) {
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
    const Column& names = persons->column(static_cast<size_t>(name_col));
    std::vector<bool> applied(dict.size(), false);
    for (size_t r = 0; r < persons->num_rows(); ++r) {
      if (ids.IsNull(r)) continue;
      int32_t code = ids.GetI32(r);
      if (static_cast<size_t>(code) < applied.size() && applied[static_cast<size_t>(code)])
        continue;
      if (static_cast<size_t>(code) >= applied.size())
        applied.resize(static_cast<size_t>(code) + 1);
      applied[static_cast<size_t>(code)] = true;
      std::optional<Days> birth;
      if (!births.IsNull(r)) birth = births.GetI32(r);
      char sex = sexes.IsNull(r) ? 0 : sexes.GetString(r)[0];
      dict.SetRegistry(code, birth, sex);
    }
    for (size_t r = 0; r < persons->num_rows(); ++r) {
      if (ids.IsNull(r) || names.IsNull(r)) continue;
      int32_t code = ids.GetI32(r);
      Days birth = dict.Info(code).birth;
      if (birth == kNoDate) continue;
      std::string n = NormalizeName(names.GetString(r));
      if (n.empty()) continue;
      auto key = std::make_pair(std::move(n), birth);
      auto it = by_name_birth.find(key);
      if (it == by_name_birth.end()) {
        by_name_birth.emplace(std::move(key), code);
      } else if (it->second != code) {
        it->second = -1;
      }
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
    const Column& names = table->column(static_cast<size_t>(name_col));
    const Column& births = table->column(static_cast<size_t>(birth_col));
    for (size_t r = 0; r < table->num_rows(); ++r) {
      // Undo an earlier link so the pass is recomputed from the source values.
      if (!linked.IsNull(r) && linked.GetI32(r) == 1) ids.mutable_validity().Set(r, false);
      linked.mutable_validity().Set(r, true);
      linked.mutable_i32()[r] = 0;
      if (!ids.IsNull(r)) {
        ++stats.by_id;
        continue;
      }
      if (names.IsNull(r) || births.IsNull(r)) {
        ++stats.unlinked;
        continue;
      }
      auto it = by_name_birth.find({NormalizeName(names.GetString(r)), births.GetI32(r)});
      if (it == by_name_birth.end()) {
        ++stats.unlinked;
      } else if (it->second < 0) {
        ++stats.ambiguous;
      } else {
        ids.mutable_validity().Set(r, true);
        ids.mutable_i32()[r] = it->second;
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
  for (auto& [name, files] : files_by_table) {
    // .csv before .jsonl for a table given in both forms.
    std::stable_sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
      return AsciiLower(fs::path(a).extension().string()) == ".csv" &&
             AsciiLower(fs::path(b).extension().string()) != ".csv";
    });
    ASSIGN_OR_RETURN(ImportResult r,
                     ImportFiles(*FindTable(name), files, &catalog->persons(), options));
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
