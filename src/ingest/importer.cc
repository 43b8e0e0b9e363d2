// Importer: reads CSV/JSONL files of one table into a Table and a reject log.
#include "ingest/importer.h"

#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "common/text.h"
#include "ingest/csv_reader.h"
#include "ingest/jsonl_reader.h"
#include "ingest/row_builder.h"

namespace tutela::ingest {

namespace {

constexpr int64_t kProgressEvery = 1 << 16;

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool EndsWithCi(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && AsciiLower(s.substr(s.size() - suffix.size())) == suffix;
}

// Reads a whole file into one string, sized once (files can be gigabytes).
Result<std::string> ReadWholeFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr)
    return Status::NotFound(fmt::format("{}: 无法打开文件 / cannot open file", path));
  std::string data;
  bool ok = std::fseek(f, 0, SEEK_END) == 0;
  const long size = ok ? std::ftell(f) : -1;
  ok = ok && size >= 0 && std::fseek(f, 0, SEEK_SET) == 0;
  if (ok) {
    data.resize(static_cast<size_t>(size));
    ok = std::fread(data.data(), 1, data.size(), f) == data.size();
    // Whatever a growing file gained since ftell is read too.
    char buf[65536];
    size_t n;
    while (ok && (n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
    ok = ok && !std::ferror(f);
  }
  std::fclose(f);
  if (!ok) return Status::IoError(fmt::format("{}: 读取失败 / read failed", path));
  return data;
}

// Copies a table, giving every string column its own dictionary, so that
// appending never mutates a dictionary another reader may share.
std::shared_ptr<Table> DeepCopy(const Table& base) {
  auto t = std::make_shared<Table>(base);
  for (size_t i = 0; i < t->num_columns(); ++i) {
    Column& c = t->mutable_column(i);
    if (c.type() == Type::kString) c.set_dict(std::make_shared<StringDict>(c.dict()));
  }
  return t;
}

class FileImporter {
 public:
  FileImporter(const TableDef& def, RowBuilder* builder, Table* table, ImportResult* result,
               const ImportOptions& options)
      : def_(def), builder_(builder), table_(table), result_(result), options_(options) {}

  Status ImportCsv(const std::string& base, std::string_view text, FileImportStats* stats);
  Status ImportJsonl(const std::string& base, std::string_view text, FileImportStats* stats);

 private:
  void Account(RowBuilder::Outcome outcome, bool warned, FileImportStats* stats);
  void MaybeProgress(const std::string& base, const FileImportStats& stats) {
    if (options_.progress && stats.rows_read % kProgressEvery == 0) {
      options_.progress(base, stats.rows_read);
    }
  }
  // Resolves a header cell or JSON key to a canonical or extra column. An
  // unknown name is kept as an extra text column named by its NFKC-trimmed
  // text ("_unnamed" when empty); a second unknown cell of the same file with
  // the same name gets "_2", "_3", ... appended so that no value is lost, and
  // so does a name of a hidden column (_linked, _line, _file, _row).
  CellTarget Resolve(const std::string& header, FileImportStats* stats);

  const TableDef& def_;
  RowBuilder* builder_;
  Table* table_;
  ImportResult* result_;
  const ImportOptions& options_;
  // Extra column names used by this file, and the hidden columns' names.
  std::unordered_set<std::string> extra_names_{"_linked", "_line", "_file", "_row"};
};

CellTarget FileImporter::Resolve(const std::string& header, FileImportStats* stats) {
  CellTarget t;
  t.canonical = MatchHeader(def_, header);
  if (t.canonical < 0) {
    std::string base = NormalizeHeader(header);
    if (base.empty()) base = "_unnamed";
    std::string name = base;
    for (int n = 2; !extra_names_.insert(name).second; ++n) name = fmt::format("{}_{}", base, n);
    t.extra_table_column = builder_->ExtraColumn(name);
    if (stats) stats->unknown_columns.push_back(name);
  }
  return t;
}

void FileImporter::Account(RowBuilder::Outcome outcome, bool warned, FileImportStats* stats) {
  switch (outcome) {
    case RowBuilder::Outcome::kAccepted:
      ++stats->rows_accepted;
      if (warned) ++stats->rows_warned;
      break;
    case RowBuilder::Outcome::kRejected:
      ++stats->rows_rejected;
      break;
    case RowBuilder::Outcome::kDuplicateKey:
      ++stats->rows_duplicate_key;
      break;
  }
}

Status FileImporter::ImportCsv(const std::string& base, std::string_view text,
                               FileImportStats* stats) {
  CsvReader reader(text);
  CsvRecord rec;
  if (!reader.Next(&rec)) return Status::Ok();  // empty file: empty table
  if (!rec.error.empty()) {
    return Status::InvalidInput(
        fmt::format("{}:{}:1: 表头无法解析 / malformed header: {}", base, rec.line, rec.error));
  }
  std::vector<CellTarget> targets;
  std::vector<int> seen(def_.columns.size(), 0);
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    CellTarget t = Resolve(std::string(rec.fields[i]), stats);
    if (t.canonical >= 0 && seen[static_cast<size_t>(t.canonical)]++) {
      return Status::InvalidInput(
          fmt::format("{}:{}:{}: 列 {} 在表头中出现两次 / column {} appears twice in the header",
                      base, rec.line, i + 1, def_.columns[static_cast<size_t>(t.canonical)].name,
                      def_.columns[static_cast<size_t>(t.canonical)].name));
    }
    targets.push_back(t);
  }
  const size_t width = targets.size();
  uint16_t file_index = table_->AddFile(base);
  while (reader.Next(&rec)) {
    ++stats->rows_read;
    MaybeProgress(base, *stats);
    if (!rec.error.empty()) {
      result_->rejects.push_back({base, rec.line, std::nullopt, RejectKind::kReject,
                                  "CSV 格式错误 / malformed CSV: " + rec.error});
      ++stats->rows_rejected;
      continue;
    }
    if (rec.fields.size() != width) {
      result_->rejects.push_back(
          {base, rec.line, std::nullopt, RejectKind::kReject,
           fmt::format("字段数不符 / wrong number of fields: expected {}, found {}", width,
                       rec.fields.size())});
      ++stats->rows_rejected;
      continue;
    }
    builder_->Begin(rec.line);
    for (size_t i = 0; i < width; ++i) builder_->SetCell(targets[i], rec.fields[i]);
    bool warned = false;
    RowBuilder::Outcome outcome = builder_->Finish(base, file_index, &result_->rejects, &warned);
    Account(outcome, warned, stats);
  }
  return Status::Ok();
}

Status FileImporter::ImportJsonl(const std::string& base, std::string_view text,
                                 FileImportStats* stats) {
  JsonlReader reader(text);
  JsonlRecord rec;
  uint16_t file_index = table_->AddFile(base);
  std::unordered_map<std::string, CellTarget> key_cache;
  std::vector<int> seen(def_.columns.size(), 0);
  while (reader.Next(&rec)) {
    ++stats->rows_read;
    MaybeProgress(base, *stats);
    if (!rec.error.empty()) {
      result_->rejects.push_back({base, rec.line, std::nullopt, RejectKind::kReject,
                                  "JSON 格式错误 / malformed JSON: " + rec.error});
      ++stats->rows_rejected;
      continue;
    }
    builder_->Begin(rec.line);
    std::fill(seen.begin(), seen.end(), 0);
    for (const JsonField& f : rec.fields) {
      auto it = key_cache.find(f.key);
      if (it == key_cache.end()) it = key_cache.emplace(f.key, Resolve(f.key, stats)).first;
      const CellTarget& t = it->second;
      if (t.canonical >= 0 && seen[static_cast<size_t>(t.canonical)]++) {
        builder_->SetDuplicate(t.canonical);
        continue;
      }
      if (f.unsupported) {
        builder_->SetUnsupported(t);
      } else if (f.text.has_value()) {
        builder_->SetCell(t, *f.text);
      }
    }
    bool warned = false;
    RowBuilder::Outcome outcome = builder_->Finish(base, file_index, &result_->rejects, &warned);
    Account(outcome, warned, stats);
  }
  return Status::Ok();
}

Status ImportOne(const TableDef& def, const std::string& path, const std::string& base,
                 std::string raw, RowBuilder* builder, Table* table, const ImportOptions& options,
                 ImportResult* result) {
  FileImportStats stats;
  stats.path = path;
  stats.base_name = base;
  stats.bytes = static_cast<int64_t>(raw.size());
  bool jsonl = EndsWithCi(base, ".jsonl") || EndsWithCi(base, ".json");
  if (!jsonl && !EndsWithCi(base, ".csv")) {
    return Status::InvalidInput(
        fmt::format("{}: 不支持的文件类型，应为 .csv 或 .jsonl / unsupported file type, expected "
                    ".csv or .jsonl",
                    base));
  }
  stats.format = jsonl ? "jsonl" : "csv";
  ASSIGN_OR_RETURN(DecodedText decoded, DecodeOwnedToUtf8(std::move(raw), options.encoding, base));
  stats.encoding = EncodingName(decoded.detected);
  FileImporter fi(def, builder, table, result, options);
  if (jsonl) {
    RETURN_IF_ERROR(fi.ImportJsonl(base, decoded.text, &stats));
  } else {
    RETURN_IF_ERROR(fi.ImportCsv(base, decoded.text, &stats));
  }
  if (options.progress) options.progress(base, stats.rows_read);
  result->files.push_back(std::move(stats));
  return Status::Ok();
}

}  // namespace

std::string RejectEntryToJson(const RejectEntry& e) {
  nlohmann::ordered_json j;
  j["file"] = e.file;
  j["line"] = e.line;
  j["column"] = e.column.has_value() ? nlohmann::ordered_json(*e.column) : nullptr;
  j["kind"] = e.kind == RejectKind::kReject ? "reject" : "warning";
  j["reason"] = e.reason;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Result<ImportResult> ImportFiles(const TableDef& def, const std::vector<std::string>& paths,
                                 PersonDict* persons, const ImportOptions& options,
                                 std::shared_ptr<const Table> base) {
  ImportResult result;
  result.table =
      base ? DeepCopy(*base) : std::make_shared<Table>(def.name, std::vector<ColumnSpec>{});
  RowBuilder builder(def, result.table.get(), persons);
  if (base) builder.SeedUniqueKeys(*base);
  for (const std::string& path : paths) {
    ASSIGN_OR_RETURN(std::string raw, ReadWholeFile(path));
    RETURN_IF_ERROR(ImportOne(def, path, BaseName(path), std::move(raw), &builder,
                              result.table.get(), options, &result));
  }
  return result;
}

Result<ImportResult> ImportText(const TableDef& def, const std::string& name,
                                std::string_view raw_bytes, PersonDict* persons,
                                const ImportOptions& options) {
  ImportResult result;
  result.table = std::make_shared<Table>(def.name, std::vector<ColumnSpec>{});
  RowBuilder builder(def, result.table.get(), persons);
  RETURN_IF_ERROR(ImportOne(def, name, name, std::string(raw_bytes), &builder, result.table.get(),
                            options, &result));
  return result;
}

}  // namespace tutela::ingest
