// RFC 4180 CSV reader over UTF-8 text in memory: quoted fields with embedded
// commas, doubled quotes and newlines; LF and CRLF; tracks the physical line
// on which each record starts. One reader per thread.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace tutela::ingest {

struct CsvRecord {
  int32_t line = 0;  // 1-based physical line where the record starts
  // Views into the text or the reader; valid until the second call to Next()
  // after the one that filled them (so a caller may read one record ahead).
  std::vector<std::string_view> fields;
  // Non-empty when the record is malformed (e.g. "unterminated quoted field",
  // "text after closing quote"); fields are then unreliable.
  std::string error;
};

class CsvReader {
 public:
  // `text` must outlive the reader. Reading starts at byte `start`, which
  // lies on physical line `line` (both describe where a previous reader of the
  // same text stopped, so that a file can be read in pieces).
  explicit CsvReader(std::string_view text, size_t start = 0, int64_t line = 1);

  // Reads the next record; returns false at end of input. Blank lines (empty
  // or only spaces/tabs, outside quotes) are skipped but counted. A quoted
  // field left open at end of input yields a record with `error` set, and
  // reading resumes on the physical line after that record's first line, so
  // the rows after a stray quote are not lost. The same holds for any
  // malformed record: text other than spaces/tabs between a closing quote and
  // the next comma or line end ("text after closing quote") ends the record
  // there, and reading resumes on the line after its first line (for a
  // one-line record, simply the next line). Fields are not trimmed; a quote
  // inside an unquoted field is literal; a lone CR is data, CR LF (or a CR
  // at end of input) ends a line.
  bool Next(CsvRecord* record);

  // Byte offset and physical line where the next record would start.
  size_t offset() const { return pos_; }
  int64_t line() const { return line_; }
  // True when nothing learnt from earlier records can change how the rest is
  // read: a fresh reader started at (offset(), line()) reads the same records.
  bool Resumable() const { return sync_.empty() || sync_.back() < pos_; }

 private:
  // Storage for the current record's fields with doubled quotes; a deque so
  // that growing it never moves a string a field already points into. Two
  // sets, used by alternate records.
  std::string* NextUnescapeBuffer();
  // True when `offset` is a field start already known to lead to `sync_error_`.
  bool AtSyncPoint(size_t offset);
  // Sets `error`, remembers the record's field starts, resumes on the line
  // after the record's first line; returns true.
  bool Malformed(CsvRecord* record, std::string_view error, size_t record_start, int64_t start_line,
                 bool sync_hit);

  std::string_view text_;
  size_t pos_ = 0;
  int64_t line_ = 1;  // physical line at pos_ (64-bit: huge files)
  std::deque<std::string> unescaped_[2];
  size_t unescaped_used_ = 0;
  int unescaped_set_ = 0;
  // Re-reading after a malformed multi-line record could revisit the same
  // text again and again (quadratic time). Field starts past the first line
  // of a malformed record are remembered: reaching one again in the same
  // state means the same error follows, so the record stops there.
  std::vector<size_t> starts_;  // current record, once it spans lines
  std::deque<size_t> sync_;     // ascending
  std::string sync_error_;
};

}  // namespace tutela::ingest
