// JSON Lines reader: one JSON object per physical line, blank lines skipped.
// Values are turned into text the importer parses like CSV cells. One reader
// per thread. Library exceptions (nlohmann::json) stop here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tutela::ingest {

struct JsonField {
  std::string key;                  // as written in the object (header rules applied later)
  std::optional<std::string> text;  // nullopt for JSON null
  bool unsupported = false;         // an object or array value: unparsable
};

struct JsonlRecord {
  int32_t line = 0;               // 1-based physical line
  std::vector<JsonField> fields;  // in the object's key order (storage reused across records)
  std::string error;              // non-empty when the line is not a JSON object
};

class JsonlReader {
 public:
  // `text` must outlive the reader. Reading starts at byte `start` (0 or just
  // after a newline), which lies on physical line `lines_before` + 1.
  explicit JsonlReader(std::string_view text, size_t start = 0, int64_t lines_before = 0);
  // Strings stay as written; integers print exactly (an 18-digit number keeps
  // every digit); other numbers in the shortest form that reads back the
  // same; booleans as "true"/"false". A value too large for 64 bits keeps its
  // JSON text. Repeated keys are all kept, in order. A line that is not one
  // JSON object gives a record with `error` set (with the byte column).
  bool Next(JsonlRecord* record);
  // Byte offset where the next record would be read (just after a newline or at the end).
  size_t offset() const { return pos_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int64_t line_ = 0;  // physical lines consumed so far (64-bit: huge files)
};

}  // namespace tutela::ingest
