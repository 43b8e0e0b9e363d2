// Person-name normalisation; wraps OpenCC's t2s converter (created lazily,
// exceptions caught here and turned into "no conversion"), skipped for text
// none of whose characters occurs in its dictionaries' keys.
#include "identity/name.h"

#include <exception>
#include <memory>
#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Dict.hpp>
#include <opencc/DictEntry.hpp>
#include <opencc/Lexicon.hpp>
#include <string_view>
#include <vector>

#include "common/text.h"

namespace tutela {

namespace {

struct Converter {
  opencc::ConverterPtr t2s;
  std::string error;
  // Code points that occur in a key of any dictionary of the conversion
  // chain. Text without any of them cannot match a key, so t2s leaves it
  // unchanged (true of almost every simplified name): the conversion, by far
  // the slowest step, is skipped. Empty when the keys could not be listed.
  std::vector<uint64_t> key_code_points;

  bool MayChange(std::string_view text) const {
    if (key_code_points.empty()) return true;
    size_t pos = 0;
    while (pos < text.size()) {
      const int32_t cp = DecodeUtf8(text, &pos);
      if (cp < 0) return true;
      const auto i = static_cast<size_t>(cp);
      if (i / 64 < key_code_points.size() && (key_code_points[i / 64] >> (i % 64)) & 1) {
        return true;
      }
    }
    return false;
  }
};

// Lists the code points of every dictionary key of the chain; leaves the set
// empty (always convert) when something is not as expected.
void CollectKeyCodePoints(Converter* c) {
  std::vector<uint64_t> bits(0x110000 / 64, 0);
  try {
    for (const opencc::ConversionPtr& conversion : c->t2s->GetConversionChain()->GetConversions()) {
      const opencc::LexiconPtr lexicon = conversion->GetDict()->GetLexicon();
      if (lexicon == nullptr) return;
      for (const auto& entry : *lexicon) {
        const std::string key = entry->Key();
        size_t pos = 0;
        while (pos < key.size()) {
          const int32_t cp = DecodeUtf8(key, &pos);
          if (cp < 0) return;
          bits[static_cast<size_t>(cp) / 64] |= uint64_t{1} << (static_cast<size_t>(cp) % 64);
        }
      }
    }
  } catch (...) {
    return;
  }
  c->key_code_points = std::move(bits);
}

const Converter& GetConverter() {
  static const Converter* const converter = [] {
    auto* c = new Converter();
    // OpenCC resolves a bare file name against its data directory; try the
    // Debian location explicitly as a fallback.
    for (const char* config : {"t2s.json", "/usr/share/opencc/t2s.json"}) {
      try {
        opencc::Config loader;
        c->t2s = loader.NewFromFile(config);
        c->error.clear();
        break;
      } catch (const std::exception& e) {
        c->error = std::string("无法加载 OpenCC 繁简转换 / cannot load OpenCC t2s: ") + e.what();
      } catch (...) {
        c->error = "无法加载 OpenCC 繁简转换 / cannot load OpenCC t2s";
      }
    }
    if (c->t2s != nullptr) CollectKeyCodePoints(c);
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
    if (c.t2s != nullptr && c.MayChange(out)) {
      try {
        out = c.t2s->Convert(out);
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
