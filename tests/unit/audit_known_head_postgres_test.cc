// The one-statement append of read audits (service/audit_known_head.h) on a
// real PostgreSQL: only PostgreSQL takes this way, with the batch sent as
// one text array a column. Runs when TSUNAGU_PG_URL names a server
// (scripts/test.sh starts one and runs these after the other unit tests);
// skipped otherwise.
#include "service/audit_known_head.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "service/audit_seal.h"
#include "service/audit_verify.h"
#include "service/clock.h"
#include "service/secrets.h"
#include "store/migrations.h"

namespace tsunagu::service {
namespace {

class KnownHeadPostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("TSUNAGU_PG_URL");
    if (!url) GTEST_SKIP() << "TSUNAGU_PG_URL がないため PostgreSQL の単体テストは省きます (scripts/pg.sh)";
    init_crypto();
    close_audit_chain();
    // A database of this test's own; its name is made here, never input.
    name_ = "unit_known_head_" + std::to_string(::getpid());
    std::string server = url;
    admin_ = store::Database::open(server);
    admin_->acquire()->execute("DROP DATABASE IF EXISTS " + name_);
    admin_->acquire()->execute("CREATE DATABASE " + name_);
    std::string::size_type at = server.find("///postgres?");
    ASSERT_NE(at, std::string::npos) << server;
    db_ = store::Database::open(server.replace(at, 12, "///" + name_ + "?"));
    store::migrate(*db_);
  }
  void TearDown() override {
    db_.reset();
    if (admin_) admin_->acquire()->execute("DROP DATABASE IF EXISTS " + name_);
  }

  static PendingAudit entry(const std::string& detail, const std::string& client = "127.0.0.1",
                            const std::string& entity_id = "c1") {
    return {format_utc(service::now()), "u1", "o1", client, {"read", "case", entity_id, detail}};
  }
  std::int64_t count() {
    return db_->acquire()->query_one("SELECT count(*) FROM reads.audit_log")->integer(0);
  }

  std::string name_;
  std::unique_ptr<store::Database> admin_, db_;
};

TEST_F(KnownHeadPostgresTest, EveryTextComesBackAsItWentAndTheChainHolds) {
  // What an array literal could misread: quotes, backslashes, commas,
  // braces, the word NULL, the empty text, spaces at the ends, new lines.
  const std::vector<std::string> texts = {"\"",        "\\",          ",",          "{}",          "{\"a\":1}",
                                          "NULL",      "",            "  両端に空白  ", "改行\nあり",   "\\\"",
                                          "終わり\\",  "a,b}{c\"d\\e", "😀",         "null"};
  std::vector<PendingAudit> entries;
  for (const auto& t : texts) entries.push_back(entry(t, t, "id " + t));
  auto c = db_->acquire();
  const ChainHead before = read_chain_head(*c, AuditLog::reads);
  auto left = append_after_known_head(*c, entries, AuditLog::reads, before);
  ASSERT_TRUE(left.has_value());
  EXPECT_EQ(left->seq, before.seq + static_cast<std::int64_t>(texts.size()));
  const ChainHead now = read_chain_head(*c, AuditLog::reads);
  EXPECT_EQ(now.seq, left->seq);
  EXPECT_EQ(now.hash, left->hash);

  auto rows = c->query("SELECT seq, detail, client, entity_id, user_id, organisation_id, action, entity, at "
                       "FROM reads.audit_log ORDER BY seq");
  ASSERT_EQ(rows.size(), texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(rows[i].integer(0), before.seq + 1 + static_cast<std::int64_t>(i));
    EXPECT_EQ(rows[i].text(1), texts[i]) << i;
    EXPECT_EQ(rows[i].text(2), texts[i]) << i;
    EXPECT_EQ(rows[i].text(3), "id " + texts[i]) << i;
    EXPECT_EQ(rows[i].text(4), "u1");
    EXPECT_EQ(rows[i].text(5), "o1");
    EXPECT_EQ(rows[i].text(6), "read");
    EXPECT_EQ(rows[i].text(7), "case");
    EXPECT_EQ(rows[i].text(8), entries[i].at);
  }
  // The hashes were computed from the texts as sent: the chain verifies
  // only if each came back byte for byte.
  AuditVerdict v = verify_audit_chain(*c, AuditLog::reads, nullptr);
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.entries, static_cast<std::int64_t>(texts.size()));

  // The next batch follows on from the head this one left.
  auto next = append_after_known_head(*c, {entry("next")}, AuditLog::reads, *left);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->seq, left->seq + 1);
  EXPECT_TRUE(verify_audit_chain(*c, AuditLog::reads, nullptr).ok);
}

TEST_F(KnownHeadPostgresTest, AHeadThatMovedWritesNothing) {
  auto c = db_->acquire();
  const ChainHead before = read_chain_head(*c, AuditLog::reads);
  ASSERT_TRUE(append_after_known_head(*c, {entry("first")}, AuditLog::reads, before).has_value());
  // Another server appended in between: this head is no longer the head.
  EXPECT_FALSE(append_after_known_head(*c, {entry("second"), entry("third")}, AuditLog::reads, before).has_value());
  EXPECT_EQ(count(), 1);
  EXPECT_TRUE(verify_audit_chain(*c, AuditLog::reads, nullptr).ok);
}

TEST_F(KnownHeadPostgresTest, ATextThatCannotTravelWritesNothing) {
  auto c = db_->acquire();
  const ChainHead before = read_chain_head(*c, AuditLog::reads);
  for (const std::string& bad : {std::string("\xff\xfe"), std::string("a\0b", 3), std::string("\xe3\x81")}) {
    EXPECT_FALSE(append_after_known_head(*c, {entry("fine"), entry(bad)}, AuditLog::reads, before).has_value());
    EXPECT_EQ(count(), 0);
  }
  const ChainHead after = read_chain_head(*c, AuditLog::reads);
  EXPECT_EQ(after.seq, before.seq);
  EXPECT_EQ(after.hash, before.hash);
}

}  // namespace
}  // namespace tsunagu::service
