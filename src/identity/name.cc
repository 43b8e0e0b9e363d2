// Person-name normalisation; wraps OpenCC's t2s converter (created lazily,
// exceptions caught here and turned into "no conversion").
#include "identity/name.h"

#include <opencc/opencc.h>

#include <exception>
#include <memory>

#include "common/text.h"

namespace tutela {

namespace {

struct Converter {
  std::unique_ptr<opencc::SimpleConverter> t2s;
  std::string error;
};

const Converter& GetConverter() {
  static const Converter* const converter = [] {
    auto* c = new Converter();
    // OpenCC resolves a bare file name against its data directory; try the
    // Debian location explicitly as a fallback.
    for (const char* config : {"t2s.json", "/usr/share/opencc/t2s.json"}) {
      try {
        c->t2s = std::make_unique<opencc::SimpleConverter>(config);
        c->error.clear();
        break;
      } catch (const std::exception& e) {
        c->error = std::string("无法加载 OpenCC 繁简转换 / cannot load OpenCC t2s: ") + e.what();
      } catch (...) {
        c->error = "无法加载 OpenCC 繁简转换 / cannot load OpenCC t2s";
      }
    }
    return c;
  }();
  return *converter;
}

bool IsRemovedCodePoint(int32_t cp) {
  switch (cp) {
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case '\v':
    case '\f':
    case '.':
    case 0x00A0:  // no-break space
    case 0x00B7:  // middle dot
    case 0x0387:  // Greek ano teleia (NFKC of it is U+00B7)
    case 0x2022:  // bullet
    case 0x2027:  // hyphenation point
    case 0x202F:  // narrow no-break space
    case 0x205F:  // medium mathematical space
    case 0x2219:  // bullet operator
    case 0x22C5:  // dot operator
    case 0x2E31:  // word separator middle dot
    case 0x3000:  // ideographic space
    case 0x30FB:  // katakana middle dot
    case 0xFEFF:  // zero-width no-break space / BOM
    case 0xFF0E:  // full-width full stop
    case 0xFF65:  // half-width katakana middle dot
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200B;  // en quad .. zero-width space
  }
}

}  // namespace

bool NameConverterAvailable() { return GetConverter().t2s != nullptr; }

std::string NameConverterError() { return GetConverter().error; }

std::string NormalizeName(std::string_view raw) {
  const std::string_view trimmed = Trim(raw);
  const bool ascii = IsAscii(trimmed);
  const std::string folded = ascii ? std::string(trimmed) : Nfkc(trimmed);

  std::string out;
  out.reserve(folded.size());
  size_t pos = 0;
  while (pos < folded.size()) {
    const size_t start = pos;
    int32_t cp;
    if (static_cast<unsigned char>(folded[pos]) < 0x80) {
      cp = static_cast<unsigned char>(folded[pos++]);
    } else {
      cp = DecodeUtf8(folded, &pos);
    }
    if (cp >= 0 && IsRemovedCodePoint(cp)) continue;
    out.append(folded, start, pos - start);  // malformed bytes are kept as is
  }

  if (!ascii && IsValidUtf8(out)) {
    const Converter& c = GetConverter();
    if (c.t2s != nullptr) {
      try {
        out = c.t2s->Convert(out.data(), out.size());
      } catch (...) {
        // Keep the unconverted text: a name is still usable without t2s.
      }
    }
  }
  for (char& ch : out) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  }
  return out;
}

}  // namespace tutela
