// Source-file encodings: detection (UTF-8 with or without BOM, else
// GB18030/GBK) and conversion to UTF-8 through iconv. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace tutela::ingest {

enum class Encoding { kAuto, kUtf8, kGb18030 };

// Accepts "auto", "utf-8"/"utf8", "gbk", "gb2312", "gb18030" (case-insensitive);
// GBK and GB2312 are read as their superset GB18030.
Result<Encoding> ParseEncodingName(std::string_view name);
const char* EncodingName(Encoding e);  // "utf-8" or "gb18030"

struct DecodedText {
  std::string text;        // UTF-8, BOM removed
  Encoding detected = Encoding::kUtf8;
};

// Decodes a whole file's bytes. With kAuto: a UTF-8 BOM or valid UTF-8 means
// UTF-8, anything else is decoded as GB18030. Bytes that are invalid in the
// chosen encoding are an error naming `file_name`, the 1-based line and the
// 1-based byte column ("persons.csv:3:7: ..."), never silently replaced.
Result<DecodedText> DecodeToUtf8(std::string_view raw, Encoding encoding,
                                 const std::string& file_name);

}  // namespace tutela::ingest
