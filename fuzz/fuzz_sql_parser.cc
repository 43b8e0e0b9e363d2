// libFuzzer target for the SQL front end: any byte string must either parse
// or fail with an InvalidInput status (never crash, hang or overflow the
// stack); what parses is also bound and planned against a small catalog,
// and EXPLAIN of it must succeed or fail cleanly.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog/catalog.h"
#include "engine/engine.h"
#include "engine/sql_parser.h"

namespace {

const tutela::Catalog& FuzzCatalog() {
  static const tutela::Catalog* catalog = [] {
    auto* c = new tutela::Catalog();
    auto t = std::make_shared<tutela::Table>(
        "t", std::vector<tutela::ColumnSpec>{{"a", tutela::Type::kInt64},
                                             {"b", tutela::Type::kString},
                                             {"d", tutela::Type::kDate},
                                             {"p", tutela::Type::kPersonId}});
    c->PutTable(t);
    return c;
  }();
  return *catalog;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view sql(reinterpret_cast<const char*>(data), size);
  auto stmt = tutela::engine::ParseStatement(sql);
  if (!stmt.ok()) {
    if (stmt.status().code() != tutela::StatusCode::kInvalidInput) __builtin_trap();
    return 0;
  }
  tutela::engine::QueryOptions options;
  auto plan = tutela::engine::Explain(FuzzCatalog(), sql, options);
  if (!plan.ok() && plan.status().code() == tutela::StatusCode::kInternal) __builtin_trap();
  return 0;
}
