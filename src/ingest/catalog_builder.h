// Builds a Catalog ready for the engine: loads a data directory's table files
// (scan, sql --data), adds the reference tables, and finalises identities
// (persons registry overrides, name+birth_date linking). Called by one
// thread at a time per Catalog; the work runs on DefaultThreads() workers.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/status.h"
#include "ingest/importer.h"

namespace tutela::ingest {

// Identity linking outcome over the catalog (data-quality report).
struct LinkStats {
  int64_t by_id = 0;      // person references carrying an ID
  int64_t linked = 0;     // empty ID, linked by name+birth_date
  int64_t ambiguous = 0;  // empty ID, several persons match: never linked
  int64_t unlinked = 0;   // empty ID, no person matches (or no name/birth date)
};

// What loading a data directory did.
struct DataDirLoad {
  std::vector<std::string> skipped_files;  // names that are not tables of the standard
  std::vector<ImportResult> imports;       // one per table file loaded (table moved to catalog)
  std::vector<RejectEntry> rejects;        // all files, in table-name then line order
  std::map<std::string, LinkStats> links;  // identity linking outcome per table
};

// Loads every <table>.csv or <table>.jsonl of `dir` into `catalog` (a table
// with both a .csv and a .jsonl file gets both, csv first), then calls
// AddReferenceTables and FinalizeCatalog.
Result<DataDirLoad> LoadDataDir(const std::string& dir, const ImportOptions& options,
                                Catalog* catalog);

// Adds the tables charges, icd10_minor_harm and regions from the embedded
// reference data.
Status AddReferenceTables(Catalog* catalog);

// After all model tables are in the catalog: applies persons.birth_date/sex
// to the PersonDict (first row per ID wins), then links rows with an empty
// person ID to persons by unique (normalised name, birth date), setting the
// ID column and the hidden bool column "_linked" (true on linked rows).
// Idempotent: running it again recomputes everything from the tables.
Result<std::map<std::string, LinkStats>> FinalizeCatalog(Catalog* catalog);

}  // namespace tutela::ingest
