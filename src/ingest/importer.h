// Importer: turns source files (CSV or JSONL, any accepted encoding) of one
// table of the standard into an in-memory Table, a reject log and import
// statistics. One import at a time per PersonDict (it interns IDs); an
// import uses ImportOptions::threads workers internally.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/table.h"
#include "identity/person_dict.h"
#include "ingest/encoding.h"
#include "ingest/schema.h"

namespace tutela::ingest {

enum class RejectKind { kReject, kWarning };

// One reject-log entry (datasets.md: file, line, column, kind, reason).
struct RejectEntry {
  std::string file;                   // base name
  int32_t line = 0;                   // physical line where the record starts
  std::optional<std::string> column;  // canonical column, nullopt for the whole row
  RejectKind kind = RejectKind::kReject;
  std::string reason;  // Chinese first, then English
};

// One JSON Lines line: {"file":...,"line":...,"column":...,"kind":...,"reason":...}
std::string RejectEntryToJson(const RejectEntry& e);

struct FileImportStats {
  std::string path;  // as given
  std::string base_name;
  std::string encoding;  // detected or forced: "utf-8" or "gb18030"
  std::string format;    // "csv" or "jsonl"
  int64_t bytes = 0;
  int64_t rows_read = 0;      // records (excluding header and blank lines)
  int64_t rows_accepted = 0;  // appended to the table
  int64_t rows_rejected = 0;
  int64_t rows_warned = 0;                   // accepted rows with at least one warning
  int64_t rows_duplicate_key = 0;            // dropped: repeated persons/institutions ID
  std::vector<std::string> unknown_columns;  // extra header cells kept as text
};

struct ImportOptions {
  Encoding encoding = Encoding::kAuto;
  // Called now and then with (file base name, records read so far), from
  // one thread at a time (not always the caller's). Each file's first call
  // comes in file order; its last call carries its final count.
  std::function<void(const std::string&, int64_t)> progress;
  // Worker threads; 0 = DefaultThreads(). The results do not depend on it.
  int threads = 0;
  // Files are cut into up to `threads` pieces of at least this many bytes;
  // with `balance_pieces`, only as far as a file exceeds a thread's share of
  // all the bytes loaded together (whole files keep threads busy otherwise).
  size_t min_piece_bytes = size_t{8} << 20;
  bool balance_pieces = true;
};

struct ImportResult {
  std::shared_ptr<Table> table;
  std::vector<RejectEntry> rejects;  // in file order, then line order
  std::vector<FileImportStats> files;
};

// Imports `paths` (all of one table) in order. The format comes from the
// extension (.csv or .jsonl). When `base` is given, rows are appended to a
// copy of it (its unique-key values count as already seen). Returns an error
// (naming file, line and column) only for a file that cannot be read at all:
// missing, undecodable, or with a header naming one column twice.
Result<ImportResult> ImportFiles(const TableDef& def, const std::vector<std::string>& paths,
                                 PersonDict* persons, const ImportOptions& options,
                                 std::shared_ptr<const Table> base = nullptr);

// Same, for text already in memory (tests, fuzzing): `name` is the base name.
Result<ImportResult> ImportText(const TableDef& def, const std::string& name,
                                std::string_view raw_bytes, PersonDict* persons,
                                const ImportOptions& options);

}  // namespace tutela::ingest
