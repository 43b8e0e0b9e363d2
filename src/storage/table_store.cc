// TableStore: sealed table files + manifest commit protocol.
#include "storage/table_store.h"

#include <fmt/format.h>

#include <set>

#include "storage/sealed_file.h"
#include "storage/table_format.h"

namespace tutela::storage {

TableStore::TableStore(Env* env, std::string dir, std::string workspace_id, const SecretKey& master)
    : env_(env),
      dir_(std::move(dir)),
      id_(std::move(workspace_id)),
      manifest_key_(DeriveSubkey(master, KeyPurpose::kManifest)),
      tables_key_(DeriveSubkey(master, KeyPurpose::kTables)) {}

Status TableStore::CheckTableName(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 64;
  for (char c : name) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (!ok) {
    return Status::InvalidInput(fmt::format(
        "表名只能包含小写字母、数字和下划线 / invalid table name (use a-z, 0-9, _): {}", name));
  }
  return Status::Ok();
}

Status TableStore::CreateEmpty() {
  RETURN_IF_ERROR(env_->CreateDir(Path(kTablesDir), 0700));
  Manifest m;
  m.workspace_id = id_;
  ASSIGN_OR_RETURN(std::string text, EncodeManifest(m));
  RETURN_IF_ERROR(WriteSealedFileAtomically(env_, Path(kManifestFile), text, manifest_key_,
                                            Context(kManifestFile)));
  return env_->SyncDir(dir_);
}

Result<Manifest> TableStore::ReadManifest() const {
  Result<std::string> text =
      ReadSealedFile(env_, Path(kManifestFile), manifest_key_, Context(kManifestFile), "MANIFEST");
  if (!text.ok()) {
    if (text.status().code() == StatusCode::kNotFound) {
      return Status::Corruption(fmt::format(
          "工作区清单缺失 / the workspace manifest is missing: {}", Path(kManifestFile)));
    }
    if (text.status().code() == StatusCode::kCorruption) {
      return Status::Corruption(fmt::format(
          "工作区清单校验失败，可能已被篡改或损坏，拒绝加载 / the workspace manifest failed "
          "authentication (tampered with or corrupted); refusing to load it: {}",
          Path(kManifestFile)));
    }
    return text.status();
  }
  ASSIGN_OR_RETURN(Manifest m, DecodeManifest(*text));
  if (m.workspace_id != id_) {
    return Status::Corruption(
        "工作区清单不属于此工作区 / the manifest belongs to another workspace");
  }
  for (const auto& [name, info] : m.tables) {
    RETURN_IF_ERROR(CheckTableName(name));
    if (info.file != fmt::format("{}/{}.{}.tbl", kTablesDir, name, info.generation)) {
      return Status::Corruption(fmt::format("清单内容错误 / malformed manifest entry: {}", name));
    }
  }
  return m;
}

Result<uint64_t> TableStore::WriteTableFile(const TableUpdate& update,
                                            const std::string& relative) {
  std::string path = Path(relative);
  std::string tmp = path + ".tmp";
  ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, env_->NewWritableFile(tmp, 0600));
  SealedWriter writer(file.get(), tables_key_, Context(relative));
  RETURN_IF_ERROR(WriteTable(*update.table, *update.persons, &writer));
  RETURN_IF_ERROR(writer.Finish());
  RETURN_IF_ERROR(file->Sync());
  RETURN_IF_ERROR(file->Close());
  RETURN_IF_ERROR(env_->RenameFile(tmp, path));
  return writer.bytes_written();
}

Result<Manifest> TableStore::Commit(const Manifest& current,
                                    const std::vector<TableUpdate>& updates) {
  Manifest next = current;
  next.generation = current.generation + 1;
  std::string now = UtcNowIso8601();
  std::set<std::string> seen;
  for (const TableUpdate& u : updates) {
    if (u.table == nullptr || u.persons == nullptr) return Status::Internal("empty TableUpdate");
    const std::string& name = u.table->name();
    RETURN_IF_ERROR(CheckTableName(name));
    if (!seen.insert(name).second) {
      return Status::Internal(fmt::format("table {} twice in one commit", name));
    }
    TableInfo info;
    info.name = name;
    info.generation = next.generation;
    info.file = fmt::format("{}/{}.{}.tbl", kTablesDir, name, next.generation);
    ASSIGN_OR_RETURN(info.file_bytes, WriteTableFile(u, info.file));
    info.rows = static_cast<int64_t>(u.table->num_rows());
    info.columns = u.table->schema();
    info.sources = u.sources;
    info.updated_at = now;
    next.tables[name] = std::move(info);
  }
  // The data files' directory entries must be durable before the manifest
  // that references them.
  if (!updates.empty()) RETURN_IF_ERROR(env_->SyncDir(Path(kTablesDir)));
  ASSIGN_OR_RETURN(std::string text, EncodeManifest(next));
  RETURN_IF_ERROR(WriteSealedFileAtomically(env_, Path(kManifestFile), text, manifest_key_,
                                            Context(kManifestFile)));
  // Committed. Leftovers of a failed cleanup are removed by the next one.
  (void)CollectGarbage(next);
  return next;
}

Result<std::shared_ptr<Table>> TableStore::LoadTable(const TableInfo& info,
                                                     PersonDict* persons) const {
  ASSIGN_OR_RETURN(FileInfo st, env_->Stat(Path(info.file)));
  if (!st.exists) {
    return Status::Corruption(
        fmt::format("工作区数据文件缺失 / a workspace data file is missing: {}", info.file));
  }
  ASSIGN_OR_RETURN(
      std::unique_ptr<SealedReader> reader,
      SealedReader::Open(env_, Path(info.file), tables_key_, Context(info.file), info.file));
  ASSIGN_OR_RETURN(std::shared_ptr<Table> table, ReadTable(reader.get(), persons));
  RETURN_IF_ERROR(reader->ExpectEnd());
  bool same_schema = table->schema().size() == info.columns.size();
  for (size_t i = 0; same_schema && i < info.columns.size(); ++i) {
    same_schema = table->schema()[i].name == info.columns[i].name &&
                  table->schema()[i].type == info.columns[i].type;
  }
  if (table->name() != info.name || static_cast<int64_t>(table->num_rows()) != info.rows ||
      !same_schema) {
    return Status::Corruption(fmt::format(
        "数据文件与清单不一致 / the data file does not match the manifest: {}", info.file));
  }
  return table;
}

Status TableStore::CollectGarbage(const Manifest& m) const {
  std::set<std::string> live;
  for (const auto& [name, info] : m.tables) live.insert(BaseName(info.file));
  ASSIGN_OR_RETURN(std::vector<std::string> names, env_->ListDir(Path(kTablesDir)));
  Status first;
  auto remove = [&](const std::string& path) {
    Status s = env_->RemoveFile(path);
    if (first.ok() && !s.ok()) first = s;
  };
  for (const std::string& name : names) {
    bool ours = name.ends_with(".tbl") || name.ends_with(".tmp");
    if (ours && live.count(name) == 0) remove(Path(std::string(kTablesDir) + "/" + name));
  }
  ASSIGN_OR_RETURN(FileInfo tmp, env_->Stat(Path(std::string(kManifestFile) + ".tmp")));
  if (tmp.exists) remove(Path(std::string(kManifestFile) + ".tmp"));
  return first;
}

}  // namespace tutela::storage
