// Workspace creation, opening, key checks, listing and commits.
#include "storage/workspace.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "storage/key_file.h"

namespace tutela::storage {
namespace {

constexpr const char* kFormat = "tutela-workspace";
constexpr int kVersion = 1;

std::string KeyCheckMessage(const std::string& id) { return "tutela-workspace-key-check:v1:" + id; }

bool IsWorkspaceId(const std::string& id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string StripSlashes(std::string p) {
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

}  // namespace

Workspace::Workspace(Env* env, std::string dir, std::string id, std::string key_file,
                     SecretKey master)
    : env_(env),
      dir_(std::move(dir)),
      id_(std::move(id)),
      key_file_(std::move(key_file)),
      master_(master),
      store_(std::make_unique<TableStore>(env_, dir_, id_, master_)) {}

Result<std::unique_ptr<Workspace>> Workspace::Init(const std::string& dir_arg,
                                                   const std::string& key_file_arg, Env* env) {
  RETURN_IF_ERROR(InitCrypto());
  if (env == nullptr) env = Env::Default();
  std::string dir = StripSlashes(dir_arg);
  ASSIGN_OR_RETURN(FileInfo info, env->Stat(dir));
  if (info.exists) {
    if (!info.is_dir) {
      return Status::InvalidInput(fmt::format("不是目录 / not a directory: {}", dir));
    }
    ASSIGN_OR_RETURN(std::vector<std::string> entries, env->ListDir(dir));
    if (!entries.empty()) {
      return Status::InvalidInput(fmt::format(
          "工作区目录已存在且非空 / the workspace directory exists and is not empty: {}", dir));
    }
  }
  std::string id = RandomHex(16);
  ASSIGN_OR_RETURN(std::string key_path, ResolveKeyFilePath(key_file_arg, id));
  RETURN_IF_ERROR(CheckKeyOutsideWorkspace(key_path, dir));
  ASSIGN_OR_RETURN(FileInfo key_info, env->Stat(key_path));
  SecretKey master;
  if (key_info.exists) {
    ASSIGN_OR_RETURN(master, ReadKeyFile(env, key_path));
  } else {
    ASSIGN_OR_RETURN(master, CreateKeyFile(env, key_path));
  }

  RETURN_IF_ERROR(env->CreateDirs(dir, 0700));
  std::unique_ptr<Workspace> ws(new Workspace(env, dir, id, key_path, master));
  RETURN_IF_ERROR(ws->store_->CreateEmpty());
  // WORKSPACE is written last: its presence marks a complete workspace.
  nlohmann::json j{
      {"format", kFormat},
      {"version", kVersion},
      {"id", id},
      {"created_at", UtcNowIso8601()},
      {"key_check", AuthTagHex(DeriveSubkey(master, KeyPurpose::kKeyCheck), KeyCheckMessage(id))}};
  RETURN_IF_ERROR(env->WriteFileAtomically(JoinPath(dir, kWorkspaceFile), j.dump(1) + "\n", 0600));
  RETURN_IF_ERROR(env->SyncDir(DirName(dir)));
  return ws;
}

Result<std::unique_ptr<Workspace>> Workspace::Open(const std::string& dir_arg,
                                                   const std::string& key_file_arg, Env* env) {
  RETURN_IF_ERROR(InitCrypto());
  if (env == nullptr) env = Env::Default();
  std::string dir = StripSlashes(dir_arg);
  ASSIGN_OR_RETURN(FileInfo info, env->Stat(dir));
  if (!info.exists || !info.is_dir) {
    return Status::NotFound(fmt::format("工作区不存在 / no workspace at {}", dir));
  }
  ASSIGN_OR_RETURN(FileInfo ws_info, env->Stat(JoinPath(dir, kWorkspaceFile)));
  if (!ws_info.exists) {
    return Status::NotFound(fmt::format(
        "不是 Tutela 工作区（缺少 WORKSPACE 文件） / not a Tutela workspace (no WORKSPACE "
        "file): {}",
        dir));
  }
  ASSIGN_OR_RETURN(std::string text, env->ReadFileToString(JoinPath(dir, kWorkspaceFile)));
  std::string id, key_check;
  try {
    nlohmann::json j = nlohmann::json::parse(text);
    if (j.at("format").get<std::string>() != kFormat || j.at("version").get<int>() != kVersion) {
      return Status::Corruption(
          fmt::format("不支持的工作区格式 / unsupported workspace format: {}/WORKSPACE", dir));
    }
    id = j.at("id").get<std::string>();
    key_check = j.at("key_check").get<std::string>();
  } catch (const nlohmann::json::exception& e) {
    return Status::Corruption(
        fmt::format("工作区文件损坏 / malformed {}/WORKSPACE: {}", dir, e.what()));
  }
  if (!IsWorkspaceId(id)) {
    return Status::Corruption(fmt::format("工作区文件损坏 / malformed {}/WORKSPACE", dir));
  }
  ASSIGN_OR_RETURN(std::string key_path, ResolveKeyFilePath(key_file_arg, id));
  RETURN_IF_ERROR(CheckKeyOutsideWorkspace(key_path, dir));
  ASSIGN_OR_RETURN(SecretKey master, ReadKeyFile(env, key_path));
  if (!VerifyAuthTagHex(DeriveSubkey(master, KeyPurpose::kKeyCheck), KeyCheckMessage(id),
                        key_check)) {
    return Status::InvalidInput(fmt::format(
        "密钥错误：该密钥文件不能打开此工作区 / wrong key: {} does not unlock the workspace {}",
        key_path, dir));
  }
  std::unique_ptr<Workspace> ws(new Workspace(env, dir, id, key_path, master));
  {
    // Readers take the shared lock: a writer renames a new MANIFEST in under
    // the exclusive one, and a read must not straddle that rename.
    ASSIGN_OR_RETURN(std::unique_ptr<FileLock> shared, ws->Lock(/*exclusive=*/false));
    ASSIGN_OR_RETURN(Manifest checked, ws->store_->ReadManifest());
    (void)checked;
  }
  // Clean up after interrupted writes, unless another process is writing.
  ASSIGN_OR_RETURN(std::unique_ptr<FileLock> lock, env->LockFile(JoinPath(dir, kLockFile), true,
                                                                 /*wait=*/false));
  if (lock != nullptr) {
    ASSIGN_OR_RETURN(Manifest m, ws->store_->ReadManifest());
    (void)ws->store_->CollectGarbage(m);
  }
  return ws;
}

Result<std::unique_ptr<FileLock>> Workspace::Lock(bool exclusive) const {
  return env_->LockFile(JoinPath(dir_, kLockFile), exclusive, /*wait=*/true);
}

Result<std::vector<TableInfo>> Workspace::Tables() const {
  ASSIGN_OR_RETURN(std::unique_ptr<FileLock> shared, Lock(/*exclusive=*/false));
  ASSIGN_OR_RETURN(Manifest m, store_->ReadManifest());
  std::vector<TableInfo> out;
  for (auto& [name, info] : m.tables) out.push_back(std::move(info));
  return out;
}

Result<std::shared_ptr<Table>> Workspace::LoadTable(const std::string& name,
                                                    PersonDict* persons) const {
  ASSIGN_OR_RETURN(std::unique_ptr<FileLock> lock, Lock(/*exclusive=*/false));
  ASSIGN_OR_RETURN(Manifest m, store_->ReadManifest());
  auto it = m.tables.find(name);
  if (it == m.tables.end()) {
    return Status::NotFound(fmt::format("工作区中没有该表 / no table {} in the workspace", name));
  }
  return store_->LoadTable(it->second, persons);
}

Status Workspace::CommitTables(const std::vector<TableUpdate>& updates) {
  ASSIGN_OR_RETURN(std::unique_ptr<FileLock> lock, Lock(/*exclusive=*/true));
  ASSIGN_OR_RETURN(Manifest m, store_->ReadManifest());
  ASSIGN_OR_RETURN(Manifest next, store_->Commit(m, updates));
  (void)next;
  return Status::Ok();
}

}  // namespace tutela::storage
