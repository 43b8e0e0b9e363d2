// TableSink: streams one demo table file (CSV or JSON Lines) through a large
// buffer into a temporary file beside the target, optionally re-encoding to
// GB18030, and renames it into place on Finish. Tracks the physical line on
// which each record starts, as the importer counts them. Owns its file; one
// sink per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace tutela::demo {

enum class FileEncoding { kUtf8, kUtf8Bom, kGb18030 };

struct SinkOptions {
  std::string path;  // final path
  bool jsonl = false;
  bool crlf = false;  // CSV only
  FileEncoding encoding = FileEncoding::kUtf8;
};

class TableSink {
 public:
  // CSV: `header` is written as the first line. JSON Lines: `header[i]` is
  // the key of cell i, and `alt_keys[i]` the key used by records begun with
  // Begin(true) (may be empty: then header is used).
  static Result<std::unique_ptr<TableSink>> Open(const SinkOptions& options,
                                                 std::vector<std::string> header,
                                                 std::vector<std::string> alt_keys = {});
  ~TableSink();
  TableSink(const TableSink&) = delete;
  TableSink& operator=(const TableSink&) = delete;

  // Starts a record; the cells follow in header order.
  void Begin(bool alt_keys = false);
  // A text cell: CSV-quoted when needed; a JSON string.
  void Cell(std::string_view text);
  // A cell written as it is in CSV and as a bare JSON number or literal.
  void Bare(std::string_view text);
  // A missing value: CSV empty field; JSON null.
  void Null();
  // Ends the record; returns the physical line on which it started.
  int32_t End();
  // A verbatim line (a deliberately malformed record); returns its line.
  int32_t RawLine(std::string_view line);
  void BlankLine();

  int32_t next_line() const { return line_; }
  int64_t records() const { return records_; }
  int64_t bytes() const { return bytes_; }

  // Flushes, fsyncs and renames into place. Must be called once.
  Status Finish();

 private:
  explicit TableSink(const SinkOptions& options);
  void AppendCsvCell(std::string_view text);
  void AppendJsonString(std::string_view text);
  void NextKey();
  void MaybeFlush();
  void Flush();
  void WriteOut(std::string_view bytes);

  SinkOptions options_;
  std::vector<std::string> keys_, alt_keys_;
  std::string tmp_path_;
  int fd_ = -1;
  void* iconv_ = nullptr;  // iconv_t when re-encoding
  std::string buf_;
  std::string converted_;
  size_t record_start_ = 0;  // offset in buf_ of the current record
  size_t cell_ = 0;          // index of the next cell in the record
  bool alt_ = false;
  int32_t line_ = 1;
  int64_t records_ = 0;
  int64_t bytes_ = 0;
  Status status_;
  bool finished_ = false;
};

}  // namespace tutela::demo
