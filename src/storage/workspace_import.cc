// Workspace::Import (ImportFiles + commit) and Workspace::LoadCatalog.
#include <fmt/format.h>

#include <filesystem>
#include <set>

#include "storage/workspace.h"

namespace tutela::storage {
namespace {

std::string AbsolutePath(const std::string& path) {
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
}

SourceInfo MakeSource(const ingest::FileImportStats& stats, const std::string& sha256,
                      const std::string& now) {
  SourceInfo s;
  s.path = AbsolutePath(stats.path);
  s.name = stats.base_name;
  s.sha256 = sha256;
  s.bytes = stats.bytes;
  s.encoding = stats.encoding;
  s.format = stats.format;
  s.rows_read = stats.rows_read;
  s.rows_accepted = stats.rows_accepted;
  s.rows_rejected = stats.rows_rejected;
  s.rows_warned = stats.rows_warned;
  s.rows_duplicate_key = stats.rows_duplicate_key;
  s.imported_at = now;
  return s;
}

}  // namespace

Result<ImportSummary> Workspace::Import(const std::string& table,
                                        const std::vector<std::string>& files, bool append,
                                        const ingest::ImportOptions& options) {
  const ingest::TableDef* def = ingest::FindTable(table);
  if (def == nullptr) {
    return Status::NotFound(fmt::format("未知的表 / unknown table: {}", table));
  }
  if (files.empty()) {
    return Status::InvalidInput("没有指定要导入的文件 / no files to import");
  }
  // Hash the sources first: they decide whether anything changes.
  std::vector<std::string> hashes;
  for (const std::string& path : files) {
    ASSIGN_OR_RETURN(FileInfo info, env_->Stat(path));
    if (!info.exists || !info.is_regular) {
      return Status::NotFound(fmt::format("找不到文件 / no such file: {}", path));
    }
    ASSIGN_OR_RETURN(std::string sha, Sha256OfFile(env_, path));
    hashes.push_back(std::move(sha));
  }
  // The import itself runs without the lock (it may take a while); the
  // commit takes it and starts over if another process changed the table
  // meanwhile.
  for (int attempt = 0; attempt < 5; ++attempt) {
    Manifest planned;
    {
      ASSIGN_OR_RETURN(std::unique_ptr<FileLock> shared, Lock(/*exclusive=*/false));
      ASSIGN_OR_RETURN(planned, store_->ReadManifest());
    }
    ImportSummary summary;
    summary.table = table;
    summary.append = append;
    auto current = planned.tables.find(table);
    const TableInfo* cur = current == planned.tables.end() ? nullptr : &current->second;
    std::set<std::string> existing;
    if (cur != nullptr) {
      for (const SourceInfo& src : cur->sources) existing.insert(src.sha256);
      summary.rows_before = cur->rows;
    }
    summary.rows_after = summary.rows_before;

    // The files to import: repeated files (same SHA-256) count once, and in
    // append mode files already imported are skipped.
    std::vector<std::string> paths, path_hashes;
    std::set<std::string> taken;
    for (size_t i = 0; i < files.size(); ++i) {
      bool skip = !taken.insert(hashes[i]).second || (append && existing.count(hashes[i]) > 0);
      if (skip) {
        summary.skipped_files.push_back(files[i]);
        summary.notices.push_back(fmt::format(
            "已导入过相同内容的文件，跳过 / skipped, a file with the same content was already "
            "imported: {}",
            files[i]));
      } else {
        paths.push_back(files[i]);
        path_hashes.push_back(hashes[i]);
      }
    }
    bool unchanged = append ? paths.empty() : (cur != nullptr && taken == existing);
    if (unchanged) {
      summary.notices.push_back(fmt::format(
          "表 {0} 的内容没有变化，未写入 / table {0} is unchanged: the same files were already "
          "imported; nothing written",
          table));
      return summary;
    }

    PersonDict persons;
    std::shared_ptr<const Table> base;
    if (append && cur != nullptr) {
      ASSIGN_OR_RETURN(std::unique_ptr<FileLock> shared, Lock(/*exclusive=*/false));
      ASSIGN_OR_RETURN(Manifest again, store_->ReadManifest());
      auto it = again.tables.find(table);
      if (it == again.tables.end() || it->second.generation != cur->generation) continue;
      ASSIGN_OR_RETURN(std::shared_ptr<Table> loaded, store_->LoadTable(it->second, &persons));
      base = std::move(loaded);
    }
    ASSIGN_OR_RETURN(ingest::ImportResult result,
                     ingest::ImportFiles(*def, paths, &persons, options, base));
    if (result.table == nullptr || result.files.size() != paths.size()) {
      return Status::Internal("ImportFiles returned an incomplete result");
    }
    TableUpdate update;
    update.table = result.table;
    update.persons = &persons;
    if (append && cur != nullptr) update.sources = cur->sources;
    std::string now = UtcNowIso8601();
    for (size_t i = 0; i < paths.size(); ++i) {
      update.sources.push_back(MakeSource(result.files[i], path_hashes[i], now));
    }

    ASSIGN_OR_RETURN(std::unique_ptr<FileLock> lock, Lock(/*exclusive=*/true));
    ASSIGN_OR_RETURN(Manifest m, store_->ReadManifest());
    auto now_cur = m.tables.find(table);
    bool same = now_cur == m.tables.end()
                    ? cur == nullptr
                    : cur != nullptr && now_cur->second.generation == cur->generation;
    if (!same) continue;
    ASSIGN_OR_RETURN(Manifest next, store_->Commit(m, {update}));
    (void)next;
    summary.changed = true;
    summary.rows_after = static_cast<int64_t>(result.table->num_rows());
    summary.files = std::move(result.files);
    summary.rejects = std::move(result.rejects);
    return summary;
  }
  return Status::IoError(fmt::format(
      "表 {0} 正被其他进程同时修改，请重试 / table {0} keeps being changed by another process; "
      "try again",
      table));
}

Result<std::map<std::string, ingest::LinkStats>> Workspace::LoadCatalog(Catalog* catalog) const {
  {
    ASSIGN_OR_RETURN(std::unique_ptr<FileLock> lock, Lock(/*exclusive=*/false));
    ASSIGN_OR_RETURN(Manifest m, store_->ReadManifest());
    for (const auto& [name, info] : m.tables) {
      ASSIGN_OR_RETURN(std::shared_ptr<Table> table, store_->LoadTable(info, &catalog->persons()));
      catalog->PutTable(std::move(table));
    }
  }
  RETURN_IF_ERROR(ingest::AddReferenceTables(catalog));
  return ingest::FinalizeCatalog(catalog);
}

}  // namespace tutela::storage
