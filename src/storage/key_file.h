// The workspace key file: where it lives (--key-file, else $TUTELA_KEY_FILE,
// else ${XDG_CONFIG_HOME:-$HOME/.config}/tutela/keys/<workspace-id>.key), how
// it is created (32 random bytes, mode 0600, new parent directories 0700) and
// the checks made before it is used (outside the workspace, no group/other
// permissions). Stateless functions; thread-safe.
#pragma once

#include <string>

#include "common/status.h"
#include "storage/crypto.h"
#include "storage/env.h"

namespace tutela::storage {

// The key file path for a workspace: `explicit_path` when non-empty, else the
// environment variable TUTELA_KEY_FILE when set and non-empty, else the
// default path under the user's configuration directory.
Result<std::string> ResolveKeyFilePath(const std::string& explicit_path,
                                       const std::string& workspace_id);

// Refuses a key file inside the workspace directory (copying the workspace
// must not copy its key). Symbolic links are resolved where they exist.
Status CheckKeyOutsideWorkspace(const std::string& key_path, const std::string& workspace_dir);

// Reads a key file: a regular file with no group/other permission bits,
// holding 32 raw bytes (or 64 hex digits and an optional newline).
Result<SecretKey> ReadKeyFile(Env* env, const std::string& path);

// Writes a new random key to `path` (atomically, mode 0600), creating
// missing parent directories with mode 0700. Fails when `path` exists.
Result<SecretKey> CreateKeyFile(Env* env, const std::string& path);

}  // namespace tutela::storage
