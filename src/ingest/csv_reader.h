// RFC 4180 CSV reader over UTF-8 text in memory: quoted fields with embedded
// commas, doubled quotes and newlines; LF and CRLF; tracks the physical line
// on which each record starts. One reader per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tutela::ingest {

struct CsvRecord {
  int32_t line = 0;                     // 1-based physical line where the record starts
  std::vector<std::string_view> fields; // valid until the next call to Next()
  // Non-empty when the record is malformed (e.g. "unterminated quoted field",
  // "text after closing quote"); fields are then unreliable.
  std::string error;
};

class CsvReader {
 public:
  // `text` must outlive the reader.
  explicit CsvReader(std::string_view text);

  // Reads the next record; returns false at end of input. Blank lines (empty
  // or only spaces/tabs, outside quotes) are skipped but counted. A quoted
  // field left open at end of input yields a record with `error` set, and
  // reading resumes on the physical line after that record's first line, so
  // the rows after a stray quote are not lost.
  bool Next(CsvRecord* record);

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int32_t line_ = 1;
  std::vector<std::string> unescaped_;  // storage for fields with doubled quotes
};

}  // namespace tutela::ingest
