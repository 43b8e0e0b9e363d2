// Importer: reads CSV/JSONL files of one table into a Table and a reject log
// (through LoadTables, which does the work for one or many tables).
#include "ingest/importer.h"

#include <nlohmann/json.hpp>

#include "ingest/table_loader.h"

namespace tutela::ingest {

std::string RejectEntryToJson(const RejectEntry& e) {
  nlohmann::ordered_json j;
  j["file"] = e.file;
  j["line"] = e.line;
  j["column"] = e.column.has_value() ? nlohmann::ordered_json(*e.column) : nullptr;
  j["kind"] = e.kind == RejectKind::kReject ? "reject" : "warning";
  j["reason"] = e.reason;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Result<ImportResult> ImportFiles(const TableDef& def, const std::vector<std::string>& paths,
                                 PersonDict* persons, const ImportOptions& options,
                                 std::shared_ptr<const Table> base) {
  TableJob job;
  job.def = &def;
  job.paths = paths;
  job.base = std::move(base);
  ASSIGN_OR_RETURN(std::vector<ImportResult> results, LoadTables({job}, persons, options));
  return std::move(results.front());
}

Result<ImportResult> ImportText(const TableDef& def, const std::string& name,
                                std::string_view raw_bytes, PersonDict* persons,
                                const ImportOptions& options) {
  TableJob job;
  job.def = &def;
  job.paths = {name};
  job.text = raw_bytes;
  ASSIGN_OR_RETURN(std::vector<ImportResult> results, LoadTables({job}, persons, options));
  return std::move(results.front());
}

}  // namespace tutela::ingest
