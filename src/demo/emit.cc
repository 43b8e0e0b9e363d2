// The row writer and cell helpers shared by the table emitters.
#include "demo/emit.h"

#include <fmt/format.h>

#include "ingest/schema.h"

namespace tutela::demo {

Result<std::unique_ptr<RowWriter>> RowWriter::Open(World& world, const std::string& dir,
                                                   FileSpec spec) {
  const ingest::TableDef* def = ingest::FindTable(spec.table);
  if (def == nullptr) return Status::Internal("unknown demo table " + spec.table);
  Rng rng = world.Stream("file:" + spec.file);
  std::unique_ptr<RowWriter> w(new RowWriter(world, std::move(spec), rng));
  for (const ingest::ColumnDef& c : def->columns) w->columns_.push_back(c.name);
  size_t width = w->columns_.size();
  for (int c : w->spec_.order) width = std::max(width, static_cast<size_t>(c) + 1);
  w->cells_.resize(width);
  w->kinds_.assign(width, 0);
  SinkOptions options;
  options.path = dir + "/" + w->spec_.file;
  options.jsonl = w->spec_.jsonl;
  options.crlf = w->spec_.crlf;
  options.encoding = w->spec_.encoding;
  ASSIGN_OR_RETURN(w->sink_, TableSink::Open(options, w->spec_.header, w->spec_.alt_keys));
  {
    std::lock_guard<std::mutex> lock(world.mu);
    world.file_notes[w->spec_.file] = w->spec_.quirks;
  }
  return w;
}

void RowWriter::Reset() { std::fill(kinds_.begin(), kinds_.end(), 0); }

std::string& RowWriter::Text(int col) {
  std::string& s = cells_[static_cast<size_t>(col)];
  if (kinds_[static_cast<size_t>(col)] == 0) s.clear();
  kinds_[static_cast<size_t>(col)] = 1;
  return s;
}

void RowWriter::Bare(int col, std::string_view text) {
  cells_[static_cast<size_t>(col)].assign(text);
  kinds_[static_cast<size_t>(col)] = 2;
}

int32_t RowWriter::Write(const CellOverride& ov, bool alt_keys) {
  sink_->Begin(alt_keys);
  for (int c : spec_.order) {
    const size_t i = static_cast<size_t>(c);
    if (c == ov.col) {
      if (ov.text.empty() && spec_.jsonl) {
        sink_->Null();
      } else {
        sink_->Cell(ov.text);
      }
    } else if (kinds_[i] == 1) {
      sink_->Cell(cells_[i]);
    } else if (kinds_[i] == 2) {
      sink_->Bare(cells_[i]);
    } else {
      sink_->Null();
    }
  }
  const int32_t line = sink_->End();
  if (ov.col >= 0) {
    std::lock_guard<std::mutex> lock(world_.mu);
    world_.rejects.push_back({spec_.file, line, columns_[static_cast<size_t>(ov.col)], ov.warning});
  }
  return line;
}

void RowWriter::Raw(std::string_view line) {
  const int32_t at = sink_->RawLine(line);
  std::lock_guard<std::mutex> lock(world_.mu);
  world_.rejects.push_back({spec_.file, at, std::nullopt, false});
}

Status RowWriter::Finish() {
  RETURN_IF_ERROR(sink_->Finish());
  std::lock_guard<std::mutex> lock(world_.mu);
  world_.file_stats[spec_.file] = {sink_->records(), sink_->bytes()};
  return Status::Ok();
}

void PutId(RowWriter& w, int col, std::string_view id, int8_t forced, uint32_t per_mille) {
  const IdStyle style = forced >= 0 ? static_cast<IdStyle>(forced) : MixId(w.rng(), per_mille);
  AppendId(&w.Text(col), id, style);
}

void PutDate(RowWriter& w, int col, Days d, DateStyle main, uint32_t mix_per_mille) {
  if (d == kNoDay) return;
  AppendDate(&w.Text(col), d, MixDate(w.rng(), main, mix_per_mille));
}

void PutDateTime(RowWriter& w, int col, Seconds t, DateStyle main, TimeStyle time,
                 uint32_t mix_per_mille) {
  if (t == kNoTime) return;
  AppendDateTime(&w.Text(col), t, MixDate(w.rng(), main, mix_per_mille),
                 MixTime(w.rng(), time, mix_per_mille));
}

void PutEmpty(RowWriter& w, int col, uint32_t marker_per_mille) {
  std::string_view marker = MixEmpty(w.rng(), marker_per_mille);
  if (!marker.empty()) w.Set(col, marker);
}

void PutBool(RowWriter& w, int col, int8_t value, int style) {
  if (value < 0) return;
  static constexpr std::string_view kSpell[4][2] = {
      {"否", "是"}, {"N", "Y"}, {"0", "1"}, {"false", "true"}};
  w.Set(col, kSpell[style & 3][value ? 1 : 0]);
}

void PutInt(RowWriter& w, int col, int64_t v) {
  fmt::format_to(std::back_inserter(w.Text(col)), "{}", v);
}

}  // namespace tutela::demo
