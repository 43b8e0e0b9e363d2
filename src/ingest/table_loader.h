// LoadTables: imports several tables' files into one PersonDict, using the
// worker threads of common/parallel.h: files are read and decoded in
// parallel, large files are cut into pieces parsed in parallel, and the
// pieces are merged in table and file order. The result — every column,
// dictionary, person code, reject entry and counter, and the order of the
// progress calls' first appearance per file — does not depend on the number
// of threads. Called by one thread at a time per PersonDict.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/table.h"
#include "identity/person_dict.h"
#include "ingest/importer.h"
#include "ingest/schema.h"

namespace tutela::ingest {

struct TableJob {
  const TableDef* def = nullptr;
  std::vector<std::string> paths;     // read in this order
  std::shared_ptr<const Table> base;  // rows are appended to a copy of it when given
  // In-memory input instead of files: paths then holds the one file name.
  std::optional<std::string_view> text;
};

// One ImportResult per job, in job order. The first error in job and file
// order is returned (the same one a one-file-at-a-time import would meet).
Result<std::vector<ImportResult>> LoadTables(const std::vector<TableJob>& jobs, PersonDict* persons,
                                             const ImportOptions& options);

}  // namespace tutela::ingest
