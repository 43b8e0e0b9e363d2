// Env: the small file-system interface every storage write and read goes
// through (LevelDB style), so tests can inject failures and simulate crashes.
// Env::Default() is a process-wide POSIX implementation, safe to use from any
// thread; file objects are owned by the caller and used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace tutela::storage {

struct FileInfo {
  bool exists = false;
  bool is_dir = false;
  bool is_regular = false;
  uint32_t mode = 0;  // permission bits (st_mode & 07777)
  uint64_t size = 0;
};

// Reads a file front to back.
class SequentialFile {
 public:
  virtual ~SequentialFile() = default;
  // Reads up to `n` bytes into `dst`; *got < n only at end of file.
  virtual Status Read(size_t n, char* dst, size_t* got) = 0;
  // Size of the open file (fstat), not of whatever the path names now.
  virtual Result<uint64_t> Size() = 0;
};

// Writes a new file front to back. Destroying it without Close() closes the
// descriptor and ignores errors.
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status Append(std::string_view data) = 0;
  virtual Status Sync() = 0;  // fdatasync-equivalent durability of the data
  virtual Status Close() = 0;
};

// An advisory lock on a file (flock), released on destruction.
class FileLock {
 public:
  virtual ~FileLock() = default;
};

class Env {
 public:
  virtual ~Env() = default;

  // The real POSIX file system. Never destroyed.
  static Env* Default();

  virtual Result<std::unique_ptr<SequentialFile>> NewSequentialFile(const std::string& path) = 0;
  // Creates or truncates `path` with permission bits `mode` (when created).
  virtual Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path,
                                                                uint32_t mode) = 0;
  // exists == false (and OK) when the path does not exist.
  virtual Result<FileInfo> Stat(const std::string& path) = 0;
  // Entry names (no "." or ".."), unsorted.
  virtual Result<std::vector<std::string>> ListDir(const std::string& dir) = 0;
  // Creates one directory; OK when it already exists as a directory.
  virtual Status CreateDir(const std::string& path, uint32_t mode) = 0;
  virtual Status RemoveFile(const std::string& path) = 0;
  // Atomically replaces `to` (same file system).
  virtual Status RenameFile(const std::string& from, const std::string& to) = 0;
  // Makes the directory's entries (creates, renames, removes) durable.
  virtual Status SyncDir(const std::string& dir) = 0;
  virtual Status Truncate(const std::string& path, uint64_t size) = 0;
  // Locks `path` (created 0600 when missing). With wait == false, returns
  // nullptr (OK) when another process holds a conflicting lock.
  virtual Result<std::unique_ptr<FileLock>> LockFile(const std::string& path, bool exclusive,
                                                     bool wait) = 0;

  // Helpers built on the primitives above.
  Result<std::string> ReadFileToString(const std::string& path);
  // Creates `path` and any missing parents with `mode`.
  Status CreateDirs(const std::string& path, uint32_t mode);
  // temp file + write + fsync + close + rename over `path` + fsync of the directory.
  Status WriteFileAtomically(const std::string& path, std::string_view data, uint32_t mode);
};

// "a/b/c" -> "a/b"; "c" -> "."; "/c" -> "/".
std::string DirName(const std::string& path);
// "a/b/c" -> "c".
std::string BaseName(const std::string& path);
std::string JoinPath(const std::string& dir, const std::string& name);

}  // namespace tutela::storage
