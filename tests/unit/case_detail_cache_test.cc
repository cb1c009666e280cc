// The memory of case details (service/case_detail_cache.h): an entry is
// answered only for the revision and the day it was built for, an older
// build never replaces a newer one, and the least recently read go first.
#include "service/case_detail_cache.h"

#include <gtest/gtest.h>

namespace tsunagu::service {
namespace {

std::shared_ptr<const CaseDetailCache::Entry> entry(std::int64_t rev, std::string day = "2026-12-05",
                                                    std::string title = "") {
  auto e = std::make_shared<CaseDetailCache::Entry>();
  e->detail_rev = rev;
  e->built_on = std::move(day);
  e->text = {title};
  return e;
}

TEST(CaseDetailCache, AnswersOnlyTheRevisionItWasBuiltFor) {
  CaseDetailCache cache(8);
  cache.put("a", entry(3));
  ASSERT_NE(cache.find("a", 3, "2026-12-05"), nullptr);
  EXPECT_EQ(cache.find("a", 4, "2026-12-05"), nullptr) << "changed since: build again";
  EXPECT_EQ(cache.find("a", 2, "2026-12-05"), nullptr);
  EXPECT_EQ(cache.find("b", 3, "2026-12-05"), nullptr);
}

TEST(CaseDetailCache, AnswersOnlyOnTheDayItWasBuilt) {
  // Ages in the detail count from today: after midnight, build again.
  CaseDetailCache cache(8);
  cache.put("a", entry(1, "2026-12-05"));
  EXPECT_NE(cache.find("a", 1, "2026-12-05"), nullptr);
  EXPECT_EQ(cache.find("a", 1, "2026-12-06"), nullptr);
}

TEST(CaseDetailCache, AnOlderBuildDoesNotReplaceANewerOne) {
  CaseDetailCache cache(8);
  cache.put("a", entry(5, "2026-12-05", "new"));
  cache.put("a", entry(4, "2026-12-05", "old"));
  auto got = cache.find("a", 5, "2026-12-05");
  ASSERT_NE(got, nullptr);
  EXPECT_EQ(got->text[0], "new");
  cache.put("a", entry(6, "2026-12-05", "newer"));
  EXPECT_EQ(cache.find("a", 6, "2026-12-05")->text[0], "newer");
  EXPECT_EQ(cache.size(), 1u);
}

TEST(CaseDetailCache, TheLeastRecentlyReadGoFirst) {
  CaseDetailCache cache(2);
  cache.put("a", entry(1));
  cache.put("b", entry(1));
  ASSERT_NE(cache.find("a", 1, "2026-12-05"), nullptr);  // a is now the most recent
  cache.put("c", entry(1));
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_NE(cache.find("a", 1, "2026-12-05"), nullptr);
  EXPECT_EQ(cache.find("b", 1, "2026-12-05"), nullptr);
  EXPECT_NE(cache.find("c", 1, "2026-12-05"), nullptr);
}

TEST(CaseDetailCache, SizeZeroKeepsNothing) {
  CaseDetailCache cache(0);
  cache.put("a", entry(1));
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.find("a", 1, "2026-12-05"), nullptr);
}

}  // namespace
}  // namespace tsunagu::service
