// domain::enum_catalog() is what GET /api/v1/meta publishes and what the web
// renders its choices from: it must list every EnumSpec of src/domain, the
// very arrays the domain validates against, with a label for every value.
#include "domain/enum_catalog.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "domain/age_band.h"
#include "domain/area_level.h"
#include "domain/assessment.h"
#include "domain/case_attributes.h"
#include "domain/case_status.h"
#include "domain/contact.h"
#include "domain/duration_band.h"
#include "domain/matching.h"
#include "domain/meeting.h"
#include "domain/organisation.h"
#include "domain/outing.h"
#include "domain/person.h"
#include "domain/plan.h"
#include "domain/plan_progress.h"
#include "domain/referral_category.h"
#include "domain/referral_state.h"
#include "domain/role.h"
#include "domain/sharing.h"
#include "service/consents.h"

namespace tsunagu::domain {
namespace {

namespace fs = std::filesystem;

fs::path domain_dir() { return fs::path(__FILE__).parent_path().parent_path().parent_path() / "src" / "domain"; }

// Names of the EnumSpecs the domain headers declare (`EnumSpec kX{"name", …`).
std::set<std::string> declared_spec_names() {
  std::set<std::string> names;
  const std::regex spec(R"re(EnumSpec\s+k\w+\s*\{\s*"([a-z0-9_]+)")re");
  for (const auto& entry : fs::directory_iterator(domain_dir())) {
    if (entry.path().extension() != ".h") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    for (std::sregex_iterator it(s.begin(), s.end(), spec), end; it != end; ++it) names.insert((*it)[1].str());
  }
  return names;
}

TEST(EnumCatalog, ListsEveryEnumSpecOfTheDomainHeaders) {
  const std::set<std::string> declared = declared_spec_names();
  ASSERT_GE(declared.size(), 30u) << "no EnumSpec found under " << domain_dir();
  for (const std::string& name : declared) EXPECT_NE(find_enum(name), nullptr) << name << " is not in enum_catalog()";
}

// The catalog holds the domain's own arrays, not copies of them.
TEST(EnumCatalog, HoldsTheDomainArraysThemselves) {
  for (const EnumSpec* spec :
       {&kContactChannel, &kContactSubKind, &kContactCounterpart, &kCaseStatus, &kIntakeRoute, &kPersonAwareness,
        &kComplexNeed, &kPersonNaming, &kSex, &kHouseholdRelation, &kPersonAgeBand, &kMhlwAgeBand, &kWithdrawalPhase,
        &kSupportGroup, &kAssessmentSide, &kLifeDifficulty, &kTrigger, &kOutingLevel, &kOutingClassName,
        &kDurationBand, &kPlanAxis, &kPlanTerm, &kPlanConsent, &kProgressLevel, &kProgressDirectionName,
        &kReferralCategory, &kReferralState, &kSharingBasis, &kSharedPart, &kConsentMethod, &kResourceGender,
        &kResourceCost, &kMeetingKind, &kMeetingLegalBasis, &kOrganisationKind, &kProgramType, &kProgramActivity}) {
    const EnumSpec* listed = find_enum(spec->name);
    ASSERT_NE(listed, nullptr) << spec->name;
    EXPECT_EQ(listed->label, spec->label) << spec->name;
    EXPECT_EQ(listed->values.data(), spec->values.data()) << spec->name;
    EXPECT_EQ(listed->values.size(), spec->values.size()) << spec->name;
    EXPECT_EQ(listed->value_labels.data(), spec->value_labels.data()) << spec->name;
  }
}

TEST(EnumCatalog, EveryValueHasOneDistinctLabel) {
  for (const EnumSpec& spec : enum_catalog()) {
    EXPECT_TRUE(spec.value_labels.empty() || spec.value_labels.size() == spec.size()) << spec.name;
    std::set<std::string_view> labels;
    for (std::size_t i = 0; i < spec.size(); ++i) {
      EXPECT_FALSE(spec.label_of(i).empty()) << spec.name << "[" << i << "]";
      labels.insert(spec.label_of(i));
    }
    EXPECT_EQ(labels.size(), spec.size()) << spec.name;
  }
}

TEST(EnumCatalog, RolesAndAreaLevelsComeFromTheirTables) {
  const EnumSpec* roles = find_enum("role");
  ASSERT_NE(roles, nullptr);
  ASSERT_EQ(roles->size(), kAllRoles.size());
  for (std::size_t i = 0; i < kAllRoles.size(); ++i) {
    EXPECT_EQ(roles->values[i], role_id(kAllRoles[i]));
    EXPECT_EQ(roles->label_of(i), role_label(kAllRoles[i]));
    EXPECT_EQ(parse_role(roles->values[i]), kAllRoles[i]);
  }
  const EnumSpec* levels = find_enum("area_level");
  ASSERT_NE(levels, nullptr);
  ASSERT_EQ(levels->size(), kAreaLevelIds.size());
  for (std::size_t i = 0; i < kAreaLevels.size(); ++i) {
    EXPECT_EQ(levels->values[i], kAreaLevelIds[i]);
    EXPECT_EQ(levels->label_of(i), kAreaLevels[i].label);
  }
}

TEST(EnumCatalog, LabelsWhereValuesAreIdentifiers) {
  EXPECT_EQ(find_enum("person_naming")->label_of(2), "匿名（名前を記録しない）");
  EXPECT_EQ(find_enum("shared_part")->label_of(0), "ケースの概要");
  EXPECT_EQ(find_enum("case_status")->label_of(1), "継続支援");  // a value shown as itself
  EXPECT_EQ(kSharingBasisRecordField.size(), kSharingBasis.size());
}

// The parts registered with their content (service/case_parts.cc) are the
// ones the web is told of, in the same order: a module adds to both.
TEST(EnumCatalog, RegisteredSharedPartsAgreeWithTheDomain) {
  auto parts = service::shared_parts();
  ASSERT_EQ(parts.size(), kSharedPart.size());
  for (std::size_t i = 0; i < kSharedPart.size(); ++i) {
    EXPECT_EQ(parts[i].name, kSharedPart.values[i]);
    EXPECT_EQ(service::shared_part_label(kSharedPart.values[i]), kSharedPart.label_of(i));
  }
}

}  // namespace
}  // namespace tsunagu::domain
