// Workspace: the persistent, encrypted, crash-safe directory Tutela imports
// departmental tables into (cli.md "Workspace"). Layout:
//   DIR/WORKSPACE  plaintext JSON: format version, workspace id, key check tag
//   DIR/MANIFEST   sealed: tables, their data files, sources with SHA-256
//   DIR/tables/    sealed table files <name>.<generation>.tbl
//   DIR/LOCK       advisory lock serialising writers across processes
// The key lives outside DIR (see key_file.h). A Workspace object is used by
// one thread at a time; several processes may open the same workspace (writes
// take an exclusive lock, loads a shared one).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/status.h"
#include "ingest/catalog_builder.h"
#include "ingest/importer.h"
#include "storage/crypto.h"
#include "storage/env.h"
#include "storage/manifest.h"
#include "storage/table_store.h"

namespace tutela::storage {

// What one `import` did.
struct ImportSummary {
  std::string table;
  bool append = false;
  bool changed = false;  // false: nothing was written (same files again)
  int64_t rows_before = 0;
  int64_t rows_after = 0;
  std::vector<ingest::FileImportStats> files;  // files actually imported
  std::vector<ingest::RejectEntry> rejects;    // their reject log
  std::vector<std::string> skipped_files;      // paths skipped: already imported
  std::vector<std::string> notices;            // user messages, Chinese then English
};

class Workspace {
 public:
  static constexpr const char* kWorkspaceFile = "WORKSPACE";
  static constexpr const char* kLockFile = "LOCK";

  // Creates a workspace in `dir` (created with mode 0700 if missing; an
  // existing non-empty directory is refused). The key file (`key_file`, or
  // the default, see ResolveKeyFilePath) is created if missing, else reused.
  // `env` defaults to Env::Default() and must outlive the workspace.
  static Result<std::unique_ptr<Workspace>> Init(const std::string& dir,
                                                 const std::string& key_file, Env* env = nullptr);
  // Opens an existing workspace: checks the key file (permissions, location,
  // that it is this workspace's key) and the manifest's authenticity, then
  // removes files left by interrupted writes.
  static Result<std::unique_ptr<Workspace>> Open(const std::string& dir,
                                                 const std::string& key_file, Env* env = nullptr);

  // `import DIR TABLE FILE...`: replaces the table's rows with those of
  // `files` (append == false) or adds them (append == true). Importing files
  // again changes nothing: a replace with the same set of SHA-256s writes
  // nothing, and in append mode a file already among the sources is skipped
  // (with a notice). Unknown table: NotFound; unreadable file: its error.
  Result<ImportSummary> Import(const std::string& table, const std::vector<std::string>& files,
                               bool append, const ingest::ImportOptions& options);

  // The tables recorded in the manifest, by name.
  Result<std::vector<TableInfo>> Tables() const;

  // Loads one table; its person IDs are interned into `persons`.
  Result<std::shared_ptr<Table>> LoadTable(const std::string& name, PersonDict* persons) const;

  // Loads every table into `catalog` (person IDs into catalog->persons()),
  // then adds the reference tables and finalises identities.
  // Returns the identity-linking outcome per table (FinalizeCatalog).
  Result<std::map<std::string, ingest::LinkStats>> LoadCatalog(Catalog* catalog) const;

  // Replaces tables with prebuilt ones in one atomic commit (what Import does
  // after ImportFiles; also for tests and tools).
  Status CommitTables(const std::vector<TableUpdate>& updates);

  const std::string& dir() const { return dir_; }
  const std::string& id() const { return id_; }
  const std::string& key_file() const { return key_file_; }
  Env* env() const { return env_; }
  // A subkey of the workspace key for another subsystem's sealed files.
  SecretKey DeriveKey(KeyPurpose purpose) const { return DeriveSubkey(master_, purpose); }

 private:
  Workspace(Env* env, std::string dir, std::string id, std::string key_file, SecretKey master);
  Result<std::unique_ptr<FileLock>> Lock(bool exclusive) const;

  Env* env_;
  std::string dir_;
  std::string id_;
  std::string key_file_;
  SecretKey master_;
  std::unique_ptr<TableStore> store_;
};

}  // namespace tutela::storage
