// Helpers shared by the unit tests: scratch directories and file I/O.
// Not thread-safe; each test uses its own TempDir.
#pragma once

#include <string>

namespace tutela::testing {

// A fresh directory under $TMPDIR, removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string Join(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void WriteFile(const std::string& path, const std::string& content);
std::string ReadFile(const std::string& path);
// Absolute path of a file in the source tree (e.g. "tests/golden/import").
std::string SourcePath(const std::string& relative);

}  // namespace tutela::testing
