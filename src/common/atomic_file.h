// Whole-file atomic replacement for small outputs (reports, logs, exports):
// write a temp file beside the target, fsync, rename, fsync the directory.
// The workspace uses its own Env (src/storage) for fault injection. Thread-safe
// for distinct paths.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace tutela {

Status WriteFileAtomically(const std::string& path, std::string_view content);

}  // namespace tutela
