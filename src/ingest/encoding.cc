// Encoding detection and conversion to UTF-8: a word-at-a-time UTF-8
// validator, and a GB18030 decoder whose two-byte table is built once from
// glibc iconv (four-byte sequences go through iconv directly).
#include "ingest/encoding.h"

#include <fmt/format.h>
#include <iconv.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "common/text.h"

namespace tutela::ingest {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kGb18030Bom = "\x84\x31\x95\x33";  // U+FEFF in GB18030
// With kAuto, this many well-formed multi-byte UTF-8 characters before the
// first invalid byte mean "damaged UTF-8", not GB18030: GBK text stays valid
// UTF-8 that long with a probability far below one in a million.
constexpr size_t kUtf8Evidence = 8;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;
constexpr size_t kNpos = std::string_view::npos;

uint64_t Load64(const unsigned char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// Index in the word of the first byte (in memory order) with a set high bit.
size_t FirstHighByte(uint64_t masked) {
  if constexpr (std::endian::native == std::endian::little) {
    return static_cast<size_t>(std::countr_zero(masked)) / 8;
  } else {
    return static_cast<size_t>(std::countl_zero(masked)) / 8;
  }
}

// Offset of the first byte not part of a well-formed UTF-8 sequence (RFC 3629:
// no overlongs, surrogates or values above U+10FFFF), or kNpos. `*multibyte`
// counts the well-formed multi-byte sequences before that offset.
size_t FindInvalidUtf8(std::string_view s, size_t* multibyte) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  size_t count = 0;
  while (i < n) {
    if (i + 8 <= n) {
      const uint64_t high = Load64(p + i) & kHighBits;
      if (high == 0) {
        i += 8;
        continue;
      }
      i += FirstHighByte(high);
    } else if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const unsigned char c = p[i];
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      break;
    }
    if (n - i < len || p[i + 1] < lo || p[i + 1] > hi) break;
    if (len >= 3 && (p[i + 2] & 0xC0) != 0x80) break;
    if (len == 4 && (p[i + 3] & 0xC0) != 0x80) break;
    i += len;
    ++count;
  }
  *multibyte = count;
  return i < n ? i : kNpos;
}

// "3:7" style position (1-based line, 1-based byte column) of `offset`.
std::string Locate(std::string_view raw, size_t offset) {
  const size_t line = 1 + static_cast<size_t>(std::count(raw.begin(), raw.begin() + offset, '\n'));
  const size_t nl = offset == 0 ? kNpos : raw.rfind('\n', offset - 1);
  const size_t column = nl == kNpos ? offset + 1 : offset - nl;
  return fmt::format("{}:{}", line, column);
}

// The byte at `offset` and up to three following non-ASCII bytes, as
// "0xE5 0xB8".
std::string HexBytes(std::string_view raw, size_t offset) {
  std::string out;
  for (size_t i = offset; i < raw.size() && i < offset + 4; ++i) {
    if (i > offset && static_cast<unsigned char>(raw[i]) < 0x80) break;
    if (!out.empty()) out += ' ';
    out += fmt::format("0x{:02X}", static_cast<unsigned char>(raw[i]));
  }
  return out;
}

Status DecodeError(const std::string& file, std::string_view raw, size_t offset,
                   std::string_view zh, std::string_view en) {
  const std::string hex = HexBytes(raw, offset);
  return Status::InvalidInput(
      fmt::format("{}:{}: {}（{}）/ {} ({})", file, Locate(raw, offset), zh, hex, en, hex));
}

// RAII iconv descriptor for GB18030 -> UTF-8.
class Gb18030Iconv {
 public:
  Gb18030Iconv() : cd_(iconv_open("UTF-8", "GB18030")) {}
  ~Gb18030Iconv() {
    if (ok()) iconv_close(cd_);
  }
  Gb18030Iconv(const Gb18030Iconv&) = delete;
  Gb18030Iconv& operator=(const Gb18030Iconv&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }

  // Converts exactly `in` (one character) into `out` (room for 8 bytes);
  // returns the number of bytes written, or 0 when `in` is not valid.
  size_t ConvertOne(std::string_view in, char* out) {
    iconv(cd_, nullptr, nullptr, nullptr, nullptr);  // reset after a failure
    char* ip = const_cast<char*>(in.data());
    size_t in_left = in.size();
    char* op = out;
    size_t out_left = 8;
    if (iconv(cd_, &ip, &in_left, &op, &out_left) == static_cast<size_t>(-1) || in_left != 0) {
      return 0;
    }
    return static_cast<size_t>(op - out);
  }

 private:
  iconv_t cd_;
};

// UTF-8 of every two-byte GB18030 character, derived from glibc iconv once.
struct Gb2Entry {
  uint8_t len = 0;  // 0: not a valid two-byte character
  char bytes[4] = {};
};

class Gb2Table {
 public:
  static const Gb2Table& Get() {
    static const Gb2Table table;
    return table;
  }
  bool ok() const { return ok_; }
  size_t max_len() const { return max_len_; }
  const Gb2Entry& At(unsigned char lead, unsigned char trail) const {
    return entries_[static_cast<size_t>(lead - 0x81) * 256 + trail];
  }

 private:
  Gb2Table() : entries_(126 * 256) {
    Gb18030Iconv cd;
    ok_ = cd.ok();
    if (!ok_) return;
    for (int lead = 0x81; lead <= 0xFE; ++lead) {
      for (int trail = 0x40; trail <= 0xFE; ++trail) {
        const char in[2] = {static_cast<char>(lead), static_cast<char>(trail)};
        char out[8];
        const size_t n = cd.ConvertOne(std::string_view(in, 2), out);
        if (n == 0 || n > 4) continue;
        Gb2Entry& e = entries_[static_cast<size_t>(lead - 0x81) * 256 + trail];
        e.len = static_cast<uint8_t>(n);
        std::memcpy(e.bytes, out, n);
        max_len_ = std::max(max_len_, n);
      }
    }
  }

  std::vector<Gb2Entry> entries_;
  size_t max_len_ = 2;
  bool ok_ = false;
};

// Decodes GB18030 into `out`. Returns kNpos on success, else the offset of
// the first byte that does not start a valid character.
size_t DecodeGb18030(std::string_view raw, std::string* out) {
  const Gb2Table& table = Gb2Table::Get();
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  const size_t n = raw.size();
  // Worst case: every two bytes give max_len() bytes; 8 bytes of slack.
  out->resize(n / 2 * table.max_len() + n % 2 + 8);
  char* const begin = out->data();
  char* o = begin;
  Gb18030Iconv four_byte;  // opened eagerly: cheap next to a file read
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n && (Load64(p + i) & kHighBits) == 0) {
      std::memcpy(o, p + i, 8);
      o += 8;
      i += 8;
      continue;
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      *o++ = static_cast<char>(c);
      ++i;
      continue;
    }
    if (c == 0x80 || c == 0xFF || i + 1 >= n) return i;
    const unsigned char t = p[i + 1];
    if (t >= 0x30 && t <= 0x39) {  // four-byte sequence
      if (n - i < 4) return i;
      const size_t len = four_byte.ConvertOne(raw.substr(i, 4), o);
      if (len == 0) return i;
      o += len;
      i += 4;
      continue;
    }
    const Gb2Entry& e = table.At(c, t);
    if (e.len == 0) return i;
    std::memcpy(o, e.bytes, 4);
    o += e.len;
    i += 2;
  }
  out->resize(static_cast<size_t>(o - begin));
  return kNpos;
}

bool LooksLikeUtf16(std::string_view raw) {
  if (raw.starts_with("\xFF\xFE") || raw.starts_with("\xFE\xFF")) return true;
  if (raw.size() < 4) return false;
  const bool le = raw[0] != 0 && raw[1] == 0 && raw[2] != 0 && raw[3] == 0;
  const bool be = raw[0] == 0 && raw[1] != 0 && raw[2] == 0 && raw[3] != 0;
  return le || be;
}

// Shared implementation: the detected encoding; UTF-8 text is raw.substr(*skip),
// GB18030 text is written to *converted.
Result<Encoding> Decode(std::string_view raw, Encoding encoding, const std::string& file,
                        size_t* skip, std::string* converted) {
  if (LooksLikeUtf16(raw)) {
    return Status::InvalidInput(
        fmt::format("{}: 不支持 UTF-16 编码，请另存为 UTF-8 或 GB18030 / UTF-16 is not "
                    "supported; save the file as UTF-8 or GB18030",
                    file));
  }
  size_t multibyte = 0;
  // A UTF-8 BOM wins even over a forced GB18030: decoding it as GB18030 would
  // only produce mojibake.
  const bool bom = raw.starts_with(kUtf8Bom);
  if (bom || encoding == Encoding::kUtf8) {
    *skip = bom ? kUtf8Bom.size() : 0;
    const size_t bad = FindInvalidUtf8(raw.substr(*skip), &multibyte);
    if (bad != kNpos) {
      return DecodeError(file, raw, *skip + bad, "无效的 UTF-8 字节", "invalid UTF-8 byte");
    }
    return Encoding::kUtf8;
  }
  size_t utf8_bad = kNpos;
  if (encoding == Encoding::kAuto) {
    utf8_bad = FindInvalidUtf8(raw, &multibyte);
    if (utf8_bad == kNpos) {
      *skip = 0;
      return Encoding::kUtf8;
    }
    if (multibyte >= kUtf8Evidence) {
      return DecodeError(file, raw, utf8_bad, "无效的 UTF-8 字节（文件其余部分是 UTF-8）",
                         "invalid UTF-8 byte (the file is otherwise UTF-8)");
    }
  }
  if (!Gb2Table::Get().ok()) {
    return Status::Internal("iconv 不支持 GB18030 / iconv cannot convert GB18030");
  }
  const size_t gb_skip = raw.starts_with(kGb18030Bom) ? kGb18030Bom.size() : 0;
  const size_t gb_bad = DecodeGb18030(raw.substr(gb_skip), converted);
  if (gb_bad != kNpos) {
    if (encoding == Encoding::kGb18030) {
      return DecodeError(file, raw, gb_skip + gb_bad, "无效的 GB18030 字节",
                         "invalid GB18030 byte");
    }
    // Neither encoding fits: point at the later failure (the likelier real
    // encoding got further) and name both.
    const size_t where = std::max(utf8_bad, gb_skip + gb_bad);
    const std::string u = Locate(raw, utf8_bad), g = Locate(raw, gb_skip + gb_bad);
    return DecodeError(
        file, raw, where,
        fmt::format("无法解码：UTF-8 在 {} 处无效，GB18030 在 {} 处无效，可用 --encoding 指定编码",
                    u, g),
        fmt::format("cannot decode: invalid UTF-8 at {}, invalid GB18030 at {}; use --encoding", u,
                    g));
  }
  return Encoding::kGb18030;
}

}  // namespace

Result<Encoding> ParseEncodingName(std::string_view name) {
  const std::string n = AsciiLower(Trim(name));
  if (n == "auto") return Encoding::kAuto;
  if (n == "utf-8" || n == "utf8") return Encoding::kUtf8;
  if (n == "gbk" || n == "gb2312" || n == "gb18030") return Encoding::kGb18030;
  return Status::InvalidInput(
      fmt::format("不支持的编码“{}”（可用 auto、utf-8、gbk、gb2312、gb18030）/ unsupported "
                  "encoding '{}' (use auto, utf-8, gbk, gb2312 or gb18030)",
                  name, name));
}

const char* EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kAuto:
      return "auto";
    case Encoding::kUtf8:
      return "utf-8";
    case Encoding::kGb18030:
      return "gb18030";
  }
  return "auto";
}

Result<DecodedText> DecodeToUtf8(std::string_view raw, Encoding encoding,
                                 const std::string& file_name) {
  DecodedText result;
  size_t skip = 0;
  ASSIGN_OR_RETURN(result.detected, Decode(raw, encoding, file_name, &skip, &result.text));
  if (result.detected == Encoding::kUtf8) result.text.assign(raw.substr(skip));
  return result;
}

Result<Encoding> DecodeInPlace(std::string_view raw, Encoding encoding,
                               const std::string& file_name, size_t* skip, std::string* converted) {
  return Decode(raw, encoding, file_name, skip, converted);
}

bool IsWellFormedUtf8(std::string_view s) {
  size_t multibyte = 0;
  return FindInvalidUtf8(s, &multibyte) == kNpos;
}

Result<DecodedText> DecodeOwnedToUtf8(std::string raw, Encoding encoding,
                                      const std::string& file_name) {
  DecodedText result;
  size_t skip = 0;
  ASSIGN_OR_RETURN(result.detected, Decode(raw, encoding, file_name, &skip, &result.text));
  if (result.detected == Encoding::kUtf8) {
    raw.erase(0, skip);
    result.text = std::move(raw);
  }
  return result;
}

}  // namespace tutela::ingest
