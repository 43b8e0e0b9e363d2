// PRC resident identity numbers: normalisation, ISO 7064 MOD 11-2 check
// characters, validation, and the birth date and sex they encode.
#include "identity/id_number.h"

#include <bit>
#include <cstring>

#include "common/text.h"
#include "identity/regions.h"

namespace tutela {

namespace {

constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kCheckMap[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsAsciiWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

int DigitsValue(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// Characters 7-14 (indices 6..13) as a birth date under the validation rule.
std::optional<Days> BirthDigits(std::string_view id) {
  if (id.size() < 14) return std::nullopt;
  const std::string_view digits = id.substr(6, 8);
  if (!AllDigits(digits)) return std::nullopt;
  const int year = DigitsValue(digits.substr(0, 4));
  const int month = DigitsValue(digits.substr(4, 2));
  const int day = DigitsValue(digits.substr(6, 2));
  if (year < kMinIdBirthYear || year > kMaxIdBirthYear) return std::nullopt;
  if (!IsValidDate(year, month, day)) return std::nullopt;
  return DaysFromCivil(year, month, day);
}

// Appends the ASCII form of a full-width digit or letter, or the code point itself.
void AppendFolded(std::string* out, int32_t cp) {
  if (cp >= 0xFF10 && cp <= 0xFF19) {
    out->push_back(static_cast<char>('0' + (cp - 0xFF10)));
  } else if (cp >= 0xFF21 && cp <= 0xFF3A) {
    out->push_back(static_cast<char>('A' + (cp - 0xFF21)));
  } else if (cp >= 0xFF41 && cp <= 0xFF5A) {
    out->push_back(static_cast<char>('a' + (cp - 0xFF41)));
  } else {
    AppendUtf8(out, cp);
  }
}

}  // namespace

const char* IdProblemName(IdProblem p) {
  switch (p) {
    case IdProblem::kNone:
      return "ok";
    case IdProblem::kLength:
      return "length";
    case IdProblem::kCharacters:
      return "characters";
    case IdProblem::kBirthDate:
      return "birth_date";
    case IdProblem::kRegion:
      return "region";
    case IdProblem::kCheckDigit:
      return "check_digit";
  }
  return "unknown";
}

const char* IdProblemLabelZh(IdProblem p) {
  switch (p) {
    case IdProblem::kNone:
      return "有效";
    case IdProblem::kLength:
      return "长度错误";
    case IdProblem::kCharacters:
      return "含非法字符";
    case IdProblem::kBirthDate:
      return "出生日期无效";
    case IdProblem::kRegion:
      return "地区码未知";
    case IdProblem::kCheckDigit:
      return "校验码错误";
  }
  return "未知";
}

std::string NormalizeIdNumber(std::string_view raw) {
  const std::string_view s = Trim(raw);
  std::string out;
  out.reserve(s.size());
  if (IsAscii(s)) {
    for (char c : s) {
      if (!IsAsciiWhitespace(c)) out.push_back(c);
    }
  } else {
    size_t pos = 0;
    while (pos < s.size()) {
      const unsigned char byte = static_cast<unsigned char>(s[pos]);
      if (byte < 0x80) {
        if (!IsAsciiWhitespace(s[pos])) out.push_back(s[pos]);
        ++pos;
        continue;
      }
      const size_t start = pos;
      const int32_t cp = DecodeUtf8(s, &pos);
      if (cp < 0) {
        out.append(s.substr(start, pos - start));  // malformed: keep the bytes
      } else if (cp != 0x3000 && cp != 0x00A0) {
        AppendFolded(&out, cp);
      }
    }
  }
  if (out.size() == 15 && AllDigits(out)) {
    out.insert(6, "19");
    out.push_back(IdCheckChar(out));
  }
  if (!out.empty() && out.back() == 'x') out.back() = 'X';
  return out;
}

char IdCheckChar(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < 17 && i < first17.size(); ++i) {
    sum += (first17[i] - '0') * kWeights[i];
  }
  return kCheckMap[((sum % 11) + 11) % 11];
}

IdProblem ValidateIdNumber(std::string_view id) {
  if (id.size() != 18) return IdProblem::kLength;
  const char last = id[17];
  if (!AllDigits(id.substr(0, 17)) || !(IsDigit(last) || last == 'X')) {
    return IdProblem::kCharacters;
  }
  if (!BirthDigits(id).has_value()) return IdProblem::kBirthDate;
  if (!Regions::Get().IsKnownProvince(id.substr(0, 2))) return IdProblem::kRegion;
  if (IdCheckChar(id.substr(0, 17)) != last) return IdProblem::kCheckDigit;
  return IdProblem::kNone;
}

std::optional<Days> BirthFromId(std::string_view id) { return BirthDigits(id); }

char SexFromId(std::string_view id) {
  if (id.size() < 17 || !IsDigit(id[16])) return 0;
  return ((id[16] - '0') % 2 == 1) ? 'M' : 'F';
}

namespace {

// Eight ASCII digits, first one in the lowest byte (little-endian load).
bool AllDigits8(uint64_t x) {
  constexpr uint64_t kHigh = 0xF0F0F0F0F0F0F0F0ULL, kThrees = 0x3030303030303030ULL;
  // High nibble 3, and low nibble <= 9 (adding 6 must not reach 0x40).
  return (x & kHigh) == kThrees && ((x + 0x0606060606060606ULL) & kHigh) == kThrees;
}

// The value of eight ASCII digits (checked by AllDigits8), SWAR.
uint64_t Value8(uint64_t x) {
  x -= 0x3030303030303030ULL;
  x = x * 10 + (x >> 8);
  x = (((x & 0x000000FF000000FFULL) * 0x000F424000000064ULL) +
       (((x >> 16) & 0x000000FF000000FFULL) * 0x0000271000000001ULL)) >>
      32;
  return x;
}

}  // namespace

std::optional<uint64_t> PackIdNumber(std::string_view id) {
  if (id.size() != 18) return std::nullopt;
  uint64_t value = 0;
  if constexpr (std::endian::native == std::endian::little) {
    uint64_t a, b;
    std::memcpy(&a, id.data(), 8);
    std::memcpy(&b, id.data() + 8, 8);
    if (!AllDigits8(a) || !AllDigits8(b) || !IsDigit(id[16])) return std::nullopt;
    value = Value8(a) * 1000000000ULL + Value8(b) * 10 + static_cast<uint64_t>(id[16] - '0');
  } else {
    for (size_t i = 0; i < 17; ++i) {
      if (!IsDigit(id[i])) return std::nullopt;
      value = value * 10 + static_cast<uint64_t>(id[i] - '0');
    }
  }
  uint64_t check = 0;
  if (IsDigit(id[17])) {
    check = static_cast<uint64_t>(id[17] - '0');
  } else if (id[17] == 'X') {
    check = 10;
  } else {
    return std::nullopt;
  }
  return value * 11 + check;
}

std::optional<std::string> UnpackIdNumber(uint64_t packed) {
  constexpr uint64_t kMaxFirst17 = 99999999999999999ULL;  // 17 nines
  const uint64_t check = packed % 11;
  uint64_t value = packed / 11;
  if (value > kMaxFirst17) return std::nullopt;
  std::string id(18, '0');
  id[17] = check == 10 ? 'X' : static_cast<char>('0' + check);
  for (int i = 16; i >= 0; --i) {
    id[static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return id;
}

}  // namespace tutela
