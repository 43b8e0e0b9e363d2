// Tests for ID-number normalisation, check characters, validation, birth/sex and packing.
#include "identity/id_number.h"

#include <gtest/gtest.h>

#include <string>

namespace tutela {
namespace {

// Independent ISO 7064 MOD 11-2: weight of position i (0-based, 17 digits) is
// 2^(17-i) mod 11; the check value c satisfies (sum + c) mod 11 == 1.
char ReferenceCheck(const std::string& first17) {
  int sum = 0;
  int weight = 1;
  for (int i = 16; i >= 0; --i) {
    weight = (weight * 2) % 11;
    sum += (first17[static_cast<size_t>(i)] - '0') * weight;
  }
  const int c = (12 - sum % 11) % 11;
  return c == 10 ? 'X' : static_cast<char>('0' + c);
}

std::string WithCheck(const std::string& first17) { return first17 + ReferenceCheck(first17); }

TEST(IdCheckCharTest, HandVerifiedConstants) {
  // Published examples of GB 11643.
  EXPECT_EQ(IdCheckChar("11010519491231002"), 'X');
  EXPECT_EQ(IdCheckChar("44052418800101001"), '4');
  EXPECT_EQ(ReferenceCheck("11010519491231002"), 'X');
  EXPECT_EQ(ReferenceCheck("44052418800101001"), '4');
}

TEST(IdCheckCharTest, MatchesReferenceForManyNumbers) {
  uint64_t x = 12345678901234567ULL;
  for (int i = 0; i < 2000; ++i) {
    x = (x * 6364136223846793005ULL + 1442695040888963407ULL);
    std::string digits = std::to_string(x % 100000000000000000ULL);
    digits.insert(0, 17 - digits.size(), '0');
    ASSERT_EQ(IdCheckChar(digits), ReferenceCheck(digits)) << digits;
  }
}

TEST(NormalizeIdNumberTest, FifteenToEighteen) {
  EXPECT_EQ(NormalizeIdNumber("110105491231002"), "11010519491231002X");
  EXPECT_EQ(NormalizeIdNumber("440524800101001"), WithCheck("44052419800101001"));
  EXPECT_EQ(NormalizeIdNumber("320102880229456"), WithCheck("32010219880229456"));
  EXPECT_EQ(ValidateIdNumber(NormalizeIdNumber("110105491231002")), IdProblem::kNone);
}

TEST(NormalizeIdNumberTest, FifteenNonDigitsKeptAsIs) {
  EXPECT_EQ(NormalizeIdNumber("11010549123100X"), "11010549123100X");
  EXPECT_EQ(NormalizeIdNumber("11010549123100x"), "11010549123100X");  // final x only
  EXPECT_EQ(ValidateIdNumber("11010549123100X"), IdProblem::kLength);
}

TEST(NormalizeIdNumberTest, TrimSpacesFullWidthAndX) {
  const std::string id = "11010519491231002X";
  EXPECT_EQ(NormalizeIdNumber("  11010519491231002x\t"), id);
  EXPECT_EQ(NormalizeIdNumber("110105 1949 1231 002X"), id);
  EXPECT_EQ(NormalizeIdNumber("110105\t19491231002X"), id);
  EXPECT_EQ(NormalizeIdNumber("\xE3\x80\x80"
                              "110105\xE3\x80\x80"
                              "19491231002X\xE3\x80\x80"),
            id);
  // Full-width digits and letter X / x (U+FF10.., U+FF38, U+FF58).
  EXPECT_EQ(NormalizeIdNumber("１１０１０５１９４９１２３１００２Ｘ"), id);
  EXPECT_EQ(NormalizeIdNumber("１１０１０５１９４９１２３１００２ｘ"), id);
  // Full-width 15-digit number with spaces is converted too.
  EXPECT_EQ(NormalizeIdNumber(" １１０１０５ ４９１２３１００２ "), id);
  // Lowercase x only matters at the end.
  EXPECT_EQ(NormalizeIdNumber("1101051949x231002X"), "1101051949x231002X");
  EXPECT_EQ(NormalizeIdNumber(""), "");
  EXPECT_EQ(NormalizeIdNumber("   "), "");
}

TEST(NormalizeIdNumberTest, Idempotent) {
  for (const char* raw :
       {"110105491231002", " １１０１０５１９４９１２３１００２ｘ", "abc x", "12345"}) {
    const std::string once = NormalizeIdNumber(raw);
    EXPECT_EQ(NormalizeIdNumber(once), once) << raw;
  }
}

TEST(ValidateIdNumberTest, Valid) {
  EXPECT_EQ(ValidateIdNumber("11010519491231002X"), IdProblem::kNone);
  EXPECT_EQ(ValidateIdNumber("440524188001010014"), IdProblem::kNone);
  EXPECT_EQ(ValidateIdNumber(WithCheck("11010120080229123")), IdProblem::kNone);  // leap day
  EXPECT_EQ(ValidateIdNumber(WithCheck("65010120991231001")), IdProblem::kNone);
}

TEST(ValidateIdNumberTest, Length) {
  EXPECT_EQ(ValidateIdNumber("11010519491231002"), IdProblem::kLength);  // 17 digits
  EXPECT_EQ(ValidateIdNumber("11010519491231002X1"), IdProblem::kLength);
  EXPECT_EQ(ValidateIdNumber(""), IdProblem::kLength);
  EXPECT_EQ(ValidateIdNumber("110105491231002"), IdProblem::kLength);  // un-normalised
}

TEST(ValidateIdNumberTest, Characters) {
  EXPECT_EQ(ValidateIdNumber("11010519491231002x"), IdProblem::kCharacters);  // un-normalised
  EXPECT_EQ(ValidateIdNumber("1101051949123100XX"), IdProblem::kCharacters);
  EXPECT_EQ(ValidateIdNumber("A1010519491231002X"), IdProblem::kCharacters);
  EXPECT_EQ(ValidateIdNumber("11010519491231002Y"), IdProblem::kCharacters);
  EXPECT_EQ(ValidateIdNumber("11010519491231 02X"), IdProblem::kCharacters);
}

TEST(ValidateIdNumberTest, BirthDate) {
  EXPECT_EQ(ValidateIdNumber(WithCheck("11010120230229123")), IdProblem::kBirthDate);  // common yr
  EXPECT_EQ(ValidateIdNumber(WithCheck("11010119001301123")), IdProblem::kBirthDate);  // month 13
  EXPECT_EQ(ValidateIdNumber(WithCheck("11010119900431123")), IdProblem::kBirthDate);  // 31 April
  EXPECT_EQ(ValidateIdNumber(WithCheck("11010119900000123")), IdProblem::kBirthDate);
  EXPECT_EQ(ValidateIdNumber(WithCheck("11010117991231123")), IdProblem::kBirthDate);  // < 1800
  EXPECT_EQ(ValidateIdNumber(WithCheck("11010121000101123")), IdProblem::kBirthDate);  // > 2099
  EXPECT_EQ(ValidateIdNumber(WithCheck("11010118000101123")), IdProblem::kNone);
}

TEST(ValidateIdNumberTest, Region) {
  EXPECT_EQ(ValidateIdNumber(WithCheck("99010519491231002")), IdProblem::kRegion);
  EXPECT_EQ(ValidateIdNumber(WithCheck("00010519491231002")), IdProblem::kRegion);
  EXPECT_EQ(ValidateIdNumber(WithCheck("10010519491231002")), IdProblem::kRegion);
  // Only the province is checked: unknown county 119999 in Beijing is fine.
  EXPECT_EQ(ValidateIdNumber(WithCheck("11999919491231002")), IdProblem::kNone);
}

TEST(ValidateIdNumberTest, CheckDigit) {
  EXPECT_EQ(ValidateIdNumber("110105194912310020"), IdProblem::kCheckDigit);
  EXPECT_EQ(ValidateIdNumber("440524188001010015"), IdProblem::kCheckDigit);
  EXPECT_EQ(ValidateIdNumber("44052418800101001X"), IdProblem::kCheckDigit);
}

TEST(ValidateIdNumberTest, OrderOfChecks) {
  // Bad date and bad region and bad check: the date is reported first.
  EXPECT_EQ(ValidateIdNumber("990105194913310020"), IdProblem::kBirthDate);
  // Bad region and bad check: region first.
  EXPECT_EQ(ValidateIdNumber("990105194912310020"), IdProblem::kRegion);
}

TEST(IdProblemTest, Names) {
  EXPECT_STREQ(IdProblemName(IdProblem::kNone), "ok");
  EXPECT_STREQ(IdProblemName(IdProblem::kLength), "length");
  EXPECT_STREQ(IdProblemName(IdProblem::kCharacters), "characters");
  EXPECT_STREQ(IdProblemName(IdProblem::kBirthDate), "birth_date");
  EXPECT_STREQ(IdProblemName(IdProblem::kRegion), "region");
  EXPECT_STREQ(IdProblemName(IdProblem::kCheckDigit), "check_digit");
  EXPECT_STREQ(IdProblemLabelZh(IdProblem::kCheckDigit), "校验码错误");
}

TEST(BirthFromIdTest, ValidAndInvalidIds) {
  EXPECT_EQ(BirthFromId("11010519491231002X"), DaysFromCivil(1949, 12, 31));
  EXPECT_EQ(BirthFromId("440524188001010014"), DaysFromCivil(1880, 1, 1));
  // Wrong check digit, unknown region, too long, only 14 characters: still a date.
  EXPECT_EQ(BirthFromId("110105194912310020"), DaysFromCivil(1949, 12, 31));
  EXPECT_EQ(BirthFromId("990105200802290020"), DaysFromCivil(2008, 2, 29));
  EXPECT_EQ(BirthFromId("11010520080229002012"), DaysFromCivil(2008, 2, 29));
  EXPECT_EQ(BirthFromId("11010520080229"), DaysFromCivil(2008, 2, 29));
  // Not a real date, too short, or not digits.
  EXPECT_EQ(BirthFromId("110105200702290020"), std::nullopt);
  EXPECT_EQ(BirthFromId("1101052008022"), std::nullopt);
  EXPECT_EQ(BirthFromId("1101052008O229002X"), std::nullopt);
  EXPECT_EQ(BirthFromId(""), std::nullopt);
}

TEST(SexFromIdTest, SeventeenthDigit) {
  EXPECT_EQ(SexFromId("11010519491231002X"), 'F');  // 2
  EXPECT_EQ(SexFromId("440524188001010014"), 'M');  // 1
  EXPECT_EQ(SexFromId("110105194912310090"), 'M');  // 9, wrong check digit
  EXPECT_EQ(SexFromId("11010519491231000"), 'F');   // 17 characters
  EXPECT_EQ(SexFromId("1101051949123100"), 0);      // too short
  EXPECT_EQ(SexFromId("1101051949123100A0"), 0);
}

TEST(PackIdNumberTest, RoundTrip) {
  const auto packed = PackIdNumber("11010519491231002X");
  ASSERT_TRUE(packed.has_value());
  EXPECT_EQ(*packed, 11010519491231002ULL * 11 + 10);
  EXPECT_EQ(UnpackIdNumber(*packed), "11010519491231002X");
  EXPECT_EQ(PackIdNumber("440524188001010014"), 44052418800101001ULL * 11 + 4);
  EXPECT_EQ(PackIdNumber("999999999999999999"), 99999999999999999ULL * 11 + 9);
  EXPECT_EQ(UnpackIdNumber(99999999999999999ULL * 11 + 10), "99999999999999999X");
  EXPECT_EQ(UnpackIdNumber(0), "000000000000000000");
  EXPECT_EQ(UnpackIdNumber(~uint64_t{0}), std::nullopt);
  // A wrong check character still packs (format only).
  EXPECT_EQ(UnpackIdNumber(*PackIdNumber("110105194912310020")), "110105194912310020");
}

TEST(PackIdNumberTest, AgreesWithDigitByDigitPacking) {
  // Every byte value at every position, on top of a valid ID.
  const std::string valid = "44052418800101001X";
  for (size_t pos = 0; pos < 18; ++pos) {
    for (int c = 0; c < 256; ++c) {
      std::string id = valid;
      id[pos] = static_cast<char>(c);
      std::optional<uint64_t> expect;
      uint64_t value = 0;
      bool ok = true;
      for (size_t i = 0; i < 17 && ok; ++i) {
        ok = id[i] >= '0' && id[i] <= '9';
        value = value * 10 + static_cast<uint64_t>(id[i] - '0');
      }
      if (ok && id[17] >= '0' && id[17] <= '9') expect = value * 11 + (id[17] - '0');
      if (ok && id[17] == 'X') expect = value * 11 + 10;
      EXPECT_EQ(PackIdNumber(id), expect) << pos << " " << c;
    }
  }
}

TEST(PackIdNumberTest, RejectsMalformed) {
  EXPECT_EQ(PackIdNumber("11010519491231002x"), std::nullopt);
  EXPECT_EQ(PackIdNumber("11010519491231002"), std::nullopt);
  EXPECT_EQ(PackIdNumber("1101051949123100XX"), std::nullopt);
  EXPECT_EQ(PackIdNumber("11010519491231002X0"), std::nullopt);
  EXPECT_EQ(PackIdNumber(""), std::nullopt);
}

TEST(PackIdNumberTest, DistinctIdsPackDistinctly) {
  EXPECT_NE(PackIdNumber("110105194912310020"), PackIdNumber("11010519491231002X"));
  EXPECT_NE(PackIdNumber("110105194912310021"), PackIdNumber("110105194912310110"));
}

}  // namespace
}  // namespace tutela
