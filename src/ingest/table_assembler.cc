// TableAssembler: exact merging of separately parsed pieces into one table.
#include "ingest/table_assembler.h"

#include <algorithm>

#include "common/parallel.h"

namespace tutela::ingest {

namespace {

// Copies a table, giving every string column its own dictionary, so that
// appending never mutates a dictionary another reader may share.
std::shared_ptr<Table> DeepCopy(const Table& base) {
  auto t = std::make_shared<Table>(base);
  for (size_t i = 0; i < t->num_columns(); ++i) {
    Column& c = t->mutable_column(i);
    if (c.type() == Type::kString) c.set_dict(std::make_shared<StringDict>(c.dict()));
  }
  return t;
}

// A piece's own table: the file entry first, so that its rows carry index 0.
std::shared_ptr<Table> PieceTable(const TableDef& def, const PreparedFile& file) {
  auto t = std::make_shared<Table>(def.name, std::vector<ColumnSpec>{});
  t->AddFile(file.base);
  return t;
}

bool IsIdentity(const std::vector<int32_t>& map) {
  for (size_t i = 0; i < map.size(); ++i) {
    if (map[i] != static_cast<int32_t>(i)) return false;
  }
  return true;
}

void MarkSeen(std::vector<char>* seen, int32_t code) {
  const auto i = static_cast<size_t>(code);
  if (i >= seen->size()) seen->resize(std::max(i + 1, seen->size() * 2), 0);
  (*seen)[i] = 1;
}

bool IsSeen(const std::vector<char>& seen, int32_t code) {
  const auto i = static_cast<size_t>(code);
  return i < seen.size() && seen[i];
}

}  // namespace

Piece::Piece(const TableDef& def, const PreparedFile& file, size_t index, RowsProgress progress)
    : table(PieceTable(def, file)),
      persons(PersonDict::PackedOnly()),
      builder(def, table.get(), &persons),
      resolver(def, &builder),
      parser(def, file, index, &builder, &resolver, /*file_index=*/0, &log, &log_rows, &stats,
             std::move(progress)) {}

TableAssembler::TableAssembler(const TableDef& def, std::shared_ptr<const Table> base,
                               PersonDict* persons, int threads)
    : def_(def), persons_(persons), threads_(threads) {
  result_.table =
      base ? DeepCopy(*base) : std::make_shared<Table>(def.name, std::vector<ColumnSpec>{});
  builder_ = std::make_unique<RowBuilder>(def, result_.table.get(), persons);
  fresh_ = base == nullptr;
  for (size_t i = 0; i < def.columns.size(); ++i) {
    const int tc = builder_->TableColumn(static_cast<int>(i));
    if (result_.table->schema()[static_cast<size_t>(tc)].type != StorageType(def.columns[i].kind))
      can_merge_ = false;
  }
  if (!def.unique_key.empty()) {
    unique_col_ = def.ColumnIndex(def.unique_key);
    unique_person_ = def.columns[static_cast<size_t>(unique_col_)].kind == ValueKind::kPersonId;
  }
  if (base) {
    builder_->SeedUniqueKeys(*base);
    if (unique_col_ >= 0 && can_merge_) {
      const Column& col =
          result_.table->column(static_cast<size_t>(builder_->TableColumn(unique_col_)));
      for (size_t r = 0; r < col.size(); ++r) {
        if (!col.IsNull(r)) MarkSeen(&seen_, col.GetI32(r));
      }
    }
  }
}

void TableAssembler::BeginFile(const PreparedFile& file) {
  file_ = &file;
  stats_ = FileImportStats();
  stats_.path = file.path;
  stats_.base_name = file.base;
  stats_.encoding = file.encoding;
  stats_.format = file.jsonl ? "jsonl" : "csv";
  stats_.bytes = file.bytes;
  resolver_ = std::make_unique<HeaderResolver>(def_, builder_.get());
  header_targets_.clear();
  header_resolved_ = false;
  if (file.jsonl || file.has_header) file_index_ = result_.table->AddFile(file.base);
}

void TableAssembler::ParseWhole(const PreparedFile& file, RowsProgress progress) {
  if (file.pieces() == 0) return;
  PieceParser parser(def_, file, 0, builder_.get(), resolver_.get(), file_index_, &result_.rejects,
                     nullptr, &stats_, std::move(progress));
  parser.ParseUntil(file.text().size());
  fresh_ = false;
}

int64_t TableAssembler::EndFile() {
  result_.files.push_back(stats_);
  file_ = nullptr;
  resolver_.reset();
  return stats_.rows_read;
}

std::vector<int> TableAssembler::MapColumns(Piece* piece) {
  std::vector<int> map(piece->table->num_columns(), -1);
  for (size_t i = 0; i < def_.columns.size(); ++i) {
    map[static_cast<size_t>(piece->builder.TableColumn(static_cast<int>(i)))] =
        builder_->TableColumn(static_cast<int>(i));
  }
  const auto& resolved = piece->resolver.resolved();
  if (!file_->jsonl) {
    if (!header_resolved_) {
      for (const std::string& cell : file_->header) {
        header_targets_.push_back(resolver_->Resolve(cell, &stats_.unknown_columns));
      }
      header_resolved_ = true;
    }
    for (size_t h = 0; h < resolved.size() && h < header_targets_.size(); ++h) {
      const int local = resolved[h].second.extra_table_column;
      if (local >= 0) map[static_cast<size_t>(local)] = header_targets_[h].extra_table_column;
    }
  } else {
    for (const auto& [key, target] : resolved) {
      const CellTarget& global = resolver_->ResolveKey(key, &stats_.unknown_columns);
      if (target.extra_table_column >= 0) {
        map[static_cast<size_t>(target.extra_table_column)] = global.extra_table_column;
      }
    }
  }
  return map;
}

bool TableAssembler::TryAdopt(Piece* piece, const std::vector<int>& columns) {
  Table& g = *result_.table;
  Table& l = *piece->table;
  if (!fresh_ || g.num_rows() != 0 || g.num_columns() != l.num_columns() || file_index_ != 0 ||
      g.files().size() != 1) {
    return false;
  }
  for (size_t c = 0; c < columns.size(); ++c) {
    if (columns[c] != static_cast<int>(c) || g.schema()[c].name != l.schema()[c].name ||
        g.schema()[c].type != l.schema()[c].type) {
      return false;
    }
  }
  for (size_t c = 0; c < columns.size(); ++c) g.mutable_column(c) = std::move(l.mutable_column(c));
  g.mutable_lines() = std::move(l.mutable_lines());
  g.mutable_file_index() = std::move(l.mutable_file_index());
  return true;
}

void TableAssembler::CheckUniqueKeys(Piece* piece, const std::vector<int32_t>& person_map,
                                     std::vector<char>* keep, std::vector<int32_t>* unique_map) {
  const Column& col =
      piece->table->column(static_cast<size_t>(piece->builder.TableColumn(unique_col_)));
  keep->assign(col.size(), 1);
  if (unique_person_) {
    for (size_t r = 0; r < col.size(); ++r) {
      if (col.IsNull(r)) continue;
      const int32_t g = person_map[static_cast<size_t>(col.GetI32(r))];
      if (IsSeen(seen_, g)) {
        (*keep)[r] = 0;
      } else {
        MarkSeen(&seen_, g);
      }
    }
    return;
  }
  StringDict& global =
      result_.table->mutable_column(static_cast<size_t>(builder_->TableColumn(unique_col_)))
          .mutable_dict();
  const StringDict& local = col.dict();
  unique_map->assign(local.size(), -1);
  for (size_t r = 0; r < col.size(); ++r) {
    if (col.IsNull(r)) continue;
    const auto lc = static_cast<size_t>(col.GetI32(r));
    int32_t g = (*unique_map)[lc];
    if (g < 0) g = global.Find(local.Get(static_cast<int32_t>(lc)));
    if (g >= 0 && IsSeen(seen_, g)) {
      (*unique_map)[lc] = g;
      (*keep)[r] = 0;
      continue;
    }
    if (g < 0) g = global.Intern(local.Get(static_cast<int32_t>(lc)));
    (*unique_map)[lc] = g;
    MarkSeen(&seen_, g);
  }
}

void TableAssembler::MergePiece(Piece* piece) {
  const std::vector<int32_t> person_map = persons_->MergeFrom(&piece->persons);
  const std::vector<int> columns = MapColumns(piece);
  Table& g = *result_.table;
  Table& l = *piece->table;
  const size_t n = l.num_rows();
  std::vector<char> keep;
  std::vector<int32_t> unique_map;
  size_t dropped = 0;

  if (TryAdopt(piece, columns)) {
    if (!IsIdentity(person_map)) {
      std::vector<std::pair<size_t, std::pair<size_t, size_t>>> tasks;  // column, rows
      for (size_t c = 0; c < g.num_columns(); ++c) {
        if (g.column(c).type() != Type::kPersonId) continue;
        for (auto range : SplitRange(g.num_rows(), static_cast<size_t>(threads_), 1 << 16)) {
          tasks.push_back({c, range});
        }
      }
      (void)ParallelFor(tasks.size(), threads_, [&](size_t t) {
        g.mutable_column(tasks[t].first)
            .MapCodes(person_map, tasks[t].second.first, tasks[t].second.second);
        return Status::Ok();
      });
    }
    if (unique_col_ >= 0) {
      const Column& col = g.column(static_cast<size_t>(builder_->TableColumn(unique_col_)));
      for (size_t r = 0; r < col.size(); ++r) {
        if (!col.IsNull(r)) MarkSeen(&seen_, col.GetI32(r));
      }
    }
  } else {
    if (unique_col_ >= 0) {
      CheckUniqueKeys(piece, person_map, &keep, &unique_map);
      dropped = static_cast<size_t>(std::count(keep.begin(), keep.end(), 0));
    }
    const std::vector<char>* kept = dropped > 0 ? &keep : nullptr;
    const size_t kept_rows = n - dropped;
    std::vector<int> source(g.num_columns(), -1);  // global column -> piece column
    for (size_t c = 0; c < columns.size(); ++c) {
      if (columns[c] >= 0) source[static_cast<size_t>(columns[c])] = static_cast<int>(c);
    }
    const int unique_global = unique_col_ >= 0 ? builder_->TableColumn(unique_col_) : -1;
    // Columns are independent (each has its own dictionary): one task each.
    (void)ParallelFor(g.num_columns(), threads_, [&](size_t gc) {
      Column& out = g.mutable_column(gc);
      if (source[gc] < 0 || out.type() != l.column(static_cast<size_t>(source[gc])).type()) {
        out.AppendNulls(kept_rows);
        return Status::Ok();
      }
      const Column& in = l.column(static_cast<size_t>(source[gc]));
      if (out.type() == Type::kPersonId) {
        out.AppendRows(in, kept, &person_map);
      } else if (out.type() == Type::kString) {
        // Intern in row order (as one pass would), each distinct value once.
        std::vector<int32_t> code_map;
        if (static_cast<int>(gc) == unique_global && !unique_person_) {
          code_map = std::move(unique_map);
        } else {
          code_map.assign(in.dict().size(), -1);
        }
        StringDict& dict = out.mutable_dict();
        const StringDict& from = in.dict();
        for (size_t r = 0; r < n; ++r) {
          if ((kept && !keep[r]) || in.IsNull(r)) continue;
          int32_t& m = code_map[static_cast<size_t>(in.GetI32(r))];
          if (m < 0) m = dict.Intern(from.Get(in.GetI32(r)));
        }
        out.AppendRows(in, kept, &code_map);
      } else {
        out.AppendRows(in, kept, nullptr);
      }
      return Status::Ok();
    });
    for (size_t r = 0; r < n; ++r) {
      if (!kept || keep[r]) g.FinishRow(file_index_, l.lines()[r]);
    }
  }

  size_t dropped_warned = 0;
  int64_t last_row = -1;
  for (size_t i = 0; i < piece->log.size(); ++i) {
    const int64_t row = piece->log_rows[i];
    if (row >= 0 && dropped > 0 && !keep[static_cast<size_t>(row)]) {
      if (row != last_row) ++dropped_warned;
      last_row = row;
      continue;
    }
    result_.rejects.push_back(std::move(piece->log[i]));
  }
  const FileImportStats& s = piece->stats;
  stats_.rows_read += s.rows_read;
  stats_.rows_rejected += s.rows_rejected;
  stats_.rows_accepted += s.rows_accepted - static_cast<int64_t>(dropped);
  stats_.rows_warned += s.rows_warned - static_cast<int64_t>(dropped_warned);
  stats_.rows_duplicate_key += s.rows_duplicate_key + static_cast<int64_t>(dropped);
  fresh_ = false;
}

}  // namespace tutela::ingest
