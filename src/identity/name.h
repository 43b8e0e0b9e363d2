// Person-name normalisation for identity linking: trim, remove spaces and
// middle-dot variants, full-width to half-width, traditional to simplified
// Chinese (OpenCC t2s), ASCII letters upper-cased. Thread-safe (the converter
// is created once, under a lock, and OpenCC conversion itself is thread-safe).
#pragma once

#include <string>
#include <string_view>

namespace tutela {

// Steps, in order:
//  1. trim (ASCII whitespace, U+3000);
//  2. NFKC (full-width letters/digits/punctuation to half-width);
//  3. remove all whitespace (ASCII, U+3000, U+00A0, U+2000-U+200B, U+202F,
//     U+205F, U+FEFF) and the middle-dot variants . · • ‧ ・ ･ ． ∙ ⋅ ⸱ (U+002E,
//     U+00B7, U+0387, U+2022, U+2027, U+30FB, U+FF65, U+FF0E, U+2219, U+22C5,
//     U+2E31);
//  4. traditional to simplified Chinese with OpenCC "t2s.json" (skipped for
//     ASCII-only or malformed UTF-8 text, or when OpenCC cannot be loaded);
//  5. ASCII letters upper-cased, so "John Smith" and "JOHN SMITH" both become
//     "JOHNSMITH".
// Examples: "張 三" -> "张三", "阿依古丽·买买提" -> "阿依古丽买买提", "ＡＢＣ" -> "ABC".
std::string NormalizeName(std::string_view raw);

// True when the OpenCC t2s converter was loaded. When false, NormalizeName
// still applies every other step but leaves traditional characters as they are.
bool NameConverterAvailable();
// Why the converter could not be loaded (for diagnostics); empty when available.
std::string NameConverterError();

}  // namespace tutela
