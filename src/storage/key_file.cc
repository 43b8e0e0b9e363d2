// Key file location, creation and checks.
#include "storage/key_file.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace tutela::storage {
namespace {

std::string Getenv(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

// Absolute path with symbolic links resolved as far as the path exists.
std::string Canonical(const std::string& path) {
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(path, ec);
  if (ec) return path;
  std::filesystem::path canon = std::filesystem::weakly_canonical(abs, ec);
  if (ec) return abs.lexically_normal().string();
  std::string s = canon.string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

Result<std::string> ResolveKeyFilePath(const std::string& explicit_path,
                                       const std::string& workspace_id) {
  if (!explicit_path.empty()) return explicit_path;
  std::string env_path = Getenv("TUTELA_KEY_FILE");
  if (!env_path.empty()) return env_path;
  std::string config = Getenv("XDG_CONFIG_HOME");
  if (config.empty()) {
    std::string home = Getenv("HOME");
    if (home.empty()) {
      return Status::InvalidInput(
          "无法确定密钥文件位置，请使用 --key-file 或 TUTELA_KEY_FILE / cannot locate the key "
          "file: HOME is not set; use --key-file or TUTELA_KEY_FILE");
    }
    config = JoinPath(home, ".config");
  }
  return JoinPath(JoinPath(config, "tutela/keys"), workspace_id + ".key");
}

Status CheckKeyOutsideWorkspace(const std::string& key_path, const std::string& workspace_dir) {
  std::string key = Canonical(key_path);
  std::string ws = Canonical(workspace_dir);
  if (key == ws || (key.size() > ws.size() && key.compare(0, ws.size(), ws) == 0 &&
                    (ws == "/" || key[ws.size()] == '/'))) {
    return Status::InvalidInput(fmt::format(
        "密钥文件不能放在工作区目录内 / the key file must be kept outside the workspace "
        "directory: {}",
        key_path));
  }
  return Status::Ok();
}

Result<SecretKey> ReadKeyFile(Env* env, const std::string& path) {
  ASSIGN_OR_RETURN(FileInfo info, env->Stat(path));
  if (!info.exists) {
    return Status::NotFound(fmt::format(
        "找不到密钥文件 / key file not found: {} (use --key-file or TUTELA_KEY_FILE)", path));
  }
  if (!info.is_regular) {
    return Status::InvalidInput(
        fmt::format("密钥文件不是普通文件 / key file is not a regular "
                    "file: {}",
                    path));
  }
  if ((info.mode & 077) != 0) {
    return Status::InvalidInput(fmt::format(
        "密钥文件权限过宽（组或其他用户可访问），请执行 chmod 600 {0} / key file {0} is "
        "accessible by group or others (mode {1:04o}); run chmod 600 {0}",
        path, info.mode));
  }
  ASSIGN_OR_RETURN(std::string content, env->ReadFileToString(path));
  SecretKey key;
  if (content.size() == SecretKey::kSize) {
    std::copy(content.begin(), content.end(), key.data());
    sodium_memzero(content.data(), content.size());
    return key;
  }
  if (!content.empty() && content.back() == '\n') content.pop_back();
  size_t len = 0;
  bool ok = content.size() == 2 * SecretKey::kSize &&
            sodium_hex2bin(key.data(), SecretKey::kSize, content.data(), content.size(), nullptr,
                           &len, nullptr) == 0 &&
            len == SecretKey::kSize;
  sodium_memzero(content.data(), content.size());
  if (!ok) {
    return Status::InvalidInput(fmt::format(
        "密钥文件格式错误（应为 32 字节） / invalid key file (expected 32 bytes): {}", path));
  }
  return key;
}

Result<SecretKey> CreateKeyFile(Env* env, const std::string& path) {
  ASSIGN_OR_RETURN(FileInfo info, env->Stat(path));
  if (info.exists) {
    return Status::InvalidInput(fmt::format("密钥文件已存在 / key file already exists: {}", path));
  }
  RETURN_IF_ERROR(env->CreateDirs(DirName(path), 0700));
  SecretKey key = SecretKey::Random();
  RETURN_IF_ERROR(env->WriteFileAtomically(
      path, std::string_view(reinterpret_cast<const char*>(key.data()), SecretKey::kSize), 0600));
  return key;
}

}  // namespace tutela::storage
