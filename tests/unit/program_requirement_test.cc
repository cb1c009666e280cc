#include "domain/program_requirement.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

std::array<ActivityEvidence, 12> no_features() { return {}; }

TEST(ProgramRequirement, NoFeatureIsKirokuNashiNotZero) {
  auto rows = requirement_rows("ステーション", no_features());
  ASSERT_EQ(rows.size(), 12u);
  for (const auto& r : rows) {
    EXPECT_EQ(r.state, EvidenceState::kNoFeature);
    EXPECT_EQ(evidence_state_label(r.state), "記録なし");
  }
}

TEST(ProgramRequirement, RequiredWithoutEvidenceIsFlaggedAtEachBoundary) {
  auto ev = no_features();
  ev[0] = std::vector<EvidenceCount>{{"相談・支援記録", 1, "件"}};  // ① one record: present
  ev[2] = std::vector<EvidenceCount>{{"会議", 0, "回"}};            // ③ recorded, none this year
  ev[5] = std::vector<EvidenceCount>{};                             // ⑥ feature, no figures
  auto rows = requirement_rows("ステーション", ev);
  EXPECT_EQ(rows[0].state, EvidenceState::kPresent);
  EXPECT_FALSE(rows[0].required_without_evidence);
  EXPECT_EQ(rows[1].state, EvidenceState::kNoFeature);  // ② ◎, nothing recordable
  EXPECT_TRUE(rows[1].required_without_evidence);
  EXPECT_EQ(rows[2].state, EvidenceState::kNone);  // ③ ◎ for ステーション
  EXPECT_TRUE(rows[2].required_without_evidence);
  EXPECT_EQ(rows[3].requirement, ActivityRequirement::kOptional);  // ④ ○: never flagged
  EXPECT_FALSE(rows[3].required_without_evidence);
  EXPECT_EQ(rows[5].state, EvidenceState::kNone);
  EXPECT_EQ(rows[10].requirement, ActivityRequirement::kNotApplicable);  // ⑪ –
  EXPECT_FALSE(rows[10].required_without_evidence);
}

TEST(ProgramRequirement, UnknownOrMissingProgramTypeHasNoMarksAndNoFlags) {
  for (auto type : {std::optional<std::string_view>{}, std::optional<std::string_view>{"NPO"}}) {
    auto rows = requirement_rows(type, no_features());
    for (const auto& r : rows) {
      EXPECT_FALSE(r.requirement.has_value());
      EXPECT_FALSE(r.required_without_evidence);
    }
  }
}

TEST(ProgramRequirement, RowsInTableOrderWithCircledNumbers) {
  auto rows = requirement_rows("都道府県センター", no_features());
  EXPECT_EQ(rows.front().activity, "相談支援");
  EXPECT_EQ(circled_number(rows.front().number), "①");
  EXPECT_EQ(rows.back().activity, "自治体支援（市町村等への後方支援）");
  EXPECT_EQ(circled_number(rows.back().number), "⑫");
  EXPECT_EQ(circled_number(0), "");
  EXPECT_EQ(circled_number(13), "");
  // ⑫ is ◎ for a prefectural centre: flagged without evidence.
  EXPECT_TRUE(rows.back().required_without_evidence);
}

}  // namespace
}  // namespace tsunagu::domain
