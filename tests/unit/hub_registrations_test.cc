// The hubs a module registers with (docs/design/adding-a-module.md): each
// registration is well formed, so a row a module adds cannot silently
// shadow another or point outside the table it feeds.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "report/requirement_evidence.h"
#include "service/case_parts.h"
#include "service/timeline.h"

namespace tsunagu {
namespace {

TEST(HubRegistrations, TimelineKindsHaveDistinctNamesAndLoaders) {
  std::set<std::string> names;
  for (const auto& k : service::timeline_kinds()) {
    EXPECT_TRUE(names.insert(std::string(k.name)).second) << k.name;
    EXPECT_NE(k.load, nullptr) << k.name;
  }
  // The kinds the API has always filtered by stay filterable.
  for (const char* kind : {"contact", "assessment", "plan", "stage", "status", "referral", "meeting"})
    EXPECT_TRUE(names.count(kind)) << kind;
}

TEST(HubRegistrations, SharedPartsHaveDistinctNamesAndContent) {
  std::set<std::string> names;
  for (const auto& p : service::shared_parts()) {
    EXPECT_TRUE(names.insert(std::string(p.name)).second) << p.name;
    EXPECT_NE(p.content, nullptr) << p.name;
    EXPECT_EQ(service::find_shared_part(p.name), &p);
    EXPECT_FALSE(service::shared_part_label(p.name).empty()) << p.name;
  }
  EXPECT_EQ(service::find_shared_part("notes"), nullptr);
  EXPECT_EQ(service::shared_part_names(), "summary, contacts, assessments, plans");
}

TEST(HubRegistrations, EvidenceSourcesCountForOneOfTheTwelveActivities) {
  for (const auto& s : report::evidence_sources()) {
    EXPECT_GE(s.activity, 1u);
    EXPECT_LE(s.activity, 12u);
    EXPECT_GE(s.since_migration, 0);
    EXPECT_NE(s.count, nullptr);
  }
}

// Cells reads a row in order, whatever the cell types.
TEST(StoreCells, ReadsTheRowInOrder) {
  store::Row row({store::Value{std::string("a")}, store::null(), store::Value{std::int64_t{1}},
                  store::Value{std::int64_t{42}}});
  store::Cells c(row);
  EXPECT_EQ(c.text(), "a");
  EXPECT_TRUE(c.next_is_null());
  EXPECT_EQ(c.opt_text(), std::nullopt);
  EXPECT_TRUE(c.flag());
  EXPECT_EQ(c.position(), 3u);
  EXPECT_EQ(c.opt_integer(), 42);
}

}  // namespace
}  // namespace tsunagu
