// PieceParser and HeaderResolver: records of a piece of a file into a table.
#include "ingest/piece_parser.h"

#include <fmt/format.h>

#include <algorithm>

namespace tutela::ingest {

namespace {
constexpr int64_t kProgressEvery = 1 << 16;
constexpr int64_t kSampleRows = 4096;
}  // namespace

CellTarget HeaderResolver::Resolve(const std::string& header,
                                   std::vector<std::string>* unknown_columns) {
  CellTarget t;
  t.canonical = MatchHeader(def_, header);
  if (t.canonical < 0) {
    std::string base = NormalizeHeader(header);
    if (base.empty()) base = "_unnamed";
    std::string name = base;
    for (int n = 2; !extra_names_.insert(name).second; ++n) name = fmt::format("{}_{}", base, n);
    t.extra_table_column = builder_->ExtraColumn(name);
    if (unknown_columns) unknown_columns->push_back(name);
  }
  resolved_.emplace_back(header, t);
  return t;
}

const CellTarget& HeaderResolver::ResolveKey(const std::string& key,
                                             std::vector<std::string>* unknown_columns) {
  auto it = key_cache_.find(key);
  if (it == key_cache_.end()) it = key_cache_.emplace(key, Resolve(key, unknown_columns)).first;
  return it->second;
}

PieceParser::PieceParser(const TableDef& def, const PreparedFile& file, size_t piece,
                         RowBuilder* builder, HeaderResolver* resolver, uint16_t file_index,
                         std::vector<RejectEntry>* log, std::vector<int64_t>* log_rows,
                         FileImportStats* stats, RowsProgress progress)
    : file_(file),
      builder_(builder),
      resolver_(resolver),
      file_index_(file_index),
      log_(log),
      log_rows_(log_rows),
      stats_(stats),
      progress_(std::move(progress)) {
  const size_t start = file.cuts[piece];
  const int64_t line = file.cut_lines[piece];
  start_ = start;
  if (file.jsonl) {
    jsonl_ = std::make_unique<JsonlReader>(file.text(), start, line - 1);
    seen_.assign(def.columns.size(), 0);
  } else {
    csv_ = std::make_unique<CsvReader>(file.text(), start, line);
    for (const std::string& cell : file.header) {
      targets_.push_back(resolver->Resolve(cell, &stats->unknown_columns));
    }
  }
}

bool PieceParser::ResumableAt(size_t offset, int64_t line) const {
  if (jsonl_) return jsonl_->offset() == offset;
  return csv_->offset() == offset && csv_->line() == line && csv_->Resumable();
}

void PieceParser::ParseUntil(size_t limit) {
  limit_ = limit;
  // Exactly the records `while (offset() < limit && Next(&rec))` reads, one ahead.
  if (jsonl_) {
    int cur = 0;
    bool have = jsonl_->offset() < limit && jsonl_->Next(&json_rec_[cur]);
    while (have) {
      const bool next = jsonl_->offset() < limit && jsonl_->Next(&json_rec_[cur ^ 1]);
      if (next) Prefetch(json_rec_[cur ^ 1]);
      Jsonl(json_rec_[cur]);
      cur ^= 1;
      have = next;
    }
  } else {
    int cur = 0;
    bool have = csv_->offset() < limit && csv_->Next(&csv_rec_[cur]);
    while (have) {
      const bool next = csv_->offset() < limit && csv_->Next(&csv_rec_[cur ^ 1]);
      if (next) Prefetch(csv_rec_[cur ^ 1]);
      Csv(csv_rec_[cur]);
      cur ^= 1;
      have = next;
    }
  }
  if (progress_ && unreported_ > 0) progress_(unreported_);
  unreported_ = 0;
}

void PieceParser::Prefetch(const CsvRecord& rec) const {
  if (!rec.error.empty() || rec.fields.size() != targets_.size()) return;
  for (size_t i = 0; i < targets_.size(); ++i) builder_->Prefetch(targets_[i], rec.fields[i]);
}

void PieceParser::Prefetch(const JsonlRecord& rec) const {
  if (!rec.error.empty()) return;
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    const JsonField& f = rec.fields[i];
    // Keys are resolved in record order only (that decides extra columns).
    const CellTarget* target = i < recent_keys_.size() && recent_keys_[i].first == f.key
                                   ? &recent_keys_[i].second
                                   : resolver_->Cached(f.key);
    if (target != nullptr && f.text.has_value()) builder_->Prefetch(*target, *f.text);
  }
}

void PieceParser::Tick() {
  if (++stats_->rows_read == kSampleRows && limit_ > start_) {
    // Pre-size the table from the bytes per record so far.
    const size_t done = offset() - start_;
    if (done > 0) {
      const double per_record = static_cast<double>(done) / kSampleRows;
      const auto estimate =
          static_cast<size_t>(static_cast<double>(limit_ - start_) / per_record * 1.05);
      builder_->table()->Reserve(builder_->table()->num_rows() + estimate);
    }
  }
  if (++unreported_ == kProgressEvery) {
    if (progress_) progress_(unreported_);
    unreported_ = 0;
  }
}

void PieceParser::Reject(int32_t line, std::string reason) {
  log_->push_back({file_.base, line, std::nullopt, RejectKind::kReject, std::move(reason)});
  if (log_rows_) log_rows_->push_back(-1);
  ++stats_->rows_rejected;
}

void PieceParser::Csv(const CsvRecord& rec) {
  Tick();
  if (!rec.error.empty()) {
    Reject(rec.line, "CSV 格式错误 / malformed CSV: " + rec.error);
    return;
  }
  const size_t width = targets_.size();
  if (rec.fields.size() != width) {
    Reject(rec.line, fmt::format("字段数不符 / wrong number of fields: expected {}, found {}",
                                 width, rec.fields.size()));
    return;
  }
  builder_->Begin(rec.line);
  for (size_t i = 0; i < width; ++i) builder_->SetCell(targets_[i], rec.fields[i]);
  Finish();
}

void PieceParser::Jsonl(const JsonlRecord& rec) {
  Tick();
  if (!rec.error.empty()) {
    Reject(rec.line, "JSON 格式错误 / malformed JSON: " + rec.error);
    return;
  }
  builder_->Begin(rec.line);
  std::fill(seen_.begin(), seen_.end(), 0);
  size_t k = 0;
  for (const JsonField& f : rec.fields) {
    // Lines usually repeat the keys of the previous one, in the same order.
    if (k == recent_keys_.size()) recent_keys_.emplace_back();
    auto& [recent_key, recent_target] = recent_keys_[k++];
    if (recent_key != f.key) {
      recent_target = resolver_->ResolveKey(f.key, &stats_->unknown_columns);
      recent_key = f.key;
    }
    const CellTarget& t = recent_target;
    if (t.canonical >= 0 && seen_[static_cast<size_t>(t.canonical)]++) {
      builder_->SetDuplicate(t.canonical);
      continue;
    }
    if (f.unsupported) {
      builder_->SetUnsupported(t);
    } else if (f.text.has_value()) {
      builder_->SetCell(t, *f.text);
    }
  }
  Finish();
}

void PieceParser::Finish() {
  bool warned = false;
  const RowBuilder::Outcome outcome = builder_->Finish(file_.base, file_index_, log_, &warned);
  switch (outcome) {
    case RowBuilder::Outcome::kAccepted:
      ++stats_->rows_accepted;
      if (warned) ++stats_->rows_warned;
      break;
    case RowBuilder::Outcome::kRejected:
      ++stats_->rows_rejected;
      break;
    case RowBuilder::Outcome::kDuplicateKey:
      ++stats_->rows_duplicate_key;
      break;
  }
  if (log_rows_) {
    const int64_t row = outcome == RowBuilder::Outcome::kAccepted
                            ? static_cast<int64_t>(builder_->table()->num_rows()) - 1
                            : -1;
    log_rows_->resize(log_->size(), row);
  }
}

}  // namespace tutela::ingest
