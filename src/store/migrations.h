// Versioned schema migrations, applied in order at start-up and by
// `tsunagu migrate`. Each migration runs in its own transaction and is
// recorded in schema_migrations, so running them again does nothing.
#pragma once

#include <string_view>
#include <vector>

#include "store/db.h"

namespace tsunagu::store {

struct Migration {
  int version;
  std::string_view name;
  // Defaulted (empty) so that a migration written as {version, name, sql}
  // leaves out the dialect parts without -Wmissing-field-initializers.
  std::string_view common_sql = {};    // portable SQL, run on both databases
  std::string_view sqlite_sql = {};    // then this on SQLite only (FTS5 …)
  std::string_view postgres_sql = {};  // or this on PostgreSQL only (pg_trgm …)
  // Then this, in the same transaction: for tables derived from existing
  // rows by rules that live in C++ (0012 fills the report summaries with
  // the functions that maintain them), so a rule is not copied into SQL text.
  void (*then)(Connection&) = nullptr;
  // SQLite cannot alter a column's CHECK; such a migration rebuilds the
  // table (create, copy, drop, rename), which its foreign keys forbid while
  // they are enforced. With this set, the runner turns them off on SQLite
  // for this migration alone and runs PRAGMA foreign_key_check before the
  // commit, so a rebuild that broke a reference rolls back (SQLite's own
  // procedure, https://sqlite.org/lang_altertable.html#otheralter).
  bool rebuilds_sqlite_tables = false;
};

const std::vector<Migration>& all_migrations();

// Applies the migrations not yet applied; returns how many ran.
int migrate(Database& db);

}  // namespace tsunagu::store
