// FaultInjectionEnv implementation.
#include "storage/fault_env.h"

#include <fmt/format.h>

#include <algorithm>

namespace tutela::storage {
namespace {

std::string StripSlashes(std::string p) {
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

class FaultSequentialFile : public SequentialFile {
 public:
  FaultSequentialFile(FaultInjectionEnv* env, std::string path,
                      std::unique_ptr<SequentialFile> base)
      : env_(env), path_(std::move(path)), base_(std::move(base)) {}
  Status Read(size_t n, char* dst, size_t* got) override {
    *got = 0;
    RETURN_IF_ERROR(env_->BeforeRead(path_));
    return base_->Read(n, dst, got);
  }
  Result<uint64_t> Size() override { return base_->Size(); }

 private:
  FaultInjectionEnv* env_;
  std::string path_;
  std::unique_ptr<SequentialFile> base_;
};

class FaultWritableFile : public WritableFile {
 public:
  FaultWritableFile(FaultInjectionEnv* env, std::string path, std::unique_ptr<WritableFile> base)
      : env_(env), path_(std::move(path)), base_(std::move(base)) {}
  Status Append(std::string_view data) override {
    RETURN_IF_ERROR(env_->BeforeMutation("write", path_));
    RETURN_IF_ERROR(base_->Append(data));
    env_->OnAppend(path_, data.size());
    return Status::Ok();
  }
  Status Sync() override {
    RETURN_IF_ERROR(env_->BeforeMutation("fsync", path_));
    if (!env_->skip_real_sync()) RETURN_IF_ERROR(base_->Sync());
    env_->OnSync(path_);
    return Status::Ok();
  }
  Status Close() override {
    RETURN_IF_ERROR(env_->BeforeMutation("close", path_));
    return base_->Close();
  }

 private:
  FaultInjectionEnv* env_;
  std::string path_;
  std::unique_ptr<WritableFile> base_;
};

}  // namespace

void FaultInjectionEnv::FailAt(int64_t n, Mode mode) {
  fail_at_ = n;
  mode_ = mode;
  ops_ = 0;
  fired_ = false;
  dead_ = false;
}

Status FaultInjectionEnv::BeforeMutation(const char* what, const std::string& path) {
  if (dead_) return Status::IoError(fmt::format("injected: process is dead ({} {})", what, path));
  ++ops_;
  if (fail_at_ > 0 && ops_ == fail_at_) {
    fired_ = true;
    if (mode_ == Mode::kDie) dead_ = true;
    return Status::IoError(fmt::format("injected fault at op {}: {} {}", ops_, what, path));
  }
  return Status::Ok();
}

Status FaultInjectionEnv::BeforeRead(const std::string& path) {
  if (dead_) return Status::IoError(fmt::format("injected: process is dead (read {})", path));
  return Status::Ok();
}

void FaultInjectionEnv::OnAppend(const std::string& path, uint64_t bytes) {
  sizes_[path].first += bytes;
}

void FaultInjectionEnv::OnSync(const std::string& path) {
  auto& s = sizes_[path];
  s.second = s.first;
}

std::optional<std::string> FaultInjectionEnv::Backup(const std::string& path) {
  Result<std::string> content = base_->ReadFileToString(path);
  if (!content.ok()) return std::nullopt;
  std::string data = std::move(content).value();
  auto it = sizes_.find(path);
  if (it != sizes_.end() && it->second.second < data.size()) data.resize(it->second.second);
  return data;
}

void FaultInjectionEnv::AddDirOp(DirOp op) { pending_.push_back(std::move(op)); }

void FaultInjectionEnv::ResetTracking() {
  sizes_.clear();
  pending_.clear();
}

Status FaultInjectionEnv::SimulatePowerLoss() {
  Status first;
  auto note = [&first](Status s) {
    if (first.ok() && !s.ok()) first = std::move(s);
  };
  for (const auto& [path, size] : sizes_) {
    if (size.first == size.second) continue;
    Result<FileInfo> info = base_->Stat(path);
    if (info.ok() && info->exists) note(base_->Truncate(path, size.second));
  }
  auto restore = [&](const std::string& path, const std::string& data) {
    Result<std::unique_ptr<WritableFile>> f = base_->NewWritableFile(path, 0600);
    if (!f.ok()) return note(f.status());
    note((*f)->Append(data));
    note((*f)->Close());
  };
  for (auto it = pending_.rbegin(); it != pending_.rend(); ++it) {
    switch (it->kind) {
      case DirOp::kCreate:
        note(base_->RemoveFile(it->path));
        break;
      case DirOp::kRename:
        note(base_->RenameFile(it->path, it->from));
        if (it->backup) restore(it->path, *it->backup);
        break;
      case DirOp::kRemove:
        if (it->backup) restore(it->path, *it->backup);
        break;
      case DirOp::kMkdir:
        break;  // an empty directory left behind is harmless
    }
  }
  ResetTracking();
  return first;
}

Result<std::unique_ptr<SequentialFile>> FaultInjectionEnv::NewSequentialFile(
    const std::string& path) {
  RETURN_IF_ERROR(BeforeRead(path));
  ASSIGN_OR_RETURN(std::unique_ptr<SequentialFile> f, base_->NewSequentialFile(path));
  return std::unique_ptr<SequentialFile>(new FaultSequentialFile(this, path, std::move(f)));
}

Result<std::unique_ptr<WritableFile>> FaultInjectionEnv::NewWritableFile(const std::string& path,
                                                                         uint32_t mode) {
  RETURN_IF_ERROR(BeforeMutation("create", path));
  ASSIGN_OR_RETURN(FileInfo info, base_->Stat(path));
  ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> f, base_->NewWritableFile(path, mode));
  sizes_[path] = {0, 0};
  if (!info.exists) AddDirOp({DirOp::kCreate, path, "", std::nullopt});
  return std::unique_ptr<WritableFile>(new FaultWritableFile(this, path, std::move(f)));
}

Result<FileInfo> FaultInjectionEnv::Stat(const std::string& path) {
  RETURN_IF_ERROR(BeforeRead(path));
  return base_->Stat(path);
}

Result<std::vector<std::string>> FaultInjectionEnv::ListDir(const std::string& dir) {
  RETURN_IF_ERROR(BeforeRead(dir));
  return base_->ListDir(dir);
}

Status FaultInjectionEnv::CreateDir(const std::string& path, uint32_t mode) {
  RETURN_IF_ERROR(BeforeMutation("mkdir", path));
  ASSIGN_OR_RETURN(FileInfo info, base_->Stat(path));
  RETURN_IF_ERROR(base_->CreateDir(path, mode));
  if (!info.exists) AddDirOp({DirOp::kMkdir, path, "", std::nullopt});
  return Status::Ok();
}

Status FaultInjectionEnv::RemoveFile(const std::string& path) {
  RETURN_IF_ERROR(BeforeMutation("remove", path));
  std::optional<std::string> backup = Backup(path);
  RETURN_IF_ERROR(base_->RemoveFile(path));
  sizes_.erase(path);
  AddDirOp({DirOp::kRemove, path, "", std::move(backup)});
  return Status::Ok();
}

Status FaultInjectionEnv::RenameFile(const std::string& from, const std::string& to) {
  RETURN_IF_ERROR(BeforeMutation("rename", from));
  ASSIGN_OR_RETURN(FileInfo info, base_->Stat(to));
  std::optional<std::string> backup;
  if (info.exists) backup = Backup(to);
  RETURN_IF_ERROR(base_->RenameFile(from, to));
  sizes_.erase(to);
  auto it = sizes_.find(from);
  if (it != sizes_.end()) {
    sizes_[to] = it->second;
    sizes_.erase(from);
  }
  AddDirOp({DirOp::kRename, to, from, std::move(backup)});
  return Status::Ok();
}

Status FaultInjectionEnv::SyncDir(const std::string& dir) {
  RETURN_IF_ERROR(BeforeMutation("fsync directory", dir));
  if (!skip_real_sync_) RETURN_IF_ERROR(base_->SyncDir(dir));
  std::string d = StripSlashes(dir);
  std::erase_if(pending_, [&d](const DirOp& op) { return StripSlashes(DirName(op.path)) == d; });
  return Status::Ok();
}

Status FaultInjectionEnv::Truncate(const std::string& path, uint64_t size) {
  RETURN_IF_ERROR(BeforeMutation("truncate", path));
  RETURN_IF_ERROR(base_->Truncate(path, size));
  auto it = sizes_.find(path);
  if (it != sizes_.end()) it->second.first = size;
  return Status::Ok();
}

Result<std::unique_ptr<FileLock>> FaultInjectionEnv::LockFile(const std::string& path,
                                                              bool exclusive, bool wait) {
  RETURN_IF_ERROR(BeforeRead(path));
  return base_->LockFile(path, exclusive, wait);
}

}  // namespace tutela::storage
