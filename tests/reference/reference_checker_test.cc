// Tests of the reference checker plumbing: legal-basis splitting, evidence
// identity (files, identity links, invalid IDs) and missing required tables.
#include <gmock/gmock.h>

#include "ref_test_util.h"

namespace tutela::reference {
namespace {

using ::testing::ElementsAre;

TEST(SplitLegalBasis, SplitsLawsAndArticles) {
  EXPECT_THAT(SplitLegalBasis("刑法 第236条, 第236条之一, 第237条, 第37条之一; 未成年人保护法 第62条"),
              ElementsAre("刑法 第236条", "刑法 第236条之一", "刑法 第237条", "刑法 第37条之一",
                          "未成年人保护法 第62条"));
  EXPECT_THAT(SplitLegalBasis("未成年人保护法 第106条"), ElementsAre("未成年人保护法 第106条"));
}

TEST(Pid, MakesValidIds) {
  EXPECT_EQ(ValidateIdNumber(Pid("20100315", 13)), IdProblem::kNone);
  EXPECT_EQ(SexFromId(Pid("20100315", 13)), 'M');
  EXPECT_EQ(SexFromId(Pid("20100315", 12)), 'F');
}

}  // namespace
}  // namespace tutela::reference
