// Manifest: the workspace's list of tables (data file, generation, rows,
// schema, source files with SHA-256 and import statistics). It is the single
// commit point of the workspace; stored sealed (encrypted and authenticated)
// as JSON. Value types; not thread-safe to mutate concurrently.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/table.h"

namespace tutela::storage {

// One source file a table's rows came from.
struct SourceInfo {
  std::string path;    // as given to import
  std::string name;    // base name (the table's file name for evidence)
  std::string sha256;  // lower-case hex of the file's bytes
  int64_t bytes = 0;
  std::string encoding;  // "utf-8" or "gb18030"
  std::string format;    // "csv" or "jsonl"
  int64_t rows_read = 0;
  int64_t rows_accepted = 0;
  int64_t rows_rejected = 0;
  int64_t rows_warned = 0;
  int64_t rows_duplicate_key = 0;
  std::string imported_at;  // UTC ISO-8601, e.g. "2024-05-01T08:30:00Z"
};

struct TableInfo {
  std::string name;
  std::string file;         // data file relative to the workspace, e.g. "tables/persons.3.tbl"
  uint64_t generation = 0;  // manifest generation that wrote the data file
  uint64_t file_bytes = 0;  // size of the sealed data file
  int64_t rows = 0;
  std::vector<ColumnSpec> columns;
  std::vector<SourceInfo> sources;  // in import order
  std::string updated_at;           // UTC ISO-8601 of the last change
};

struct Manifest {
  std::string workspace_id;
  uint64_t generation = 0;  // incremented by every commit
  std::map<std::string, TableInfo> tables;
};

Result<std::string> EncodeManifest(const Manifest& m);
// Malformed JSON or fields are Status::Corruption.
Result<Manifest> DecodeManifest(std::string_view json);

// "bool", "int", "double", "date", "timestamp", "text", "id" (TypeName) back to Type.
Result<Type> ParseTypeName(std::string_view name);

// Current UTC time as ISO-8601 with seconds ("2024-05-01T08:30:00Z").
std::string UtcNowIso8601();

}  // namespace tutela::storage
