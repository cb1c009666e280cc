// One 国 (national) area above the prefectures (issue 15 point 7): the MHLW
// tables are national (47 prefectures, then the 指定都市), so a nationwide
// or multi-prefecture table must be one report of one area.
//
// The level CHECK of 0001 allows three levels. PostgreSQL swaps the
// constraint. SQLite cannot alter a CHECK, so the table is rebuilt as its
// documented procedure says (create, copy, drop, rename, re-create the
// indexes and triggers read back from sqlite_schema), with foreign keys off
// for this migration only and checked before commit
// (Migration::rebuilds_sqlite_tables). Then the root 「全国」 is inserted
// and every prefecture without a parent is hung under it (its version is
// raised: an admin editing it meanwhile gets a 412, not a silent move).
#pragma once

#include <string>
#include <vector>

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline void m0030_national_area_then(Connection& c) {
  if (c.dialect() == Dialect::sqlite) {
    std::vector<std::string> dependents;
    for (const auto& r : c.query(
             "SELECT sql FROM sqlite_schema WHERE tbl_name = 'areas' AND type IN ('index', 'trigger') "
             "AND sql IS NOT NULL ORDER BY type, name"))
      dependents.push_back(r.text(0));
    c.execute_script(R"SQL(
CREATE TABLE areas_rebuilt (
  id TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES areas(id),
  level TEXT NOT NULL CHECK (level IN ('national', 'prefecture', 'municipality', 'district')),
  name TEXT NOT NULL,
  code TEXT,
  population BIGINT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO areas_rebuilt (id, parent_id, level, name, code, population, version, created_at, updated_at)
  SELECT id, parent_id, level, name, code, population, version, created_at, updated_at FROM areas;
DROP TABLE areas;
ALTER TABLE areas_rebuilt RENAME TO areas;
)SQL");
    for (const auto& sql : dependents) c.execute_script(sql);
  }
  std::string id = c.dialect() == Dialect::sqlite
                       ? c.query("SELECT lower(hex(randomblob(16)))").at(0).text(0)
                       : c.query("SELECT md5(random()::text || clock_timestamp()::text)").at(0).text(0);
  std::string now = c.dialect() == Dialect::sqlite
                        ? c.query("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')").at(0).text(0)
                        : c.query("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')")
                              .at(0)
                              .text(0);
  c.execute(
      "INSERT INTO areas (id, parent_id, level, name, code, population, version, created_at, updated_at) "
      "VALUES (?, NULL, 'national', '全国', NULL, NULL, 1, ?, ?)",
      {id, now, now});
  c.execute(
      "UPDATE areas SET parent_id = ?, version = version + 1, updated_at = ? "
      "WHERE level = 'prefecture' AND parent_id IS NULL",
      {id, now});
}

inline constexpr Migration m0030_national_area{
    30,
    "national_area",
    {},
    {},
    R"SQL(
ALTER TABLE areas DROP CONSTRAINT areas_level_check;
ALTER TABLE areas ADD CONSTRAINT areas_level_check
  CHECK (level IN ('national', 'prefecture', 'municipality', 'district'));
)SQL",
    m0030_national_area_then,
    true,
};

}  // namespace tsunagu::store::migrations
