// libFuzzer target for the whole importer: the first byte picks a table of the
// standard and a format (CSV or JSONL), the rest is the file. Any input must
// import or fail cleanly, and the result must be self-consistent: every
// record read is accepted, rejected or dropped as a repeated key; reject-log
// lines are non-decreasing; rows' lines are strictly increasing.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "identity/person_dict.h"
#include "ingest/importer.h"
#include "ingest/schema.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const auto& tables = tutela::ingest::AllTables();
  const tutela::ingest::TableDef& def = tables[data[0] % tables.size()];
  const bool jsonl = (data[0] / tables.size()) % 2 == 1;
  std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  tutela::PersonDict persons;
  tutela::ingest::ImportOptions options;
  auto r = tutela::ingest::ImportText(def, jsonl ? def.name + ".jsonl" : def.name + ".csv", body,
                                      &persons, options);
  if (!r.ok()) {
    FUZZ_CHECK(r.status().code() == tutela::StatusCode::kInvalidInput);
    return 0;
  }
  const tutela::Table& t = *r->table;
  int64_t read = 0, accepted = 0, rejected = 0, dup = 0;
  for (const auto& f : r->files) {
    read += f.rows_read;
    accepted += f.rows_accepted;
    rejected += f.rows_rejected;
    dup += f.rows_duplicate_key;
  }
  FUZZ_CHECK(read == accepted + rejected + dup);
  FUZZ_CHECK(static_cast<int64_t>(t.num_rows()) == accepted);
  for (size_t c = 0; c < t.num_columns(); ++c) FUZZ_CHECK(t.column(c).size() == t.num_rows());
  for (size_t i = 1; i < t.num_rows(); ++i) FUZZ_CHECK(t.lines()[i - 1] < t.lines()[i]);
  int64_t rejects_logged = 0;
  for (size_t i = 0; i < r->rejects.size(); ++i) {
    if (i > 0) FUZZ_CHECK(r->rejects[i - 1].line <= r->rejects[i].line);
    if (r->rejects[i].kind == tutela::ingest::RejectKind::kReject) ++rejects_logged;
    FUZZ_CHECK(!tutela::ingest::RejectEntryToJson(r->rejects[i]).empty());
  }
  FUZZ_CHECK(rejects_logged == rejected);
  return 0;
}
