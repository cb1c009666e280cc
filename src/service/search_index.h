// The search index of case work: which person names, furigana and contact
// notes contain a typed string, folded as domain::normalize_for_search
// folds (ﾀﾅｶ = たなか = タナカ). Schema and the reason for two indexes:
// store/migrations/0003_search.h; entries numbered by organisation on
// SQLite: 0014_search_rowid_by_organisation.h.
//
// Every write of a person or a contact calls index_* / unindex in the same
// transaction, so the index never disagrees with the records.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace tsunagu::service {

// How a query is answered.
struct SearchPlan {
  enum class Mode { empty, grams, trigram };
  Mode mode = Mode::empty;
  std::string normalized;  // the folded query
};

// Folds the query; 1–2 code points → grams (bigram/code point index),
// 3 or more → trigram, nothing left after folding → empty (no results).
SearchPlan plan_search(std::string_view query);

// The grams of a record: the distinct bigrams and distinct code points of
// each normalised part, in first-seen order. A bigram never spans two parts
// (name and furigana are separate words).
std::vector<std::string> index_grams(const std::vector<std::string>& normalized_parts);

// The searchable text of a record; parts are normalised and joined by
// U+001F, a character no normalised query contains.
std::string index_body(const std::vector<std::string>& normalized_parts);

// Replaces the entry of a person (name, furigana) or a contact (note, next
// step). Parts that are absent or empty are skipped; with nothing left the
// entry is removed.
void index_person(store::Connection& db, const std::string& person_id, const std::string& organisation_id,
                  const std::optional<std::string>& name, const std::optional<std::string>& furigana);
void index_contact(store::Connection& db, const std::string& contact_id, const std::string& organisation_id,
                   const std::optional<std::string>& note, const std::optional<std::string>& next_step);

// A SELECT of (doc_id, kind) for the entries of `organisation_id` matching
// `plan` (mode must not be empty), with its bound values in order.
struct HitQuery {
  std::string sql;
  std::vector<store::Value> params;
};
HitQuery hit_query(store::Dialect dialect, const SearchPlan& plan, const std::string& organisation_id);

// A SELECT of one column whose rows are at least the organisation's hits of
// `plan` (before the final substring check), read from the index alone: a
// cheap upper bound on how many hits there are. On PostgreSQL it is the hit
// query itself.
HitQuery candidate_query(store::Dialect dialect, const SearchPlan& plan, const std::string& organisation_id);

}  // namespace tsunagu::service
