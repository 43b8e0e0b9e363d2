// Shared CLI plumbing: exit codes from Status, stderr progress, and loading a
// data directory into a Catalog with the reject log handled as cli.md says.
// Single-threaded.
#pragma once

#include <string>

#include "catalog/catalog.h"
#include "common/status.h"
#include "ingest/catalog_builder.h"
#include "ingest/importer.h"

namespace tutela::cli {

constexpr int kExitOk = 0;
constexpr int kExitInternal = 1;
constexpr int kExitBadInput = 2;

// Prints "tutela: <message>" on stderr and returns the exit status for it.
int ReportError(const Status& status);

// Progress lines on stderr ("加载 / loading ...").
ingest::ImportOptions ProgressOptions(ingest::Encoding encoding);

// Writes the reject log (JSON Lines) atomically to `path`.
Status WriteRejectLog(const std::string& path, const std::vector<ingest::RejectEntry>& rejects);

// Prints per-file reject/warning counts and skipped files on stderr.
void PrintLoadSummary(const ingest::DataDirLoad& load);

// Number of entries of kind reject.
int64_t CountRejected(const std::vector<ingest::RejectEntry>& rejects);

// Parses --encoding (empty means auto).
Result<ingest::Encoding> EncodingFlag(const std::string& value);

}  // namespace tutela::cli
