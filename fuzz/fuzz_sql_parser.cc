// libFuzzer target for the SQL engine front to back: any byte string must
// either parse or fail with an InvalidInput status (never crash, hang or
// overflow the stack); what parses is bound, planned (EXPLAIN) and run
// against a three-row catalog, failing only with user-facing errors.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog/catalog.h"
#include "engine/engine.h"
#include "engine/sql_parser.h"
#include "fuzz_check.h"

namespace {

const tutela::Catalog& FuzzCatalog() {
  static const tutela::Catalog* catalog = [] {
    auto* c = new tutela::Catalog();
    auto t = std::make_shared<tutela::Table>(
        "t", std::vector<tutela::ColumnSpec>{{"a", tutela::Type::kInt64},
                                             {"b", tutela::Type::kString},
                                             {"d", tutela::Type::kDate},
                                             {"p", tutela::Type::kPersonId}});
    uint16_t f = t->AddFile("t.csv");
    const char* ids[] = {"110105201001010010", "11010519800229002X", ""};
    for (int r = 0; r < 3; ++r) {
      t->mutable_column(0).AppendInt(r - 1);
      if (r == 2) {
        t->mutable_column(1).AppendNull();
        t->mutable_column(2).AppendNull();
        t->mutable_column(3).AppendNull();
      } else {
        t->mutable_column(1).AppendString(r ? "x" : "");
        t->mutable_column(2).AppendI32(19000 + r);
        t->mutable_column(3).AppendI32(c->persons().Intern(ids[r]));
      }
      t->FinishRow(f, r + 2);
    }
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
    FUZZ_CHECK(stmt.status().code() == tutela::StatusCode::kInvalidInput);
    return 0;
  }
  tutela::engine::QueryOptions options;
  auto plan = tutela::engine::Explain(FuzzCatalog(), sql, options);
  FUZZ_CHECK(plan.ok() || plan.status().code() != tutela::StatusCode::kInternal);
  if (!plan.ok()) return 0;
  auto result = tutela::engine::ExecuteQuery(FuzzCatalog(), sql, options);
  FUZZ_CHECK(result.ok() || result.status().code() != tutela::StatusCode::kInternal);
  return 0;
}
