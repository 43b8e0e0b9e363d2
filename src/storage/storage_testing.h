// Test-only helpers for the storage tests (header-only, included by
// src/storage/*_test.cc only): canonical table dumps for exact comparisons,
// and small hand-built tables. Not thread-safe.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/table.h"
#include "identity/person_dict.h"

namespace tutela::storage::testing {

// One string per row ("file:line|v1|v2|..."), preceded by a schema line.
// Person IDs print as their strings, so dumps compare across PersonDicts.
inline std::vector<std::string> DumpTable(const Table& t, const PersonDict& persons) {
  std::vector<std::string> out;
  std::string header = t.name() + ":";
  for (const ColumnSpec& c : t.schema()) header += fmt::format(" {}/{}", c.name, TypeName(c.type));
  out.push_back(header);
  for (size_t r = 0; r < t.num_rows(); ++r) {
    std::string row = fmt::format("{}:{}", t.files()[t.file_index()[r]], t.lines()[r]);
    for (size_t c = 0; c < t.num_columns(); ++c) {
      const Column& col = t.column(c);
      row += "|";
      if (col.IsNull(r)) {
        row += "NULL";
        continue;
      }
      switch (col.type()) {
        case Type::kBool:
        case Type::kDate:
          row += fmt::format("{}", col.GetI32(r));
          break;
        case Type::kInt64:
        case Type::kTimestamp:
          row += fmt::format("{}", col.GetInt(r));
          break;
        case Type::kDouble:
          row += fmt::format("{:.17g}", col.GetDouble(r));
          break;
        case Type::kString:
          row += "'" + col.GetString(r) + "'";
          break;
        case Type::kPersonId:
          row += "#" + persons.Id(col.GetI32(r));
          break;
      }
    }
    out.push_back(row);
  }
  return out;
}

// Dump of every table of a catalog-like set: name -> rows, in name order.
inline std::vector<std::string> DumpCatalog(const Catalog& catalog) {
  std::vector<std::string> out;
  for (const std::string& name : catalog.TableNames()) {
    std::vector<std::string> d = DumpTable(*catalog.GetTable(name), catalog.persons());
    out.insert(out.end(), d.begin(), d.end());
  }
  return out;
}

// A "people" table with one column of every type; `seed` varies the values.
// Row i: id = person `prefix`+i (NULL every 5th row), name (NULL every 7th)...
inline std::shared_ptr<Table> MakeTestTable(const std::string& name, int rows, int seed,
                                            PersonDict* persons) {
  auto t = std::make_shared<Table>(name, std::vector<ColumnSpec>{{"pid", Type::kPersonId},
                                                                 {"label", Type::kString},
                                                                 {"flag", Type::kBool},
                                                                 {"count", Type::kInt64},
                                                                 {"score", Type::kDouble},
                                                                 {"day", Type::kDate},
                                                                 {"at", Type::kTimestamp},
                                                                 {"other_pid", Type::kPersonId}});
  uint16_t f0 = t->AddFile(fmt::format("{}_a.csv", name));
  uint16_t f1 = t->AddFile(fmt::format("{}_b.jsonl", name));
  for (int i = 0; i < rows; ++i) {
    int v = i + seed * 1000;
    if (i % 5 == 4) {
      t->mutable_column(0).AppendNull();
    } else {
      t->mutable_column(0).AppendI32(persons->Intern(fmt::format("11010120000101{:04d}", v % 97)));
    }
    if (i % 7 == 6) {
      t->mutable_column(1).AppendNull();
    } else {
      t->mutable_column(1).AppendString(fmt::format("标签-{}", v % 13));
    }
    if (i % 3 == 2) {
      t->mutable_column(2).AppendNull();
    } else {
      t->mutable_column(2).AppendI32(v & 1);
    }
    t->mutable_column(3).AppendInt(int64_t{v} * 1000003 - 5000000000LL);
    if (i % 4 == 3) {
      t->mutable_column(4).AppendNull();
    } else {
      t->mutable_column(4).AppendDouble(v / 3.0);
    }
    t->mutable_column(5).AppendI32(19000 + v);
    if (i % 6 == 5) {
      t->mutable_column(6).AppendNull();
    } else {
      t->mutable_column(6).AppendInt(1700000000LL + v * 61);
    }
    if (i % 2 == 1) {
      t->mutable_column(7).AppendNull();
    } else {
      t->mutable_column(7).AppendI32(persons->Intern(fmt::format("44030119990101{:04d}", v % 31)));
    }
    t->FinishRow(i % 3 == 0 ? f1 : f0, 2 + i * 2);
  }
  return t;
}

}  // namespace tutela::storage::testing
