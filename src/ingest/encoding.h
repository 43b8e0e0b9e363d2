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
const char* EncodingName(Encoding e);  // "utf-8" or "gb18030" ("auto" for kAuto)

struct DecodedText {
  std::string text;  // UTF-8, BOM removed
  Encoding detected = Encoding::kUtf8;
};

// Decodes a whole file's bytes. With kAuto: a UTF-8 BOM or valid UTF-8 means
// UTF-8, anything else is decoded as GB18030. Bytes that are invalid in the
// chosen encoding are an error naming `file_name`, the 1-based line and the
// 1-based byte column ("persons.csv:3:7: ..."), never silently replaced.
// Refinements: a UTF-8 BOM means UTF-8 even when GB18030 is forced; with
// kAuto, text whose first invalid UTF-8 byte follows many well-formed
// multi-byte UTF-8 characters is reported as damaged UTF-8 rather than
// re-read as GB18030 mojibake; UTF-16 (BOM, or NUL-interleaved start) is an
// error ("不支持 UTF-16 / UTF-16 is not supported").
Result<DecodedText> DecodeToUtf8(std::string_view raw, Encoding encoding,
                                 const std::string& file_name);

// Same, but takes ownership of the bytes so that UTF-8 input is returned
// without a copy (useful for large files).
Result<DecodedText> DecodeOwnedToUtf8(std::string raw, Encoding encoding,
                                      const std::string& file_name);

// Same checks and errors, without copying UTF-8 input: returns the detected
// encoding; UTF-8 text is then raw.substr(*skip) (a BOM skipped), GB18030
// text is written to *converted.
Result<Encoding> DecodeInPlace(std::string_view raw, Encoding encoding,
                               const std::string& file_name, size_t* skip, std::string* converted);

// True when `s` is well-formed UTF-8 by the rules the decoder applies (RFC
// 3629: no overlongs, surrogates or values above U+10FFFF).
bool IsWellFormedUtf8(std::string_view s);

}  // namespace tutela::ingest
