// FaultInjectionEnv: an Env wrapper for crash-safety tests. It counts the
// mutating operations (create, write, fsync, close, rename, remove, mkdir,
// directory fsync, truncate), fails the Nth one on purpose, and can then act
// as if the process died there (every later operation fails). It also tracks
// what is not yet durable, so SimulatePowerLoss() can undo it: file data
// written after the last fsync, and directory entries created, renamed or
// removed after the last fsync of their directory.
// Single-threaded test utility; the wrapped Env must outlive it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/env.h"

namespace tutela::storage {

class FaultInjectionEnv : public Env {
 public:
  enum class Mode {
    kFailOnce,  // only operation N fails; later ones run normally
    kDie,       // operation N and every operation after it (reads too) fail
  };

  explicit FaultInjectionEnv(Env* base) : base_(base) {}

  // Arms the fault: the `n`-th mutating operation from now (1-based) fails.
  // n == 0 disarms. Resets the operation counter.
  void FailAt(int64_t n, Mode mode);
  // Mutating operations seen since the last FailAt.
  int64_t ops() const { return ops_; }
  bool fault_fired() const { return fired_; }
  bool dead() const { return dead_; }

  // Undoes, on the real file system, everything that a power loss could lose:
  // truncates files to their last fsynced size, then reverts directory changes
  // not followed by an fsync of their directory (newest first). Call after a
  // kDie fault; the env stays dead. Returns the first error.
  Status SimulatePowerLoss();
  // Forgets all durability tracking (e.g. after a clean reopen).
  void ResetTracking();
  // When set, fsync and directory fsync are counted and tracked but not
  // passed to the wrapped Env (faster tests; durability is simulated).
  void set_skip_real_sync(bool skip) { skip_real_sync_ = skip; }

  Result<std::unique_ptr<SequentialFile>> NewSequentialFile(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path,
                                                        uint32_t mode) override;
  Result<FileInfo> Stat(const std::string& path) override;
  Result<std::vector<std::string>> ListDir(const std::string& dir) override;
  Status CreateDir(const std::string& path, uint32_t mode) override;
  Status RemoveFile(const std::string& path) override;
  Status RenameFile(const std::string& from, const std::string& to) override;
  Status SyncDir(const std::string& dir) override;
  Status Truncate(const std::string& path, uint64_t size) override;
  Result<std::unique_ptr<FileLock>> LockFile(const std::string& path, bool exclusive,
                                             bool wait) override;

  // Used by the wrapped files.
  Status BeforeMutation(const char* what, const std::string& path);
  Status BeforeRead(const std::string& path);
  void OnAppend(const std::string& path, uint64_t bytes);
  void OnSync(const std::string& path);
  bool skip_real_sync() const { return skip_real_sync_; }

 private:
  struct DirOp {
    enum Kind { kCreate, kRename, kRemove, kMkdir } kind;
    std::string path;                   // created/removed path, rename target
    std::string from;                   // rename source
    std::optional<std::string> backup;  // content replaced or removed
  };
  std::optional<std::string> Backup(const std::string& path);
  void AddDirOp(DirOp op);

  Env* base_;
  int64_t fail_at_ = 0;
  Mode mode_ = Mode::kFailOnce;
  int64_t ops_ = 0;
  bool fired_ = false;
  bool dead_ = false;
  bool skip_real_sync_ = false;
  // Per file written through this env: (size, last fsynced size).
  std::map<std::string, std::pair<uint64_t, uint64_t>> sizes_;
  std::vector<DirOp> pending_;  // directory changes not yet made durable
};

}  // namespace tutela::storage
