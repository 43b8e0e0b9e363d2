// Start-up: asks glibc's malloc for transparent huge pages on large blocks
// (GLIBC_TUNABLES=glibc.malloc.hugetlb=1), which glibc reads only when a
// process starts, by re-executing the binary once with it set. Call first in
// main, before any thread starts; not thread-safe.
#pragma once

namespace tutela::cli {

// Returns only when no re-execution happened: huge pages are already on,
// switched off ($TUTELA_HUGE_PAGES=0), or the re-execution failed (then the
// process simply runs with small pages).
void EnableHugePages(char** argv);

}  // namespace tutela::cli
