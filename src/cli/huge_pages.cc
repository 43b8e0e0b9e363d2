// Re-executes the process once with glibc's huge-page tunable (see header).
// The engine allocates column vectors of hundreds of MiB; on virtual
// machines every 4 KiB page fault is expensive, and 2 MiB pages cut the
// query time of the benchmarks by up to a third (bench/README.md).
#include "cli/huge_pages.h"

#include <unistd.h>

#include <cstdlib>
#include <string>

namespace tutela::cli {

void EnableHugePages(char** argv) {
  const char* off = std::getenv("TUTELA_HUGE_PAGES");
  if (off != nullptr && std::string(off) == "0") return;
  if (std::getenv("TUTELA_HUGE_PAGES_SET") != nullptr) return;  // already re-executed
  const char* current = std::getenv("GLIBC_TUNABLES");
  std::string tunables = current == nullptr ? "" : current;
  if (tunables.find("glibc.malloc.hugetlb") != std::string::npos) return;
  tunables += (tunables.empty() ? "" : ":") + std::string("glibc.malloc.hugetlb=1");
  if (setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0) return;
  if (setenv("TUTELA_HUGE_PAGES_SET", "1", 1) != 0) return;
  execv("/proc/self/exe", argv);
  // Not re-executed: run as we are, with the environment as it was.
  if (current == nullptr) {
    unsetenv("GLIBC_TUNABLES");
  } else {
    setenv("GLIBC_TUNABLES", current, 1);
  }
  unsetenv("TUTELA_HUGE_PAGES_SET");
}

}  // namespace tutela::cli
