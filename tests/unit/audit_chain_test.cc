// The keyed audit chain and its anchor (service/audit_seal.h,
// service/audit_verify.h) on a real SQLite file: what an attacker who can
// write the database but has not got the key can no longer hide.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "service/audit.h"
#include "service/audit_anchor.h"
#include "service/audit_chain.h"
#include "service/audit_seal.h"
#include "service/audit_verify.h"
#include "service/secrets.h"
#include "store/migrations.h"

namespace tsunagu::service {
namespace {

class AuditChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init_crypto();
    // Each test starts as a new process would, whichever ran before it here.
    close_audit_chain();
    dir_ = std::filesystem::temp_directory_path() / ("tsunagu-audit-" + random_id());
    std::filesystem::create_directories(dir_);
    url_ = "sqlite:" + (dir_ / "t.sqlite").string();
    files_ = default_audit_files(url_);
    db_ = store::Database::open(url_);
    store::migrate(*db_);
  }
  void TearDown() override {
    close_audit_chain();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  void write(int n, AuditLog log = AuditLog::main) {
    auto c = db_->acquire();
    store::Transaction tx(*c, store::Transaction::Mode::write);
    std::vector<PendingAudit> entries;
    for (int i = 0; i < n; ++i) entries.push_back({"2026-12-01T00:00:00.000Z", "u1", "o1", "127.0.0.1",
                                                   {"read", "case", "c" + std::to_string(i), ""}});
    append_pending(*c, entries, log);
    tx.commit();
  }
  AuditVerdict verify(AuditLog log = AuditLog::main) {
    auto key = read_audit_key(files_.key);
    auto c = db_->acquire();
    return verify_audit_chain(*c, log, key ? &*key : nullptr);
  }
  std::filesystem::path dir_;
  std::string url_;
  AuditFiles files_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(AuditChainTest, KeysANewDatabaseAndCreatesTheKeyFile0600) {
  open_audit_chain(*db_, files_);
  ASSERT_TRUE(std::filesystem::exists(files_.key));
  auto perms = std::filesystem::status(files_.key).permissions();
  EXPECT_EQ(perms & std::filesystem::perms::all, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  write(5);
  write(3, AuditLog::reads);
  EXPECT_TRUE(verify().ok) << verify().reason;
  EXPECT_TRUE(verify(AuditLog::reads).ok) << verify(AuditLog::reads).reason;
  auto c = db_->acquire();
  EXPECT_EQ(read_chain_head(*c, AuditLog::main).keyed_from, 1);
}

TEST_F(AuditChainTest, AnUnkeyedPrefixIsKeptAndSealedByTheFirstKeyedEntry) {
  write(4);  // before keys: a tool, or the previous version
  open_audit_chain(*db_, files_);
  write(3);
  auto c = db_->acquire();
  EXPECT_EQ(read_chain_head(*c, AuditLog::main).keyed_from, 5);
  EXPECT_TRUE(verify().ok) << verify().reason;
  // Rewriting entry 2 and recomputing 2..4 with the unkeyed formula breaks
  // the link into entry 5, whose MAC covers entry 4's hash.
  c->execute("UPDATE audit_log SET detail = 'x' WHERE seq = 2");
  std::string prev = c->query_one("SELECT hash FROM audit_log WHERE seq = 1")->text(0);
  for (int seq = 2; seq <= 4; ++seq) {
    auto r = *c->query_one("SELECT at, user_id, organisation_id, action, entity, entity_id, client, detail "
                           "FROM audit_log WHERE seq = ?", {std::int64_t{seq}});
    ChainFields f{seq, r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)};
    std::string h = chain_hash(prev, f, AuditLog::main, nullptr);
    c->execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", {prev, h, std::int64_t{seq}});
    prev = h;
  }
  auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken_seq, 5);
}

TEST_F(AuditChainTest, RefusesAnotherKeyAndAMissingKey) {
  open_audit_chain(*db_, files_);
  write(2);
  std::filesystem::remove(files_.key);
  EXPECT_THROW(open_audit_chain(*db_, files_), std::runtime_error);
  EXPECT_FALSE(std::filesystem::exists(files_.key)) << "no new key is made for a keyed chain";
  create_audit_key(files_.key);  // another key
  try {
    open_audit_chain(*db_, files_);
    FAIL() << "a wrong key must not start";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("鍵ファイル"), std::string::npos) << e.what();
  }
}

TEST_F(AuditChainTest, RefusesAnExistingKeyBesideAChainWhoseMarkWasRemoved) {
  open_audit_chain(*db_, files_);
  write(2);
  db_->acquire()->execute("UPDATE audit_head SET keyed_from = NULL, mac = NULL WHERE id = 1");
  EXPECT_THROW(open_audit_chain(*db_, files_), std::runtime_error);
  EXPECT_FALSE(verify().ok);
}

TEST_F(AuditChainTest, TheAnchorRevealsARestoredOlderDatabase) {
  open_audit_chain(*db_, files_);
  write(2);
  db_->backup_to((dir_ / "old.sqlite").string());
  write(3);
  write(1, AuditLog::reads);
  checkpoint_audit_now(*db_->acquire());
  auto anchor = read_anchor_file(files_.anchor);
  ASSERT_EQ(anchor.checkpoints.size(), 2u);
  auto key = *read_audit_key(files_.key);
  std::int64_t checked = 0;
  EXPECT_TRUE(verify_audit_anchor(*db_->acquire(), anchor, key, checked).empty());
  // the old copy: its own chain verifies, the anchor does not
  auto old = store::Database::open("sqlite:" + (dir_ / "old.sqlite").string());
  auto problems = verify_audit_anchor(*old->acquire(), anchor, key, checked);
  EXPECT_EQ(problems.size(), 2u);
  EXPECT_NE(problems.front().find("古いバックアップ"), std::string::npos) << problems.front();
  // and the server does not start on it
  std::filesystem::copy_file(files_.key, dir_ / "old.sqlite.audit-key");
  std::filesystem::copy_file(files_.anchor, dir_ / "old.sqlite.audit-anchor");
  EXPECT_THROW(open_audit_chain(*old, default_audit_files("sqlite:" + (dir_ / "old.sqlite").string())),
               std::runtime_error);
}

TEST_F(AuditChainTest, AForgedCheckpointLineIsNotTrusted) {
  open_audit_chain(*db_, files_);
  write(2);
  auto key = *read_audit_key(files_.key);
  auto cp = *signed_checkpoint(*db_->acquire(), AuditLog::main, key);
  EXPECT_TRUE(checkpoint_mac_ok(key, cp));
  cp.seq = 1;
  EXPECT_FALSE(checkpoint_mac_ok(key, cp));
}

// The batch writer appends a whole batch of requests' entries at once in
// multi-row INSERTs of 64, 16, 4 and 1 rows: every size in one batch, then
// single entries after it, make one chain with every entry once, in order.
TEST_F(AuditChainTest, ABatchOfEveryChunkSizeKeepsOneChainInOrder) {
  open_audit_chain(*db_, files_);
  write(64 + 16 + 4 + 3, AuditLog::reads);
  write(1, AuditLog::reads);
  write(150, AuditLog::reads);
  EXPECT_TRUE(verify(AuditLog::reads).ok) << verify(AuditLog::reads).reason;
  auto c = db_->acquire();
  EXPECT_EQ(read_chain_head(*c, AuditLog::reads).seq, 87 + 1 + 150);
  auto rows = c->query("SELECT seq, entity_id FROM reads.audit_log ORDER BY seq");
  ASSERT_EQ(rows.size(), 238u);
  for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i].integer(0), static_cast<std::int64_t>(i + 1));
  // Within the first batch the entries keep the order they were made in.
  for (std::size_t i = 0; i < 87; ++i) EXPECT_EQ(rows[i].text(1), "c" + std::to_string(i));
  EXPECT_EQ(rows[87].text(1), "c0");
  EXPECT_EQ(rows[88 + 149].text(1), "c149");
}

}  // namespace
}  // namespace tsunagu::service
