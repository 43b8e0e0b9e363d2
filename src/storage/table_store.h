// TableStore: the on-disk layout and commit protocol of a workspace's tables.
// Data files are sealed, generation-numbered (tables/<name>.<gen>.tbl) and
// never overwritten once referenced; the sealed MANIFEST is the single commit
// point: data files are written and made durable first, then the manifest is
// replaced atomically, then unreferenced files are removed. A crash at any
// point leaves the old state or the new one. Not thread-safe; callers hold the
// workspace lock around ReadManifest + Commit (see Workspace).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/table.h"
#include "identity/person_dict.h"
#include "storage/crypto.h"
#include "storage/env.h"
#include "storage/manifest.h"

namespace tutela::storage {

// One table's new content in a commit.
struct TableUpdate {
  std::shared_ptr<const Table> table;   // its name() names the table
  const PersonDict* persons = nullptr;  // the dictionary its person-ID codes refer to
  std::vector<SourceInfo> sources;      // the table's complete source list after the commit
};

class TableStore {
 public:
  static constexpr const char* kManifestFile = "MANIFEST";
  static constexpr const char* kTablesDir = "tables";

  TableStore(Env* env, std::string dir, std::string workspace_id, const SecretKey& master);

  // Writes the manifest of an empty workspace (generation 0) and tables/.
  Status CreateEmpty();
  // Reads and authenticates the manifest. Tampering is Status::Corruption.
  Result<Manifest> ReadManifest() const;
  // Commits `updates` on top of `current` (which must be the manifest on
  // disk) and returns the new manifest. Garbage collection after the commit
  // point is best effort: its failure does not fail the commit.
  Result<Manifest> Commit(const Manifest& current, const std::vector<TableUpdate>& updates);
  // Loads one table; its person IDs are interned into `persons`.
  Result<std::shared_ptr<Table>> LoadTable(const TableInfo& info, PersonDict* persons) const;
  // Removes table files and temporary files that `m` does not reference.
  Status CollectGarbage(const Manifest& m) const;

  // Table names become file names: 1-64 of [a-z0-9_].
  static Status CheckTableName(const std::string& name);

 private:
  std::string Path(const std::string& relative) const { return JoinPath(dir_, relative); }
  std::string Context(const std::string& relative) const { return id_ + ":" + relative; }
  Result<uint64_t> WriteTableFile(const TableUpdate& update, const std::string& relative);

  Env* env_;
  std::string dir_;
  std::string id_;
  SecretKey manifest_key_;
  SecretKey tables_key_;
};

}  // namespace tutela::storage
