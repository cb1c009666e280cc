// Case details as last built, kept in memory so that reading a case again
// builds nothing when nothing it shows has changed.
//
// An entry is valid for one detail revision of its case (cases.detail_rev,
// raised by the database's own triggers on every change the detail shows:
// store/migrations/0017_case_detail_revision.h) and for the day it was
// built (the ages in it count from today). The revision is read with the
// permission check, before the detail (or remembered from the last read
// and read again in the audit batch before the answer leaves:
// service/remembered_rows.h); a detail built after a newer
// revision was committed is at worst newer than its key, never older, so a
// stale detail is never answered. It works the same with several servers
// on one PostgreSQL database: the revision lives in the database.
//
// What it keeps is what every reader of the case may see, already written
// as JSON text: the permission check runs before it, on every request, and
// the parts that depend on who asks (emergency accesses) go into holes left
// in the text, per answer. 本人's contact details are kept sealed and opened
// into their hole per answer, so the memory of a long-running server holds
// no phone numbers in the clear beyond the request that shows them.
//
// Bounded: the least recently read entries go first. Size 0 turns it off.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/case_ref.h"
#include "service/lru_map.h"
#include "service/sealed_field.h"
#include "store/db.h"

namespace tsunagu::service {

class CaseDetailCache {
 public:
  // The detail as JSON text, cut where a per-answer part goes: text[0],
  // hole 0, text[1], hole 1, … text[holes.size()].
  enum class Hole { emergency_accesses, subject_contact };
  struct Entry {
    std::int64_t detail_rev = 0;
    std::string built_on;  // Tokyo date, YYYY-MM-DD
    std::int64_t version = 0;  // the case's, for the ETag
    std::vector<std::string> text;
    std::vector<Hole> holes;
    std::optional<std::string> sealed_contact;
  };

  explicit CaseDetailCache(std::size_t capacity) : entries_(capacity) {}

  // The entry of `case_id` if it was built for `detail_rev` on `today`.
  std::shared_ptr<const Entry> find(const std::string& case_id, std::int64_t detail_rev, const std::string& today);
  // Keeps `entry` unless an entry of a newer revision is already kept.
  void put(const std::string& case_id, std::shared_ptr<const Entry> entry);
  std::size_t size() const { return entries_.size(); }

 private:
  LruMap<Entry> entries_;
};

// The case detail of service/cases.h as JSON text, with the emergency
// accesses the actor may see, for a case whose permission check has passed:
// from `cache` when it holds the current revision (nullptr: no cache), else
// built and kept.
struct CaseDetailText {
  std::string json;
  std::int64_t version = 0;
};
CaseDetailText case_detail_text(store::Connection& db, const SealKey& key, CaseDetailCache* cache, const CaseRef& ref,
                                const nlohmann::json& emergency_accesses);

}  // namespace tsunagu::service
