// Test-only helper: SQLite 3 as a reference engine for differential tests.
// libsqlite3 is loaded at run time (dlopen), so the engine test binary needs
// no link change; Open() returns nullptr when the library is missing.
// One instance per test; not thread-safe.
#pragma once

#include <dlfcn.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/table.h"
#include "engine/result_format.h"
#include "engine/value.h"
#include "identity/person_dict.h"

namespace tutela::engine::testing {

class SqliteOracle {
 public:
  static std::unique_ptr<SqliteOracle> Open() {
    void* lib = dlopen("libsqlite3.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libsqlite3.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return nullptr;
    auto o = std::unique_ptr<SqliteOracle>(new SqliteOracle());
    o->lib_ = lib;
#define TUTELA_SQLITE_SYM(name)                                        \
  o->name##_ = reinterpret_cast<decltype(&::name)>(dlsym(lib, #name)); \
  if (!o->name##_) return nullptr;
    TUTELA_SQLITE_SYM(sqlite3_open)
    TUTELA_SQLITE_SYM(sqlite3_close)
    TUTELA_SQLITE_SYM(sqlite3_exec)
    TUTELA_SQLITE_SYM(sqlite3_prepare_v2)
    TUTELA_SQLITE_SYM(sqlite3_step)
    TUTELA_SQLITE_SYM(sqlite3_finalize)
    TUTELA_SQLITE_SYM(sqlite3_column_count)
    TUTELA_SQLITE_SYM(sqlite3_column_type)
    TUTELA_SQLITE_SYM(sqlite3_column_int64)
    TUTELA_SQLITE_SYM(sqlite3_column_double)
    TUTELA_SQLITE_SYM(sqlite3_column_text)
    TUTELA_SQLITE_SYM(sqlite3_column_bytes)
    TUTELA_SQLITE_SYM(sqlite3_bind_parameter_index)
    TUTELA_SQLITE_SYM(sqlite3_bind_int64)
    TUTELA_SQLITE_SYM(sqlite3_bind_double)
    TUTELA_SQLITE_SYM(sqlite3_bind_text)
    TUTELA_SQLITE_SYM(sqlite3_errmsg)
    TUTELA_SQLITE_SYM(sqlite3_free)
#undef TUTELA_SQLITE_SYM
    if (o->sqlite3_open_(":memory:", &o->db_) != SQLITE_OK) return nullptr;
    std::string err;
    // SQLite's LIKE is ASCII case-insensitive by default; the dialect's is not.
    if (!o->Exec("PRAGMA case_sensitive_like = ON", &err)) return nullptr;
    return o;
  }

  ~SqliteOracle() {
    if (db_) sqlite3_close_(db_);
    // The library stays loaded (other instances may use it).
  }

  bool Exec(const std::string& sql, std::string* err) {
    char* msg = nullptr;
    if (sqlite3_exec_(db_, sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
      *err = msg ? msg : "error";
      sqlite3_free_(msg);
      return false;
    }
    return true;
  }

  // Creates and fills a table with the same name, columns and values.
  // Dates and timestamps become ISO text, booleans 0/1, person IDs their ID
  // text. The pseudo-columns (_line, _file) are not there: queries using
  // them are marked nosqlite.
  bool LoadTable(const Table& t, const PersonDict& persons, std::string* err) {
    std::string ddl = "CREATE TABLE \"" + t.name() + "\" (";
    for (size_t c = 0; c < t.num_columns(); ++c) {
      Type type = t.schema()[c].type;
      const char* st = type == Type::kInt64 || type == Type::kBool ? "INTEGER"
                       : type == Type::kDouble                     ? "REAL"
                                                                   : "TEXT";
      ddl += (c ? ", \"" : "\"") + t.schema()[c].name + "\" " + st;
    }
    ddl += ")";
    if (!Exec("DROP TABLE IF EXISTS \"" + t.name() + "\"", err) || !Exec(ddl, err)) return false;
    for (size_t r = 0; r < t.num_rows(); ++r) {
      std::string row = "INSERT INTO \"" + t.name() + "\" VALUES (";
      for (size_t c = 0; c < t.num_columns(); ++c) {
        if (c) row += ", ";
        auto cell = CellText(t, c, r, &persons);
        Type type = t.schema()[c].type;
        if (!cell) {
          row += "NULL";
        } else if (type == Type::kInt64 || type == Type::kDouble) {
          row += *cell;
        } else if (type == Type::kBool) {
          row += *cell == "true" ? "1" : "0";
        } else {
          std::string q;
          for (char ch : *cell) q += ch == '\'' ? std::string("''") : std::string(1, ch);
          row += "'" + q + "'";
        }
      }
      row += ")";
      if (!Exec(row, err)) return false;
    }
    return true;
  }

  // Runs a query; each cell is rendered as text for the given result column
  // types (bool 0/1 -> true/false, numbers for double columns in shortest
  // form), NULL as "NULL", '' as "(empty)".
  bool Query(const std::string& sql, const std::map<std::string, Value>& params,
             const std::vector<Type>& types, std::vector<std::string>* rows, std::string* err) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2_(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      *err = sqlite3_errmsg_(db_);
      return false;
    }
    for (const auto& [name, v] : params) {
      int idx = sqlite3_bind_parameter_index_(st, (":" + name).c_str());
      if (idx == 0) continue;
      switch (v.type) {
        case SqlType::kInt:
        case SqlType::kBool:
          sqlite3_bind_int64_(st, idx, v.i);
          break;
        case SqlType::kDouble:
          sqlite3_bind_double_(st, idx, v.d);
          break;
        case SqlType::kDate: {
          std::string s = FormatDate(static_cast<Days>(v.i));
          sqlite3_bind_text_(st, idx, s.c_str(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
          break;
        }
        default:
          sqlite3_bind_text_(st, idx, v.s.c_str(), static_cast<int>(v.s.size()), SQLITE_TRANSIENT);
      }
    }
    int rc;
    while ((rc = sqlite3_step_(st)) == SQLITE_ROW) {
      int n = sqlite3_column_count_(st);
      if (static_cast<size_t>(n) != types.size()) {
        *err = "column count differs";
        sqlite3_finalize_(st);
        return false;
      }
      std::string line;
      for (int c = 0; c < n; ++c) {
        if (c) line += "|";
        Type want = types[static_cast<size_t>(c)];
        switch (sqlite3_column_type_(st, c)) {
          case SQLITE_NULL:
            line += "NULL";
            break;
          case SQLITE_INTEGER: {
            int64_t i = sqlite3_column_int64_(st, c);
            if (want == Type::kBool) {
              line += i ? "true" : "false";
            } else if (want == Type::kDouble) {
              line += FormatDouble(static_cast<double>(i));
            } else {
              line += std::to_string(i);
            }
            break;
          }
          case SQLITE_FLOAT:
            line += FormatDouble(sqlite3_column_double_(st, c));
            break;
          default: {
            const unsigned char* p = sqlite3_column_text_(st, c);
            std::string s(reinterpret_cast<const char*>(p),
                          static_cast<size_t>(sqlite3_column_bytes_(st, c)));
            line += s.empty() ? "(empty)" : s;
          }
        }
      }
      rows->push_back(line);
    }
    sqlite3_finalize_(st);
    if (rc != SQLITE_DONE) {
      *err = sqlite3_errmsg_(db_);
      return false;
    }
    return true;
  }

 private:
  SqliteOracle() = default;
  void* lib_ = nullptr;
  sqlite3* db_ = nullptr;
  decltype(&::sqlite3_open) sqlite3_open_ = nullptr;
  decltype(&::sqlite3_close) sqlite3_close_ = nullptr;
  decltype(&::sqlite3_exec) sqlite3_exec_ = nullptr;
  decltype(&::sqlite3_prepare_v2) sqlite3_prepare_v2_ = nullptr;
  decltype(&::sqlite3_step) sqlite3_step_ = nullptr;
  decltype(&::sqlite3_finalize) sqlite3_finalize_ = nullptr;
  decltype(&::sqlite3_column_count) sqlite3_column_count_ = nullptr;
  decltype(&::sqlite3_column_type) sqlite3_column_type_ = nullptr;
  decltype(&::sqlite3_column_int64) sqlite3_column_int64_ = nullptr;
  decltype(&::sqlite3_column_double) sqlite3_column_double_ = nullptr;
  decltype(&::sqlite3_column_text) sqlite3_column_text_ = nullptr;
  decltype(&::sqlite3_column_bytes) sqlite3_column_bytes_ = nullptr;
  decltype(&::sqlite3_bind_parameter_index) sqlite3_bind_parameter_index_ = nullptr;
  decltype(&::sqlite3_bind_int64) sqlite3_bind_int64_ = nullptr;
  decltype(&::sqlite3_bind_double) sqlite3_bind_double_ = nullptr;
  decltype(&::sqlite3_bind_text) sqlite3_bind_text_ = nullptr;
  decltype(&::sqlite3_errmsg) sqlite3_errmsg_ = nullptr;
  decltype(&::sqlite3_free) sqlite3_free_ = nullptr;
};

// The query text for SQLite: typed literals DATE '...' / TIMESTAMP '...'
// become plain ISO text, which SQLite compares as text.
inline std::string ForSqlite(const std::string& sql) {
  std::string out;
  size_t i = 0;
  while (i < sql.size()) {
    bool matched = false;
    for (const char* kw : {"DATE '", "TIMESTAMP '", "date '", "timestamp '"}) {
      size_t n = std::char_traits<char>::length(kw);
      bool boundary =
          i == 0 || !(std::isalnum(static_cast<unsigned char>(sql[i - 1])) || sql[i - 1] == '_');
      if (boundary && sql.compare(i, n, kw) == 0) {
        out += '\'';
        i += n;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (sql[i] == '\'') {  // copy string literals unchanged
      size_t end = sql.find('\'', i + 1);
      while (end != std::string::npos && end + 1 < sql.size() && sql[end + 1] == '\'') {
        end = sql.find('\'', end + 2);
      }
      if (end == std::string::npos) end = sql.size() - 1;
      out += sql.substr(i, end - i + 1);
      i = end + 1;
      continue;
    }
    out += sql[i++];
  }
  return out;
}

// Renders result rows like the golden files: cells joined by '|', NULL as
// "NULL", empty strings as "(empty)".
inline std::vector<std::string> RenderRows(const Table& t, const PersonDict& persons) {
  std::vector<std::string> rows;
  for (size_t r = 0; r < t.num_rows(); ++r) {
    std::string line;
    for (size_t c = 0; c < t.num_columns(); ++c) {
      if (c) line += "|";
      auto cell = CellText(t, c, r, &persons);
      line += !cell ? "NULL" : cell->empty() ? "(empty)" : *cell;
    }
    rows.push_back(line);
  }
  return rows;
}

}  // namespace tutela::engine::testing
