// Data-quality report per table and per import: rows read/accepted/rejected/
// warned, invalid IDs by reason, identity linking, duplicate IDs, exact
// duplicate rows and unknown charges. Built from a finalised Catalog; pure.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "ingest/catalog_builder.h"
#include "ingest/importer.h"

namespace tutela::ingest {

struct TableQuality {
  std::string table;
  std::string title_zh;
  std::vector<FileImportStats> files;  // this import's files (may be empty for stored tables)
  int64_t rows = 0;                    // rows in the table now
  int64_t rows_read = 0, rows_accepted = 0, rows_rejected = 0, rows_warned = 0;
  int64_t duplicate_ids = 0;         // repeated persons/institutions IDs (first row kept)
  int64_t exact_duplicate_rows = 0;  // rows equal in every field to an earlier row
  // Distinct invalid person IDs in this table, by IdProblemName.
  std::map<std::string, int64_t> invalid_ids;
  int64_t invalid_id_refs = 0;  // cells holding an invalid ID
  bool has_links = false;
  LinkStats links;
  std::map<std::string, int64_t> unknown_charges;  // charge -> rows
};

struct QualityReport {
  std::vector<TableQuality> tables;  // in canonical table order
  int64_t rejects = 0;               // reject-log entries of kind reject
  int64_t warnings = 0;              // ... of kind warning
};

// `imports` may be empty (e.g. a report on a stored workspace).
QualityReport BuildQualityReport(const Catalog& catalog, const std::vector<ImportResult>& imports,
                                 const std::vector<RejectEntry>& rejects,
                                 const std::map<std::string, LinkStats>& links);

// Readable report: Chinese labels with English.
std::string QualityReportText(const QualityReport& report);
// One JSON document (pretty-printed when `pretty`).
std::string QualityReportJson(const QualityReport& report, bool pretty);

}  // namespace tutela::ingest
