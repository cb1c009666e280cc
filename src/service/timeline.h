// The timeline of a case: one chronological list, newest first, of its
// contacts, assessments, plan changes and goal progress, stage changes and
// status changes, referrals and meetings. Each entry is {kind, on, at,
// summary, ref_id, by, by_id}: `on` is the Asia/Tokyo day it happened, `at`
// the UTC time it happened (contacts) or was recorded (the rest), `summary`
// a short Japanese line written without failure wording, `ref_id` the
// record to open.
//
// The kinds are a registration (timeline_kinds(), service/timeline_kinds.cc):
// a module whose records belong to a case writes a loader beside its service
// and adds one row there; case_timeline() itself is not edited.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/db.h"

namespace tsunagu::service {

// One entry and what orders it: newest (on, at, key) first. `key` is unique
// among the case's entries (the row's id), so entries at the same time keep
// one order and a cursor can point between them.
struct TimelineEntry {
  std::string on, at, key;
  nlohmann::json j;
};

// A kind the `kinds` parameter filters by, and the loader that appends all
// of the case's entries of that kind (a loader may give entries of more
// than one `kind` field: "referral" gives referral_feedback too).
struct TimelineKind {
  std::string_view name;
  void (*load)(store::Connection& db, const std::string& case_id, std::vector<TimelineEntry>& out);
};

// Every registered kind, in the order the `kinds` error message lists them.
std::span<const TimelineKind> timeline_kinds();

// Query parameters: kinds (comma-separated, default all), cursor (the
// previous page's next_cursor), limit (1..200, default 50). Answers {items,
// next_cursor}. Throws 400 validation_failed on unknown kinds, a bad limit
// or cursor.
nlohmann::json case_timeline(store::Connection& db, const std::string& case_id,
                             const std::map<std::string, std::string>& query);

// For loaders. Entries already shaped as JSON by another service
// ({kind, on, at, ref_id, …}), keyed by ref_id, kind and at.
void append_timeline_items(std::vector<nlohmann::json> items, std::vector<TimelineEntry>& out);
// The first `n` code points of `s`, with "…" when cut.
std::string excerpt(const std::string& s, std::size_t n);
// `s` with line breaks and tabs as spaces: a summary is one line.
std::string one_line(std::string s);
// `s` in 「」, unless it already is (a person's words written with their
// own brackets would otherwise read 「「…」」).
std::string in_brackets(const std::string& s);
// How a plan is named in a sentence: 支援計画「title」, or 支援計画 alone when
// the title is just that (not 支援計画「支援計画」).
std::string plan_name(const std::string& title);

}  // namespace tsunagu::service
