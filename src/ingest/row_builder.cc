// RowBuilder: typed parsing, reject and warning decisions, row append.
#include "ingest/row_builder.h"

#include <algorithm>

#include "common/text.h"
#include "identity/id_number.h"
#include "ingest/value_parser.h"

namespace tutela::ingest {

namespace {

// An ID already in normal form (17 ASCII digits and a digit or X): the
// common case, interned without NormalizeIdNumber's copy.
bool IsNormalIdForm(std::string_view s) {
  if (s.size() != 18) return false;
  for (size_t i = 0; i < 17; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return (s[17] >= '0' && s[17] <= '9') || s[17] == 'X';
}

// Marks `code` in a by-code flag vector; false when it was marked already.
bool MarkSeen(std::vector<char>* seen, int32_t code) {
  const auto i = static_cast<size_t>(code);
  if (i >= seen->size()) seen->resize(std::max(i + 1, seen->size() * 2), 0);
  if ((*seen)[i]) return false;
  (*seen)[i] = 1;
  return true;
}

}  // namespace

RowBuilder::RowBuilder(const TableDef& def, Table* table, PersonDict* persons)
    : def_(def), table_(table), persons_(persons) {
  canonical_to_table_.resize(def.columns.size(), -1);
  for (size_t i = 0; i < def.columns.size(); ++i) {
    int idx = table->ColumnIndex(def.columns[i].name);
    if (idx < 0) {
      idx = static_cast<int>(
          table->AddColumn({def.columns[i].name, StorageType(def.columns[i].kind)}));
    }
    canonical_to_table_[i] = idx;
  }
  is_canonical_.assign(table->num_columns(), 0);
  for (int tc : canonical_to_table_) is_canonical_[static_cast<size_t>(tc)] = 1;
  extra_values_.resize(table->num_columns());
  extra_set_.assign(table->num_columns(), 0);
  cells_.resize(def.columns.size());
  parsed_.resize(def.columns.size());
  if (!def.unique_key.empty()) unique_col_ = def.ColumnIndex(def.unique_key);
}

int RowBuilder::ExtraColumn(const std::string& header) {
  int idx = table_->ColumnIndex(header);
  if (idx >= 0) return is_canonical_[static_cast<size_t>(idx)] ? -1 : idx;
  idx = static_cast<int>(table_->AddColumn({header, Type::kString}));
  is_canonical_.resize(table_->num_columns(), 0);
  extra_values_.resize(table_->num_columns());
  extra_set_.resize(table_->num_columns(), 0);
  return idx;
}

void RowBuilder::Prefetch(const CellTarget& t, std::string_view raw) const {
  int tc = t.extra_table_column;
  if (t.canonical >= 0) {
    const ValueKind kind = def_.columns[static_cast<size_t>(t.canonical)].kind;
    if (kind == ValueKind::kPersonId) {
      persons_->Prefetch(Trim(raw));
      return;
    }
    if (kind != ValueKind::kText) return;
    tc = canonical_to_table_[static_cast<size_t>(t.canonical)];
  }
  if (tc < 0) return;
  const Column& col = table_->column(static_cast<size_t>(tc));
  if (col.type() == Type::kString) col.dict().Prefetch(Trim(raw));
}

void RowBuilder::Begin(int32_t line) {
  line_ = line;
  for (Cell& c : cells_) c = Cell();
  for (int tc : extra_columns_) extra_set_[static_cast<size_t>(tc)] = 0;
  extra_columns_.clear();
}

void RowBuilder::SetCell(const CellTarget& t, std::string_view raw) {
  std::string_view v = Trim(raw);
  if (t.canonical >= 0) {
    Cell& c = cells_[static_cast<size_t>(t.canonical)];
    c.present = !IsEmptyMarker(v);
    c.unsupported = false;
    c.raw = v;
  } else if (t.extra_table_column >= 0) {
    const auto tc = static_cast<size_t>(t.extra_table_column);
    if (!extra_set_[tc]) extra_columns_.push_back(t.extra_table_column);
    extra_set_[tc] = IsEmptyMarker(v) ? 2 : 1;  // 2: given, but missing
    extra_values_[tc] = v;
  }
}

void RowBuilder::SetUnsupported(const CellTarget& t) {
  if (t.canonical >= 0) {
    Cell& c = cells_[static_cast<size_t>(t.canonical)];
    c.present = true;
    c.unsupported = true;
    c.raw = {};
  } else if (t.extra_table_column >= 0) {
    const auto tc = static_cast<size_t>(t.extra_table_column);
    if (!extra_set_[tc]) extra_columns_.push_back(t.extra_table_column);
    extra_set_[tc] = 2;
  }
}

void RowBuilder::SetDuplicate(int canonical) {
  cells_[static_cast<size_t>(canonical)].duplicate = true;
}

bool RowBuilder::ParseCell(const ColumnDef& col, const Cell& cell, Parsed* out) {
  out->null = false;
  if (cell.unsupported) return false;
  switch (col.kind) {
    case ValueKind::kPersonId: {
      if (IsNormalIdForm(cell.raw)) {
        out->i32 = persons_->Intern(cell.raw);
        return true;
      }
      std::string id = NormalizeIdNumber(cell.raw);
      if (id.empty()) return false;
      out->i32 = persons_->Intern(id);
      return true;
    }
    case ValueKind::kText:
      out->text = cell.raw;
      return true;
    case ValueKind::kDate:
      return ParseDate(cell.raw, &out->i32);
    case ValueKind::kDateTime:
      return ParseDateTime(cell.raw, &out->i);
    case ValueKind::kBool: {
      bool b = false;
      if (!ParseBool(cell.raw, &b)) return false;
      out->i32 = b ? 1 : 0;
      return true;
    }
    case ValueKind::kInt:
      return ParseInt(cell.raw, &out->i);
    case ValueKind::kDouble:
      return ParseDouble(cell.raw, &out->d);
    case ValueKind::kLatitude:
      return ParseDouble(cell.raw, &out->d) && out->d >= -90 && out->d <= 90;
    case ValueKind::kLongitude:
      return ParseDouble(cell.raw, &out->d) && out->d >= -180 && out->d <= 180;
    case ValueKind::kRegion:
      if (!ParseRegion(cell.raw, &out->s)) return false;
      out->text = out->s;
      return true;
    case ValueKind::kSex:
      if (!ParseSex(cell.raw, &out->s)) return false;
      out->text = out->s;
      return true;
    case ValueKind::kEnum:
      if (!ParseEnum(col, cell.raw, &out->s)) return false;
      out->text = out->s;
      return true;
  }
  return false;
}

bool RowBuilder::IsNewUniqueKey(const Parsed& key) {
  if (def_.columns[static_cast<size_t>(unique_col_)].kind == ValueKind::kPersonId) {
    return MarkSeen(&seen_person_keys_, key.i32);
  }
  if (seen_text_keys_.find(key.text) != seen_text_keys_.end()) return false;
  seen_text_keys_.emplace(key.text);
  return true;
}

RowBuilder::Outcome RowBuilder::Finish(const std::string& file_base, uint16_t file_index,
                                       std::vector<RejectEntry>* log, bool* warned) {
  *warned = false;
  warnings_.clear();
  // Parse every canonical column; the first required failure rejects.
  for (size_t i = 0; i < def_.columns.size(); ++i) {
    const ColumnDef& col = def_.columns[i];
    const Cell& cell = cells_[i];
    Parsed& p = parsed_[i];
    p.null = true;
    if (cell.duplicate) {
      log->push_back({file_base, line_, col.name, RejectKind::kReject,
                      "同一列出现两次 / column given twice in one record"});
      return Outcome::kRejected;
    }
    if (!cell.present) {
      if (col.required) {
        log->push_back({file_base, line_, col.name, RejectKind::kReject,
                        "缺少必填值 / missing required value"});
        return Outcome::kRejected;
      }
      continue;
    }
    if (!ParseCell(col, cell, &p)) {
      p.null = true;
      std::string shown = cell.unsupported ? "<object/array>" : std::string(cell.raw);
      std::string reason = KindExpectation(col) + ": \"" + shown + "\"";
      if (col.required) {
        log->push_back({file_base, line_, col.name, RejectKind::kReject, std::move(reason)});
        return Outcome::kRejected;
      }
      warnings_.push_back({file_base, line_, col.name, RejectKind::kWarning,
                           reason + "; 按缺失处理 / treated as missing"});
    }
  }
  // Repeated unique key (persons, institutions): keep the first row.
  if (unique_col_ >= 0 && !parsed_[static_cast<size_t>(unique_col_)].null &&
      !IsNewUniqueKey(parsed_[static_cast<size_t>(unique_col_)])) {
    return Outcome::kDuplicateKey;
  }
  for (RejectEntry& w : warnings_) log->push_back(std::move(w));
  *warned = !warnings_.empty();

  for (size_t i = 0; i < def_.columns.size(); ++i) {
    const Parsed& p = parsed_[i];
    Column& col = table_->mutable_column(static_cast<size_t>(canonical_to_table_[i]));
    if (p.null) {
      col.AppendNull();
      continue;
    }
    switch (col.type()) {
      case Type::kInt64:
      case Type::kTimestamp:
        col.AppendInt(p.i);
        break;
      case Type::kDouble:
        col.AppendDouble(p.d);
        break;
      case Type::kString:
        col.AppendString(p.text);
        break;
      default:
        col.AppendI32(p.i32);
        break;
    }
  }
  for (size_t tc = 0; tc < table_->num_columns(); ++tc) {
    if (is_canonical_[tc]) continue;
    Column& col = table_->mutable_column(tc);
    if (extra_set_[tc] == 1 && col.type() == Type::kString) {
      col.AppendString(extra_values_[tc]);
    } else {
      col.AppendNull();
    }
  }
  table_->FinishRow(file_index, line_);
  return Outcome::kAccepted;
}

void RowBuilder::SeedUniqueKeys(const Table& base) {
  if (unique_col_ < 0) return;
  int tc = base.ColumnIndex(def_.unique_key);
  if (tc < 0) return;
  const Column& col = base.column(static_cast<size_t>(tc));
  for (size_t r = 0; r < base.num_rows(); ++r) {
    if (col.IsNull(r)) continue;
    if (col.type() == Type::kPersonId) {
      MarkSeen(&seen_person_keys_, col.GetI32(r));
    } else if (col.type() == Type::kString) {
      seen_text_keys_.emplace(col.GetString(r));
    }
  }
}

}  // namespace tutela::ingest
