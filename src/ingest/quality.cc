// Data-quality report computation and rendering.
#include "ingest/quality.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "identity/id_number.h"

namespace tutela::ingest {

namespace {

// Hash of one row over every column's stored value (codes within one table
// are comparable, so equal hashes are then verified field by field).
uint64_t RowHash(const Table& t, size_t r) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
  for (size_t c = 0; c < t.num_columns(); ++c) {
    if (t.schema()[c].name == "_linked") continue;
    const Column& col = t.column(c);
    if (col.IsNull(r)) {
      mix(0x9e3779b97f4a7c15ull);
      continue;
    }
    switch (col.type()) {
      case Type::kInt64:
      case Type::kTimestamp:
        mix(static_cast<uint64_t>(col.GetInt(r)));
        break;
      case Type::kDouble: {
        double d = col.GetDouble(r);
        uint64_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        mix(bits);
        break;
      }
      default:
        mix(static_cast<uint64_t>(static_cast<uint32_t>(col.GetI32(r))));
        break;
    }
  }
  return h;
}

bool RowsEqual(const Table& t, size_t a, size_t b) {
  for (size_t c = 0; c < t.num_columns(); ++c) {
    if (t.schema()[c].name == "_linked") continue;
    const Column& col = t.column(c);
    if (col.IsNull(a) != col.IsNull(b)) return false;
    if (col.IsNull(a)) continue;
    switch (col.type()) {
      case Type::kInt64:
      case Type::kTimestamp:
        if (col.GetInt(a) != col.GetInt(b)) return false;
        break;
      case Type::kDouble:
        if (col.GetDouble(a) != col.GetDouble(b)) return false;
        break;
      default:
        if (col.GetI32(a) != col.GetI32(b)) return false;
        break;
    }
  }
  return true;
}

// Rows equal in every field to an earlier row: hash every row, sort by hash,
// and compare rows only within runs of equal hashes.
int64_t CountExactDuplicates(const Table& t) {
  std::vector<std::pair<uint64_t, uint32_t>> keyed(t.num_rows());
  for (size_t r = 0; r < t.num_rows(); ++r) keyed[r] = {RowHash(t, r), static_cast<uint32_t>(r)};
  std::sort(keyed.begin(), keyed.end());
  int64_t dups = 0;
  std::vector<uint32_t> distinct;  // first rows of the distinct values in the current run
  for (size_t i = 0; i < keyed.size();) {
    size_t j = i;
    while (j < keyed.size() && keyed[j].first == keyed[i].first) ++j;
    distinct.clear();
    for (size_t k = i; k < j; ++k) {
      bool dup = false;
      for (uint32_t d : distinct) {
        if (RowsEqual(t, d, keyed[k].second)) {
          dup = true;
          break;
        }
      }
      if (dup) {
        ++dups;
      } else {
        distinct.push_back(keyed[k].second);
      }
    }
    i = j;
  }
  return dups;
}

void CountInvalidIds(const Catalog& catalog, const Table& t, TableQuality* q) {
  std::set<int32_t> distinct;
  for (size_t c = 0; c < t.num_columns(); ++c) {
    const Column& col = t.column(c);
    if (col.type() != Type::kPersonId) continue;
    for (size_t r = 0; r < t.num_rows(); ++r) {
      if (col.IsNull(r)) continue;
      int32_t code = col.GetI32(r);
      IdProblem p = catalog.persons().Info(code).problem;
      if (p == IdProblem::kNone) continue;
      ++q->invalid_id_refs;
      if (distinct.insert(code).second) ++q->invalid_ids[IdProblemName(p)];
    }
  }
}

void CountUnknownCharges(const Catalog& catalog, const Table& t, TableQuality* q) {
  int col_idx = t.ColumnIndex("charge");
  const Table* charges = catalog.GetTable("charges");
  if (col_idx < 0 || charges == nullptr) return;
  std::set<std::string> known;
  const Column& names = charges->column(static_cast<size_t>(charges->ColumnIndex("charge")));
  for (size_t r = 0; r < charges->num_rows(); ++r) known.insert(names.GetString(r));
  const Column& col = t.column(static_cast<size_t>(col_idx));
  for (size_t r = 0; r < t.num_rows(); ++r) {
    if (col.IsNull(r)) continue;
    const std::string& c = col.GetString(r);
    if (!known.count(c)) ++q->unknown_charges[c];
  }
}

}  // namespace

QualityReport BuildQualityReport(const Catalog& catalog, const std::vector<ImportResult>& imports,
                                 const std::vector<RejectEntry>& rejects,
                                 const std::map<std::string, LinkStats>& links) {
  QualityReport report;
  for (const RejectEntry& e : rejects) {
    (e.kind == RejectKind::kReject ? report.rejects : report.warnings)++;
  }
  std::map<std::string, std::vector<FileImportStats>> files_by_table;
  for (const ImportResult& imp : imports) {
    for (const FileImportStats& f : imp.files) {
      std::string stem = f.base_name.substr(0, f.base_name.find_last_of('.'));
      files_by_table[stem].push_back(f);
    }
  }
  for (const TableDef& def : AllTables()) {
    const Table* t = catalog.GetTable(def.name);
    if (t == nullptr) continue;
    TableQuality q;
    q.table = def.name;
    q.title_zh = def.title_zh;
    q.rows = static_cast<int64_t>(t->num_rows());
    q.files = files_by_table[def.name];
    for (const FileImportStats& f : q.files) {
      q.rows_read += f.rows_read;
      q.rows_accepted += f.rows_accepted;
      q.rows_rejected += f.rows_rejected;
      q.rows_warned += f.rows_warned;
      q.duplicate_ids += f.rows_duplicate_key;
    }
    q.exact_duplicate_rows = CountExactDuplicates(*t);
    CountInvalidIds(catalog, *t, &q);
    auto lk = links.find(def.name);
    if (lk != links.end()) {
      q.has_links = true;
      q.links = lk->second;
    }
    if (def.name == "judgments" || def.name == "juvenile_cases")
      CountUnknownCharges(catalog, *t, &q);
    report.tables.push_back(std::move(q));
  }
  return report;
}

std::string QualityReportText(const QualityReport& report) {
  std::string out = "数据质量报告 / Data-quality report\n";
  for (const TableQuality& q : report.tables) {
    out += fmt::format("\n== {} {} ==\n", q.table, q.title_zh);
    for (const FileImportStats& f : q.files) {
      out += fmt::format(
          "  文件 file {} ({}, {}): 读取 read {}, 接收 accepted {}, 拒绝 rejected {}, "
          "警告 warned {}, 重复编号 duplicate IDs {}\n",
          f.base_name, f.format, f.encoding, f.rows_read, f.rows_accepted, f.rows_rejected,
          f.rows_warned, f.rows_duplicate_key);
      if (!f.unknown_columns.empty()) {
        std::string cols;
        for (const std::string& c : f.unknown_columns) cols += (cols.empty() ? "" : ", ") + c;
        out += fmt::format("    未知列（已保留）unknown columns (kept): {}\n", cols);
      }
    }
    out += fmt::format("  表中行数 rows in table: {}\n", q.rows);
    out += fmt::format("  完全重复行 exact duplicate rows: {}\n", q.exact_duplicate_rows);
    if (q.invalid_ids.empty()) {
      out += "  无效身份证号 invalid IDs: 0\n";
    } else {
      int64_t total = 0;
      std::string parts;
      for (const auto& [reason, n] : q.invalid_ids) {
        total += n;
        parts += fmt::format("{}{}={}", parts.empty() ? "" : ", ", reason, n);
      }
      out += fmt::format("  无效身份证号 invalid IDs: {} distinct, {} cells ({})\n", total,
                         q.invalid_id_refs, parts);
    }
    if (q.has_links) {
      out += fmt::format(
          "  身份关联 identities: 有证件号 by ID {}, 姓名+出生日期关联 linked {}, "
          "多义未关联 ambiguous {}, 未关联 unlinked {}\n",
          q.links.by_id, q.links.linked, q.links.ambiguous, q.links.unlinked);
    }
    if (!q.unknown_charges.empty()) {
      int64_t rows = 0;
      std::string names;
      for (const auto& [c, n] : q.unknown_charges) {
        rows += n;
        names += fmt::format("{}{}({})", names.empty() ? "" : ", ", c, n);
      }
      out += fmt::format("  未知罪名 unknown charges: {} rows: {}\n", rows, names);
    }
  }
  out += fmt::format("\n拒绝行 rejected rows: {}; 警告 warnings: {}\n", report.rejects,
                     report.warnings);
  return out;
}

std::string QualityReportJson(const QualityReport& report, bool pretty) {
  nlohmann::ordered_json j;
  j["rejected"] = report.rejects;
  j["warnings"] = report.warnings;
  nlohmann::ordered_json tables = nlohmann::ordered_json::array();
  for (const TableQuality& q : report.tables) {
    nlohmann::ordered_json t;
    t["table"] = q.table;
    t["rows"] = q.rows;
    t["rows_read"] = q.rows_read;
    t["rows_accepted"] = q.rows_accepted;
    t["rows_rejected"] = q.rows_rejected;
    t["rows_warned"] = q.rows_warned;
    t["duplicate_ids"] = q.duplicate_ids;
    t["exact_duplicate_rows"] = q.exact_duplicate_rows;
    t["invalid_ids"] = q.invalid_ids;
    t["invalid_id_cells"] = q.invalid_id_refs;
    if (q.has_links) {
      t["identities"] = {{"by_id", q.links.by_id},
                         {"linked", q.links.linked},
                         {"ambiguous", q.links.ambiguous},
                         {"unlinked", q.links.unlinked}};
    }
    if (q.table == "judgments" || q.table == "juvenile_cases") {
      t["unknown_charges"] = q.unknown_charges;
    }
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const FileImportStats& f : q.files) {
      files.push_back({{"file", f.base_name},
                       {"format", f.format},
                       {"encoding", f.encoding},
                       {"bytes", f.bytes},
                       {"rows_read", f.rows_read},
                       {"rows_accepted", f.rows_accepted},
                       {"rows_rejected", f.rows_rejected},
                       {"rows_warned", f.rows_warned},
                       {"duplicate_ids", f.rows_duplicate_key},
                       {"unknown_columns", f.unknown_columns}});
    }
    t["files"] = files;
    tables.push_back(std::move(t));
  }
  j["tables"] = tables;
  return j.dump(pretty ? 2 : -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace tutela::ingest
