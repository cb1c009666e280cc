// Search over case work (issue 3, point 8): person names and furigana, and
// contact notes, normalised by domain::normalize_for_search.
//
// One row per searchable record (a person or a contact) in search_entries,
// kept in step with the record in the same transaction
// (service/search_index.h). Two indexes over it:
//   - 3 or more code points: SQLite FTS5 with the trigram tokenizer /
//     PostgreSQL pg_trgm GIN (LIKE '%…%');
//   - 1 or 2 code points (田中, ひき): the trigram index cannot answer, so
//     `grams` holds the record's distinct bigrams and single code points:
//     an FTS5 table over the space-separated list on SQLite, a GIN-indexed
//     text[] on PostgreSQL (`grams @> ARRAY[…]`).
// Either way the hit is rechecked against `body` (an exact substring test),
// so a tokenizer's idea of a word boundary never adds a wrong hit.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0003_search{
    3, "search",
    "",
    R"SQL(
CREATE TABLE search_entries (
  rid INTEGER PRIMARY KEY,             -- stable rowid for the FTS5 content tables
  doc_id TEXT NOT NULL UNIQUE,         -- person id or contact id
  kind TEXT NOT NULL CHECK (kind IN ('person', 'contact')),
  organisation_id TEXT NOT NULL,
  body TEXT NOT NULL,                  -- normalised text, parts joined by U+001F
  grams TEXT NOT NULL                  -- distinct bigrams and code points, space separated
);
CREATE INDEX search_entries_organisation ON search_entries(organisation_id);
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
)SQL",
    R"SQL(
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE search_entries (
  doc_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('person', 'contact')),
  organisation_id TEXT NOT NULL,
  body TEXT NOT NULL,
  grams TEXT[] NOT NULL
);
CREATE INDEX search_entries_organisation ON search_entries(organisation_id);
CREATE INDEX search_entries_trgm ON search_entries USING gin (body gin_trgm_ops);
CREATE INDEX search_entries_grams ON search_entries USING gin (grams);
)SQL"};

}  // namespace tsunagu::store::migrations
