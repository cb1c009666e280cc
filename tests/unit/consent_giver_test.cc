#include "domain/consent_giver.h"

#include <gtest/gtest.h>

#include "store/db.h"
#include "store/migrations/0027_consent_giver.h"
#include "temp_sqlite_file.h"

namespace tsunagu::domain {
namespace {

TEST(ConsentGiver, OnlyPersonOrLegalRepresentativeCoversPersonsInformation) {
  EXPECT_TRUE(covers_subject_information("本人"));
  EXPECT_TRUE(covers_subject_information("法定代理人"));
  EXPECT_FALSE(covers_subject_information("家族"));
  EXPECT_FALSE(covers_subject_information("母"));
  EXPECT_FALSE(covers_subject_information(""));
}

TEST(ConsentGiver, TheBasesThatRemainWhenThePersonDoesNotKnow) {
  EXPECT_FALSE(consent_basis_refusal("本人", "知っている"));
  EXPECT_FALSE(consent_basis_refusal("本人", "不明"));
  ASSERT_TRUE(consent_basis_refusal("本人", "知らない"));
  EXPECT_NE(consent_basis_refusal("本人", "知らない")->find("支援会議"), std::string_view::npos);
  // A legal representative's consent does not wait for 本人 to know.
  EXPECT_FALSE(consent_basis_refusal("法定代理人", "知らない"));
  // A family member's consent is never the basis, whatever 本人 knows.
  EXPECT_TRUE(consent_basis_refusal("家族", "知っている"));
  EXPECT_TRUE(consent_basis_refusal("家族", "知らない"));
}

TEST(ConsentGiver, OldFreeTextIsReadHonestly) {
  EXPECT_EQ(giver_of_old_consent("本人"), "本人");
  EXPECT_EQ(giver_of_old_consent(" 本人　"), "本人");
  EXPECT_EQ(giver_of_old_consent("本　人"), "本人");
  EXPECT_EQ(giver_of_old_consent("母"), "家族");
  EXPECT_EQ(giver_of_old_consent("本人の母"), "家族");
  EXPECT_EQ(giver_of_old_consent("本人（母が代筆）"), "家族");
  EXPECT_EQ(giver_of_old_consent(""), "家族");
}

// Migration 0027's step on a real SQLite file: old rows get their giver by
// the rule above.
TEST(ConsentGiver, MigrationReadsOldRecords) {
  test_support::TempSqliteFile file("consent_giver");
  {
    auto db = store::Database::open("sqlite:" + file.string());
    auto c = db->acquire();
    c->execute("CREATE TABLE consents (id TEXT PRIMARY KEY, given_by TEXT NOT NULL, giver TEXT NOT NULL DEFAULT '家族')");
    for (auto [id, by] : {std::pair{"a", "本人"}, {"b", "母"}, {"c", " 本人 "}, {"d", "父（本人も同席）"}})
      c->execute("INSERT INTO consents (id, given_by) VALUES (?, ?)", {std::string(id), std::string(by)});
    store::migrations::m0027_read_old_givers(*c);
    std::map<std::string, std::string> got;
    for (const auto& r : c->query("SELECT id, giver FROM consents")) got[r.text(0)] = r.text(1);
    EXPECT_EQ(got["a"], "本人");
    EXPECT_EQ(got["b"], "家族");
    EXPECT_EQ(got["c"], "本人");
    EXPECT_EQ(got["d"], "家族");
  }
}

}  // namespace
}  // namespace tsunagu::domain
