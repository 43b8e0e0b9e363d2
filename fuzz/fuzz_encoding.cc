// libFuzzer target for ingest::DecodeToUtf8: the output is valid UTF-8; UTF-8
// input comes back unchanged; GB18030 output and error offsets agree with
// plain glibc iconv over the whole buffer; errors name a position inside the
// input.
#include <iconv.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/text.h"
#include "fuzz_check.h"
#include "ingest/encoding.h"

namespace {

using tutela::IsValidUtf8;
using tutela::ingest::DecodedText;
using tutela::ingest::DecodeOwnedToUtf8;
using tutela::ingest::DecodeToUtf8;
using tutela::ingest::Encoding;

constexpr std::string_view kFile = "fuzz.csv";
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kGbBom = "\x84\x31\x95\x33";

// The documented UTF-16 rule: a UTF-16 BOM, or NULs interleaved in the first
// four bytes.
bool LooksLikeUtf16(std::string_view raw) {
  if (raw.starts_with("\xFF\xFE") || raw.starts_with("\xFE\xFF")) return true;
  if (raw.size() < 4) return false;
  return (raw[0] != 0 && raw[1] == 0 && raw[2] != 0 && raw[3] == 0) ||
         (raw[0] == 0 && raw[1] != 0 && raw[2] == 0 && raw[3] != 0);
}

// Whole-buffer GB18030 -> UTF-8 with glibc iconv. Returns npos on success,
// else the offset of the first byte iconv could not convert.
size_t IconvGb18030(std::string_view in, std::string* out) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  FUZZ_CHECK(cd != reinterpret_cast<iconv_t>(-1));
  out->assign(in.size() * 4 + 16, '\0');
  char* ip = const_cast<char*>(in.data());
  size_t in_left = in.size();
  char* op = out->data();
  size_t out_left = out->size();
  const size_t r = iconv(cd, &ip, &in_left, &op, &out_left);
  iconv_close(cd);
  out->resize(out->size() - out_left);
  if (r == static_cast<size_t>(-1)) return static_cast<size_t>(ip - in.data());
  return std::string_view::npos;
}

// "line:column" of a byte offset, as the decoder reports it.
std::string Position(std::string_view raw, size_t offset) {
  const size_t line = 1 + static_cast<size_t>(std::count(raw.begin(), raw.begin() + offset, '\n'));
  const size_t nl = offset == 0 ? std::string_view::npos : raw.rfind('\n', offset - 1);
  const size_t column = nl == std::string_view::npos ? offset + 1 : offset - nl;
  return std::to_string(line) + ":" + std::to_string(column);
}

// Checks "fuzz.csv:L:C: ..." with L:C inside the input; returns "L:C".
std::string CheckErrorPosition(std::string_view raw, const std::string& msg) {
  FUZZ_CHECK(IsValidUtf8(msg));
  FUZZ_CHECK(msg.starts_with(std::string(kFile) + ":"));
  const char* p = msg.c_str() + kFile.size() + 1;
  char* end = nullptr;
  const long line = std::strtol(p, &end, 10);
  FUZZ_CHECK(end != p && *end == ':');
  const char* q = end + 1;
  const long column = std::strtol(q, &end, 10);
  FUZZ_CHECK(end != q && *end == ':');
  FUZZ_CHECK(line >= 1 && line <= 1 + std::count(raw.begin(), raw.end(), '\n'));
  FUZZ_CHECK(column >= 1 && static_cast<size_t>(column) <= raw.size());
  return std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const bool utf16 = LooksLikeUtf16(raw);
  const bool bom = raw.starts_with(kUtf8Bom);
  const std::string_view after_bom = bom ? raw.substr(kUtf8Bom.size()) : raw;

  // Auto detection.
  auto a = DecodeToUtf8(raw, Encoding::kAuto, std::string(kFile));
  auto owned = DecodeOwnedToUtf8(std::string(raw), Encoding::kAuto, std::string(kFile));
  FUZZ_CHECK(a.ok() == owned.ok());
  if (a.ok()) {
    FUZZ_CHECK(!utf16);
    FUZZ_CHECK(IsValidUtf8(a->text));
    FUZZ_CHECK(owned->text == a->text && owned->detected == a->detected);
    if (a->detected == Encoding::kUtf8) {
      FUZZ_CHECK(a->text == after_bom);
    } else {
      FUZZ_CHECK(a->detected == Encoding::kGb18030);
      FUZZ_CHECK(!bom && !IsValidUtf8(raw));
      std::string expected;
      const std::string_view body = raw.starts_with(kGbBom) ? raw.substr(kGbBom.size()) : raw;
      FUZZ_CHECK(IconvGb18030(body, &expected) == std::string_view::npos);
      FUZZ_CHECK(a->text == expected);
    }
  } else {
    FUZZ_CHECK(utf16 || !IsValidUtf8(after_bom));
    if (!utf16) CheckErrorPosition(raw, a.status().message());
  }

  // Forced UTF-8: exactly the valid UTF-8 inputs decode.
  auto u = DecodeToUtf8(raw, Encoding::kUtf8, std::string(kFile));
  FUZZ_CHECK(u.ok() == (!utf16 && IsValidUtf8(after_bom)));
  if (u.ok()) FUZZ_CHECK(u->text == after_bom);
  if (!u.ok() && !utf16) CheckErrorPosition(raw, u.status().message());

  // Forced GB18030 (a UTF-8 BOM still means UTF-8): same result and same
  // error position as whole-buffer iconv.
  auto g = DecodeToUtf8(raw, Encoding::kGb18030, std::string(kFile));
  if (utf16) {
    FUZZ_CHECK(!g.ok());
  } else if (bom) {
    FUZZ_CHECK(g.ok() == u.ok());
    if (g.ok()) FUZZ_CHECK(g->text == u->text);
  } else {
    const size_t skip = raw.starts_with(kGbBom) ? kGbBom.size() : 0;
    std::string expected;
    const size_t bad = IconvGb18030(raw.substr(skip), &expected);
    FUZZ_CHECK(g.ok() == (bad == std::string_view::npos));
    if (g.ok()) {
      FUZZ_CHECK(g->text == expected);
      FUZZ_CHECK(IsValidUtf8(g->text));
    } else {
      FUZZ_CHECK(CheckErrorPosition(raw, g.status().message()) == Position(raw, skip + bad));
    }
  }
  return 0;
}
