// Data-quality report computation and rendering.
#include "ingest/quality.h"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "common/parallel.h"
#include "identity/id_number.h"

namespace tutela::ingest {

namespace {

constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;

// Columns that take part in the exact-duplicate comparison (all but the
// hidden _linked column).
std::vector<size_t> ComparedColumns(const Table& t) {
  std::vector<size_t> cols;
  for (size_t c = 0; c < t.num_columns(); ++c) {
    if (t.schema()[c].name != "_linked") cols.push_back(c);
  }
  return cols;
}

// Stored value of a cell as 64 bits (NULL: a constant; codes within one
// table are comparable).
uint64_t CellBits(const Column& col, size_t r) {
  if (col.IsNull(r)) return 0x9e3779b97f4a7c15ull;
  switch (col.type()) {
    case Type::kInt64:
    case Type::kTimestamp:
      return static_cast<uint64_t>(col.GetInt(r));
    case Type::kDouble: {
      double d = col.GetDouble(r);
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      return bits;
    }
    default:
      return static_cast<uint64_t>(static_cast<uint32_t>(col.GetI32(r)));
  }
}

bool RowsEqual(const Table& t, const std::vector<size_t>& cols, size_t a, size_t b) {
  for (size_t c : cols) {
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

// Rows equal in every field to an earlier row, i.e. rows minus distinct
// rows. Rows are hashed column by column, split into partitions by hash,
// and each partition counts its distinct rows with a flat hash table
// (verifying equal hashes field by field), all in parallel.
int64_t CountExactDuplicates(const Table& t) {
  const size_t n = t.num_rows();
  if (n < 2) return 0;
  const std::vector<size_t> cols = ComparedColumns(t);
  const int threads = DefaultThreads();
  std::vector<uint64_t> hash(n, 1469598103934665603ull);
  const auto ranges = SplitRange(n, static_cast<size_t>(threads) * 4, 1 << 16);
  (void)ParallelFor(ranges.size(), threads, [&](size_t k) {
    for (size_t c : cols) {
      const Column& col = t.column(c);
      for (size_t r = ranges[k].first; r < ranges[k].second; ++r) {
        uint64_t h = (hash[r] ^ CellBits(col, r)) * kMul;
        hash[r] = h ^ (h >> 29);
      }
    }
    return Status::Ok();
  });
  // Partition rows by the top hash bits (counting sort keeps row order).
  constexpr int kBits = 6;
  constexpr size_t kParts = size_t{1} << kBits;
  std::vector<size_t> start(kParts + 1, 0);
  for (uint64_t h : hash) ++start[(h >> (64 - kBits)) + 1];
  for (size_t p = 0; p < kParts; ++p) start[p + 1] += start[p];
  std::vector<uint32_t> rows(n);
  {
    std::vector<size_t> next(start.begin(), start.end() - 1);
    for (size_t r = 0; r < n; ++r) rows[next[hash[r] >> (64 - kBits)]++] = static_cast<uint32_t>(r);
  }
  std::vector<int64_t> dups(kParts, 0);
  (void)ParallelFor(kParts, threads, [&](size_t p) {
    const size_t count = start[p + 1] - start[p];
    size_t capacity = 16;
    while (capacity < 2 * count) capacity *= 2;
    constexpr uint32_t kEmpty = UINT32_MAX;
    std::vector<uint32_t> slots(capacity, kEmpty);
    const size_t mask = capacity - 1;
    for (size_t k = start[p]; k < start[p + 1]; ++k) {
      const uint32_t r = rows[k];
      size_t i = static_cast<size_t>(hash[r] * kMul >> 32) & mask;
      bool dup = false;
      while (slots[i] != kEmpty) {
        const uint32_t other = slots[i];
        if (hash[other] == hash[r] && RowsEqual(t, cols, other, r)) {
          dup = true;
          break;
        }
        i = (i + 1) & mask;
      }
      if (dup) {
        ++dups[p];
      } else {
        slots[i] = r;
      }
    }
    return Status::Ok();
  });
  int64_t total = 0;
  for (int64_t d : dups) total += d;
  return total;
}

void CountInvalidIds(const std::vector<uint8_t>& problems, const Table& t, TableQuality* q) {
  std::set<int32_t> distinct;
  for (size_t c = 0; c < t.num_columns(); ++c) {
    const Column& col = t.column(c);
    if (col.type() != Type::kPersonId) continue;
    for (size_t r = 0; r < t.num_rows(); ++r) {
      if (col.IsNull(r)) continue;
      int32_t code = col.GetI32(r);
      const auto p = static_cast<IdProblem>(problems[static_cast<size_t>(code)]);
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
  // Validation result per person code, read once (the tables refer to codes
  // in any order).
  const PersonDict& persons = catalog.persons();
  std::vector<uint8_t> problems(persons.size());
  for (size_t c = 0; c < problems.size(); ++c) {
    problems[c] = static_cast<uint8_t>(persons.Info(static_cast<int32_t>(c)).problem);
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
    CountInvalidIds(problems, *t, &q);
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
