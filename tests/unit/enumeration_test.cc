#include "domain/enumeration.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "domain/age_band.h"
#include "domain/assessment.h"
#include "domain/case_attributes.h"
#include "domain/case_status.h"
#include "domain/contact.h"
#include "domain/duration_band.h"
#include "domain/enum_catalog.h"
#include "domain/meeting.h"
#include "domain/organisation.h"
#include "domain/outing.h"
#include "domain/person.h"
#include "domain/plan.h"
#include "domain/referral_category.h"
#include "domain/referral_state.h"

namespace tsunagu::domain {
namespace {

// Compile-time use is part of the contract (constexpr tables elsewhere).
static_assert(kContactChannel.contains("電話"));
static_assert(!kContactChannel.contains("FAX"));
static_assert(kCaseStatus.index_of("終結") == 3);

TEST(EnumSpec, ContainsIsExactByteEquality) {
  EXPECT_TRUE(kContactChannel.contains("その他（訪問等）"));
  // ASCII parentheses are a different string; we do not normalise values.
  EXPECT_FALSE(kContactChannel.contains("その他(訪問等)"));
  EXPECT_FALSE(kContactChannel.contains("sns"));
  EXPECT_FALSE(kContactChannel.contains(""));
  EXPECT_FALSE(kContactChannel.contains("電話 "));
}

TEST(EnumSpec, IndexOfFollowsDeclaredOrder) {
  EXPECT_EQ(kContactChannel.index_of("電話"), 0u);
  EXPECT_EQ(kContactChannel.index_of("その他（訪問等）"), 4u);
  EXPECT_EQ(kContactChannel.index_of("手紙"), std::nullopt);
}

TEST(EnumCatalog, NamesUniqueValuesDistinctAndNonEmpty) {
  std::set<std::string> names;
  for (const EnumSpec& spec : enum_catalog()) {
    EXPECT_TRUE(names.insert(std::string(spec.name)).second) << spec.name;
    EXPECT_FALSE(spec.label.empty()) << spec.name;
    ASSERT_GT(spec.size(), 0u) << spec.name;
    std::set<std::string_view> values(spec.values.begin(), spec.values.end());
    EXPECT_EQ(values.size(), spec.size()) << spec.name;
    for (std::string_view value : spec.values) {
      EXPECT_FALSE(value.empty()) << spec.name;
    }
  }
  EXPECT_EQ(names.size(), enum_catalog().size());
}

TEST(EnumCatalog, FindByName) {
  ASSERT_NE(find_enum("referral_category"), nullptr);
  EXPECT_EQ(find_enum("referral_category")->size(), 21u);
  EXPECT_EQ(find_enum("no_such_enum"), nullptr);
}

// The sizes and a few values verbatim from PRODUCT.md; a typo in a value is
// a data bug that would silently split report columns.
TEST(EnumValues, SizesMatchProductSpec) {
  EXPECT_EQ(kContactChannel.size(), 5u);
  EXPECT_EQ(kContactSubKind.size(), 5u);
  EXPECT_EQ(kContactCounterpart.size(), 13u);
  EXPECT_EQ(kCaseStatus.size(), 5u);
  EXPECT_EQ(kIntakeRoute.size(), 7u);
  EXPECT_EQ(kPersonAwareness.size(), 3u);
  EXPECT_EQ(kHouseholdRelation.size(), 7u);
  EXPECT_EQ(kComplexNeed.size(), 12u);
  EXPECT_EQ(kSex.size(), 5u);  // 男性, 女性, その他, 回答しない (issue 15 point 1), 不明
  EXPECT_EQ(kTrigger.size(), 9u);
  EXPECT_EQ(kLifeDifficulty.size(), 4u);
  EXPECT_EQ(kReferralCategory.size(), 21u);
  EXPECT_EQ(kPlanAxis.size(), 3u);
  EXPECT_EQ(kPlanTerm.size(), 3u);
  EXPECT_EQ(kPlanConsent.size(), 4u);
  EXPECT_EQ(kDurationBand.size(), 8u);
  EXPECT_EQ(kWithdrawalPhase.size(), 4u);
  EXPECT_EQ(kSupportGroup.size(), 3u);
  EXPECT_EQ(kSupportGroupDescriptions.size(), kSupportGroup.size());
  EXPECT_EQ(kAssessmentSide.size(), 3u);
  EXPECT_EQ(kOrganisationKind.size(), 10u);
  EXPECT_EQ(kProgramType.size(), 5u);
  EXPECT_EQ(kConsentMethod.size(), 2u);
  EXPECT_EQ(kMeetingKind.size(), 5u);
  EXPECT_EQ(kReferralState.size(), 6u);
  EXPECT_EQ(kOutingLevel.size(), 8u);
  EXPECT_EQ(kMhlwAgeBand.size(), 6u);
}

TEST(EnumValues, VerbatimSpotChecks) {
  EXPECT_TRUE(kReferralCategory.contains("民間支援団体（当事者団体・NPO法人等）"));
  EXPECT_TRUE(kReferralCategory.contains("他のひきこもり地域支援センター"));
  EXPECT_EQ(kReferralCategory.values.front(), "福祉事務所");
  EXPECT_EQ(kReferralCategory.values.back(), "その他");
  EXPECT_TRUE(kComplexNeed.contains("8050"));
  EXPECT_TRUE(kTrigger.contains("新型コロナの流行"));
  EXPECT_TRUE(kTrigger.contains("介護・看護"));
  EXPECT_TRUE(kAssessmentSide.contains("社会環境的"));
  EXPECT_TRUE(kWithdrawalPhase.contains("社会との再開段階"));
  EXPECT_TRUE(kContactCounterpart.contains("その他の家族"));
  EXPECT_FALSE(kHouseholdRelation.contains("その他の家族"));
  EXPECT_TRUE(kDurationBand.contains("6か月～1年未満"));
  EXPECT_TRUE(kMhlwAgeBand.contains("〜10代"));
  EXPECT_TRUE(kMhlwAgeBand.contains("50代〜"));
}

}  // namespace
}  // namespace tsunagu::domain
