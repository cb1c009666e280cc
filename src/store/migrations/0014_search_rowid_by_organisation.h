// Search entries numbered by organisation (SQLite only): an entry's rowid is
// its organisation's search prefix × 2^40 plus a running number, so the
// full-text indexes — whose hit lists are ordered by rowid — can be asked
// for one organisation's hits alone (a rowid range), instead of returning
// every organisation's hits to be looked up and thrown away one by one.
// For a common surname on a prefecture's database that was four hits of
// five (service/search_index.cc keeps the numbering on every write).
//
// The full-text tables are dropped, the entries renumbered and the indexes
// rebuilt from search_entries; the tables and triggers are those of 0003.
// Measured on the benchmark's database (1.1M entries): 2½ minutes, once,
// at the first start of the new version (or `tsunagu migrate` beforehand).
// PostgreSQL keeps its GIN indexes (they are filtered by organisation_id).
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0014_search_rowid_by_organisation{
    14, "search_rowid_by_organisation",
    "",
    R"SQL(
CREATE TABLE search_organisations (
  organisation_id TEXT PRIMARY KEY,
  prefix INTEGER NOT NULL UNIQUE CHECK (prefix BETWEEN 1 AND 8000000)
);
INSERT INTO search_organisations (organisation_id, prefix)
  SELECT organisation_id, ROW_NUMBER() OVER (ORDER BY organisation_id)
  FROM (SELECT DISTINCT organisation_id FROM search_entries);
DROP TRIGGER search_entries_ai;
DROP TRIGGER search_entries_ad;
DROP TRIGGER search_entries_au;
DROP TABLE search_trigram;
DROP TABLE search_bigram;
UPDATE search_entries SET rid = rid + 1099511627776 *
  (SELECT o.prefix FROM search_organisations o WHERE o.organisation_id = search_entries.organisation_id);
CREATE VIRTUAL TABLE search_trigram USING fts5(body, content='search_entries', content_rowid='rid',
  tokenize='trigram');
CREATE VIRTUAL TABLE search_bigram USING fts5(grams, content='search_entries', content_rowid='rid',
  tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN
  INSERT INTO search_trigram(rowid, body) VALUES (new.rid, new.body);
  INSERT INTO search_bigram(rowid, grams) VALUES (new.rid, new.grams);
END;
CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN
  INSERT INTO search_trigram(search_trigram, rowid, body) VALUES ('delete', old.rid, old.body);
  INSERT INTO search_bigram(search_bigram, rowid, grams) VALUES ('delete', old.rid, old.grams);
END;
CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN
  INSERT INTO search_trigram(search_trigram, rowid, body) VALUES ('delete', old.rid, old.body);
  INSERT INTO search_bigram(search_bigram, rowid, grams) VALUES ('delete', old.rid, old.grams);
  INSERT INTO search_trigram(rowid, body) VALUES (new.rid, new.body);
  INSERT INTO search_bigram(rowid, grams) VALUES (new.rid, new.grams);
END;
INSERT INTO search_trigram(search_trigram) VALUES ('rebuild');
INSERT INTO search_bigram(search_bigram) VALUES ('rebuild');
)SQL",
    ""};

}  // namespace tsunagu::store::migrations
