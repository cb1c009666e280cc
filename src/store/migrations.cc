#include "store/migrations.h"

#include <ctime>
#include <stdexcept>
#include <string>

#include "store/migrations/list.h"

namespace tsunagu::store {

const std::vector<Migration>& all_migrations() {
  static const std::vector<Migration> list = migrations::list();
  return list;
}

namespace {
std::string now_iso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
  return buf;
}
}  // namespace

int migrate(Database& database) {
  auto c = database.acquire();
  // Two app servers starting at once against one PostgreSQL must not race
  // on the schema; the advisory lock makes the second wait for the first.
  if (c->dialect() == Dialect::postgres) c->query("SELECT pg_advisory_lock(7270001)");
  c->execute_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL)");
  int applied = 0;
  for (const auto& m : all_migrations()) {
    // PRAGMA foreign_keys is a no-op inside a transaction: off before it,
    // back on after it whatever happens.
    bool fk_off = m.rebuilds_sqlite_tables && c->dialect() == Dialect::sqlite &&
                  !c->query_one("SELECT 1 FROM schema_migrations WHERE version = ?", {std::int64_t{m.version}});
    struct ForeignKeysBack {
      Connection* c;
      ~ForeignKeysBack() {
        try {
          if (c) c->execute_script("PRAGMA foreign_keys=ON");
        } catch (...) {  // a destructor must not throw; the next open sets it again
        }
      }
    } back{fk_off ? &*c : nullptr};
    if (fk_off) c->execute_script("PRAGMA foreign_keys=OFF");
    Transaction tx(*c, Transaction::Mode::write);
    // Re-check inside the write transaction: two app servers starting at
    // once must not both apply the same migration.
    if (c->query_one("SELECT 1 FROM schema_migrations WHERE version = ?", {std::int64_t{m.version}})) continue;
    if (!m.common_sql.empty()) c->execute_script(m.common_sql);
    if (c->dialect() == Dialect::sqlite && !m.sqlite_sql.empty()) c->execute_script(m.sqlite_sql);
    if (c->dialect() == Dialect::postgres && !m.postgres_sql.empty()) c->execute_script(m.postgres_sql);
    if (m.then) m.then(*c);
    if (fk_off && !c->query("PRAGMA foreign_key_check").empty())
      throw std::runtime_error("migration " + std::to_string(m.version) + " left a broken foreign key");
    c->execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
               {std::int64_t{m.version}, std::string(m.name), now_iso()});
    tx.commit();
    ++applied;
  }
  if (c->dialect() == Dialect::postgres) c->query("SELECT pg_advisory_unlock(7270001)");
  return applied;
}

}  // namespace tsunagu::store
