// UTF-8 text helpers: NFKC, trimming, full-width folding, case folding.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace tutela {

// True when every byte is < 0x80.
bool IsAscii(std::string_view s);
// True when `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);

// Unicode NFKC (full-width letters and digits become ASCII, U+3000 a space).
// Invalid UTF-8 is returned unchanged.
std::string Nfkc(std::string_view s);

// Removes leading/trailing ASCII whitespace and U+3000 (ideographic space).
std::string_view Trim(std::string_view s);

// ASCII lower-casing; other bytes unchanged.
std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);

// Decodes one UTF-8 code point at s[*pos], advancing *pos; returns -1 (and
// advances by one byte) on a malformed sequence.
int32_t DecodeUtf8(std::string_view s, size_t* pos);
void AppendUtf8(std::string* out, int32_t cp);

}  // namespace tutela
