#include "domain/organisation.h"

#include <gtest/gtest.h>

#include <string>

namespace tsunagu::domain {
namespace {

// One row of symbols per activity, columns in kProgramTypeValues order,
// copied from the table in PRODUCT.md.
constexpr const char* kExpected[12][5] = {
    {"◎", "◎", "◎", "◎", "○"}, {"◎", "◎", "◎", "◎", "○"},
    {"◎", "○", "◎", "◎", "○"}, {"◎", "○", "◎", "○", "○"},
    {"◎", "○", "◎", "○", "○"}, {"○", "○", "○", "○", "○"},
    {"○", "○", "○", "○", "○"}, {"○", "○", "○", "○", "○"},
    {"○", "○", "○", "○", "–"}, {"◎", "–", "○", "○", "–"},
    {"◎", "–", "○", "–", "–"}, {"◎", "○", "–", "–", "–"},
};

TEST(ActivityRequirement, WholeMatrixMatchesSpec) {
  for (std::size_t row = 0; row < 12; ++row) {
    for (std::size_t col = 0; col < 5; ++col) {
      auto requirement = activity_requirement(kProgramTypeValues[col],
                                              kProgramActivityValues[row]);
      ASSERT_TRUE(requirement.has_value());
      EXPECT_EQ(symbol(*requirement), kExpected[row][col])
          << kProgramActivityValues[row] << " / " << kProgramTypeValues[col];
    }
  }
}

TEST(ActivityRequirement, UnknownValues) {
  EXPECT_EQ(activity_requirement("センター", "相談支援"), std::nullopt);
  EXPECT_EQ(activity_requirement("ステーション", "就労支援"), std::nullopt);
}

TEST(OrganisationKind, ProgramAndKindAreDifferentVocabularies) {
  EXPECT_TRUE(kOrganisationKind.contains("センター"));
  EXPECT_FALSE(kProgramType.contains("センター"));
  EXPECT_TRUE(kProgramType.contains("市町村センター"));
}

}  // namespace
}  // namespace tsunagu::domain
