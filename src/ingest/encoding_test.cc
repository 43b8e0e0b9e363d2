// Unit tests for encoding detection and conversion to UTF-8.
#include "ingest/encoding.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include <random>
#include <string>

#include "common/text.h"

namespace tutela::ingest {
namespace {

// "张三" in GBK.
const std::string kZhangSanGbk = "\xD5\xC5\xC8\xFD";

// Converts with plain glibc iconv; returns false on any conversion error.
bool IconvConvert(const char* to, const char* from, const std::string& in, std::string* out) {
  iconv_t cd = iconv_open(to, from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  out->assign(in.size() * 4 + 16, '\0');
  char* ip = const_cast<char*>(in.data());
  size_t in_left = in.size();
  char* op = out->data();
  size_t out_left = out->size();
  const size_t r = iconv(cd, &ip, &in_left, &op, &out_left);
  iconv_close(cd);
  out->resize(out->size() - out_left);
  return r != static_cast<size_t>(-1) && in_left == 0;
}

std::string ToGb18030(const std::string& utf8) {
  std::string gb;
  EXPECT_TRUE(IconvConvert("GB18030", "UTF-8", utf8, &gb));
  return gb;
}

DecodedText DecodeOk(std::string_view raw, Encoding e = Encoding::kAuto) {
  Result<DecodedText> r = DecodeToUtf8(raw, e, "t.csv");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : DecodedText{};
}

std::string DecodeError(std::string_view raw, Encoding e = Encoding::kAuto) {
  Result<DecodedText> r = DecodeToUtf8(raw, e, "t.csv");
  EXPECT_FALSE(r.ok());
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  return r.status().message();
}

TEST(EncodingTest, ParsesNames) {
  EXPECT_EQ(*ParseEncodingName("auto"), Encoding::kAuto);
  EXPECT_EQ(*ParseEncodingName("UTF-8"), Encoding::kUtf8);
  EXPECT_EQ(*ParseEncodingName("utf8"), Encoding::kUtf8);
  EXPECT_EQ(*ParseEncodingName("GBK"), Encoding::kGb18030);
  EXPECT_EQ(*ParseEncodingName("gb2312"), Encoding::kGb18030);
  EXPECT_EQ(*ParseEncodingName("Gb18030"), Encoding::kGb18030);
  Result<Encoding> bad = ParseEncodingName("latin1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(bad.status().message().find("latin1"), std::string::npos);
  EXPECT_STREQ(EncodingName(Encoding::kUtf8), "utf-8");
  EXPECT_STREQ(EncodingName(Encoding::kGb18030), "gb18030");
}

TEST(EncodingTest, EmptyInputIsUtf8) {
  DecodedText d = DecodeOk("");
  EXPECT_EQ(d.text, "");
  EXPECT_EQ(d.detected, Encoding::kUtf8);
}

TEST(EncodingTest, Utf8WithoutBomIsKept) {
  const std::string text = "姓名,身份证号\n张三,110101200801050012\n";
  DecodedText d = DecodeOk(text);
  EXPECT_EQ(d.text, text);
  EXPECT_EQ(d.detected, Encoding::kUtf8);
}

TEST(EncodingTest, Utf8BomIsRemoved) {
  DecodedText d = DecodeOk("\xEF\xBB\xBFid,name\n1,张三\n");
  EXPECT_EQ(d.text, "id,name\n1,张三\n");
  EXPECT_EQ(d.detected, Encoding::kUtf8);
  EXPECT_EQ(DecodeOk("\xEF\xBB\xBF", Encoding::kUtf8).text, "");
}

TEST(EncodingTest, Utf8BomWinsOverForcedGb18030) {
  DecodedText d = DecodeOk("\xEF\xBB\xBF姓名\n", Encoding::kGb18030);
  EXPECT_EQ(d.text, "姓名\n");
  EXPECT_EQ(d.detected, Encoding::kUtf8);
}

TEST(EncodingTest, GbkIsDetected) {
  DecodedText d = DecodeOk("id,name\n1," + kZhangSanGbk + "\n");
  EXPECT_EQ(d.text, "id,name\n1,张三\n");
  EXPECT_EQ(d.detected, Encoding::kGb18030);
}

TEST(EncodingTest, ForcedGb18030DecodesEvenValidUtf8Bytes) {
  // "中" in UTF-8 is E4 B8 AD; as GB18030 "E4 B8" is one character and the
  // lone AD before LF is invalid.
  EXPECT_EQ(DecodeOk("abc\n", Encoding::kGb18030).text, "abc\n");
  EXPECT_EQ(DecodeOk(kZhangSanGbk, Encoding::kGb18030).text, "张三");
  std::string msg = DecodeError("x\n\xE4\xB8\xAD\n", Encoding::kGb18030);
  EXPECT_EQ(msg.rfind("t.csv:2:3: ", 0), 0u) << msg;
  EXPECT_NE(msg.find("0xAD"), std::string::npos) << msg;
}

TEST(EncodingTest, Gb18030FourByteAndRoundTrip) {
  // CJK Extension A/B and a Euro sign need GB18030's four-byte form.
  const std::string utf8 = "名字,备注\n㐀,𠀀 €\r\n张三,\"a,b\"\n龘,·\n";
  const std::string gb = ToGb18030(utf8);
  ASSERT_NE(gb, utf8);
  DecodedText d = DecodeOk(gb);
  EXPECT_EQ(d.text, utf8);
  EXPECT_EQ(d.detected, Encoding::kGb18030);
}

TEST(EncodingTest, Gb18030BomIsRemoved) {
  DecodedText d = DecodeOk("\x84\x31\x95\x33" + kZhangSanGbk, Encoding::kGb18030);
  EXPECT_EQ(d.text, "张三");
}

TEST(EncodingTest, RandomGb18030MatchesIconv) {
  std::mt19937 rng(42);
  for (int round = 0; round < 50; ++round) {
    std::string utf8;
    const int len = static_cast<int>(rng() % 300);
    for (int i = 0; i < len; ++i) {
      int32_t cp;
      switch (rng() % 4) {
        case 0:
          cp = static_cast<int32_t>(0x20 + rng() % 0x5F);
          break;  // ASCII
        case 1:
          cp = static_cast<int32_t>(0x4E00 + rng() % 0x51A6);
          break;  // CJK
        case 2:
          cp = static_cast<int32_t>(0x80 + rng() % 0xD700);
          break;  // other BMP
        default:
          cp = static_cast<int32_t>(0x10000 + rng() % 0x30000);
          break;  // supplementary
      }
      AppendUtf8(&utf8, cp);
    }
    std::string gb;
    if (!IconvConvert("GB18030", "UTF-8", utf8, &gb)) continue;
    std::string expected;
    ASSERT_TRUE(IconvConvert("UTF-8", "GB18030", gb, &expected));
    Result<DecodedText> d = DecodeToUtf8(gb, Encoding::kGb18030, "r.csv");
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    EXPECT_EQ(d->text, expected);
  }
}

TEST(EncodingTest, InvalidGbkNamesLineAndByteColumn) {
  const std::string raw = "id,name\n1," + kZhangSanGbk + "\n2,ab\xFF\n";
  std::string msg = DecodeError(raw);
  EXPECT_EQ(msg.rfind("t.csv:3:5: ", 0), 0u) << msg;
  EXPECT_NE(msg.find("0xFF"), std::string::npos) << msg;
  msg = DecodeError(raw, Encoding::kGb18030);
  EXPECT_EQ(msg.rfind("t.csv:3:5: ", 0), 0u) << msg;
  EXPECT_NE(msg.find("GB18030"), std::string::npos) << msg;
}

TEST(EncodingTest, InvalidGbkTrailByte) {
  // A lead byte followed by a LF is not a character.
  std::string msg = DecodeError("a\n" + kZhangSanGbk + "\xD5\nb\n", Encoding::kGb18030);
  EXPECT_EQ(msg.rfind("t.csv:2:5: ", 0), 0u) << msg;
}

TEST(EncodingTest, TruncatedGbkAtEndIsAnError) {
  std::string msg = DecodeError("a," + kZhangSanGbk + "\xD5", Encoding::kGb18030);
  EXPECT_EQ(msg.rfind("t.csv:1:7: ", 0), 0u) << msg;
  msg = DecodeError("a,\x81\x30", Encoding::kGb18030);
  EXPECT_EQ(msg.rfind("t.csv:1:3: ", 0), 0u) << msg;
}

TEST(EncodingTest, ForcedUtf8RejectsGbk) {
  std::string msg = DecodeError("id\n" + kZhangSanGbk + "\n", Encoding::kUtf8);
  EXPECT_EQ(msg.rfind("t.csv:2:1: ", 0), 0u) << msg;
  EXPECT_NE(msg.find("UTF-8"), std::string::npos) << msg;
  EXPECT_NE(msg.find("0xD5"), std::string::npos) << msg;
}

TEST(EncodingTest, ForcedUtf8RejectsMalformedSequences) {
  EXPECT_FALSE(DecodeToUtf8("\xC0\xAF", Encoding::kUtf8, "t").ok());          // overlong
  EXPECT_FALSE(DecodeToUtf8("\xED\xA0\x80", Encoding::kUtf8, "t").ok());      // surrogate
  EXPECT_FALSE(DecodeToUtf8("\xF4\x90\x80\x80", Encoding::kUtf8, "t").ok());  // > U+10FFFF
  EXPECT_FALSE(DecodeToUtf8("abc\xE4\xB8", Encoding::kUtf8, "t").ok());       // truncated
  EXPECT_FALSE(DecodeToUtf8("\x80", Encoding::kUtf8, "t").ok());              // stray continuation
  EXPECT_TRUE(DecodeToUtf8("\xF0\x9F\x98\x80\xEF\xBF\xBF", Encoding::kUtf8, "t").ok());
}

TEST(EncodingTest, ColumnCountsBytesInMultiByteText) {
  // Line 2: "张三" (6 bytes) then an invalid byte at column 7.
  std::string msg = DecodeError("x\n张三\xFF\n", Encoding::kUtf8);
  EXPECT_EQ(msg.rfind("t.csv:2:7: ", 0), 0u) << msg;
}

TEST(EncodingTest, ValidationCrossesWordBoundaries) {
  // Invalid bytes at every offset of a long ASCII run hit both the 8-byte
  // fast path and the byte-by-byte tail.
  for (size_t at = 0; at < 40; ++at) {
    std::string raw(40, 'a');
    raw[at] = '\xFF';
    std::string msg = DecodeError(raw, Encoding::kUtf8);
    EXPECT_EQ(msg.rfind("t.csv:1:" + std::to_string(at + 1) + ": ", 0), 0u) << msg;
  }
}

TEST(EncodingTest, DamagedUtf8IsNotReadAsGb18030) {
  // Plenty of UTF-8 Chinese, then a truncated character: GB18030 might read
  // all of it, but that would be mojibake.
  std::string raw = "姓名,住址\n张三,北京市朝阳区\n李四,上海";
  const size_t bad = raw.size();
  raw += "\xE5\xB8,x\n";                             // E5 B8 .. is "市" without its last byte
  const size_t column = bad - raw.rfind('\n', bad);  // 1-based
  std::string msg = DecodeError(raw);
  EXPECT_EQ(msg.rfind("t.csv:3:" + std::to_string(column) + ": ", 0), 0u) << msg;
  EXPECT_NE(msg.find("UTF-8"), std::string::npos) << msg;
}

TEST(EncodingTest, NeitherEncodingNamesBoth) {
  std::string msg = DecodeError("ab\n\xFF\xFF\n");
  EXPECT_EQ(msg.rfind("t.csv:2:1: ", 0), 0u) << msg;
  EXPECT_NE(msg.find("UTF-8"), std::string::npos) << msg;
  EXPECT_NE(msg.find("GB18030"), std::string::npos) << msg;
}

TEST(EncodingTest, Utf16IsRejectedClearly) {
  for (const std::string& raw : {std::string("\xFF\xFEi\0d\0", 6), std::string("\xFE\xFF\0i\0d", 6),
                                 std::string("i\0d\0,\0", 6)}) {
    for (Encoding e : {Encoding::kAuto, Encoding::kUtf8, Encoding::kGb18030}) {
      std::string msg = DecodeError(raw, e);
      EXPECT_NE(msg.find("UTF-16"), std::string::npos) << msg;
      EXPECT_EQ(msg.rfind("t.csv", 0), 0u) << msg;
    }
  }
}

TEST(EncodingTest, OwnedVariantMovesUtf8AndDecodesGbk) {
  Result<DecodedText> a = DecodeOwnedToUtf8(
      "\xEF\xBB\xBF"
      "a,b\n",
      Encoding::kAuto, "t");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->text, "a,b\n");
  Result<DecodedText> b = DecodeOwnedToUtf8(kZhangSanGbk, Encoding::kAuto, "t");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->text, "张三");
  EXPECT_EQ(b->detected, Encoding::kGb18030);
  EXPECT_FALSE(DecodeOwnedToUtf8("\xFF", Encoding::kUtf8, "t").ok());
}

TEST(EncodingTest, LargeMixedGbkDecodesExactly) {
  std::string utf8;
  for (int i = 0; i < 5000; ++i) {
    utf8 += "110101200801050012,张三" + std::to_string(i) + ",男,北京市朝阳区,\"备注,含逗号\"\r\n";
  }
  DecodedText d = DecodeOk(ToGb18030(utf8));
  EXPECT_EQ(d.detected, Encoding::kGb18030);
  EXPECT_EQ(d.text, utf8);
  EXPECT_TRUE(IsValidUtf8(d.text));
}

}  // namespace
}  // namespace tutela::ingest
