// The audit screen's list: both audit logs (service/audit.h) merged, newest
// first, a page at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/db.h"

namespace tsunagu::service {

struct AuditPageRequest {
  std::optional<std::string> organisation_id;  // only this organisation's entries; none: all
  std::optional<std::string> cursor;           // next_cursor of the page before
  std::int64_t limit = 50;
};

// {"items": [...], "next_cursor": "..." | null}. Throws 400 validation_failed
// for a cursor it did not hand out.
nlohmann::json list_audit(store::Connection& db, const AuditPageRequest& page);

// One entry of either log, as a person reading their own access record is
// shown it: who (name and organisation, not the login), when, what.
struct AuditTrace {
  std::string log, at, action, entity, entity_id, detail, user_name, organisation_name;
};
void to_json(nlohmann::json& j, const AuditTrace& t);

// Entries of both logs about some records, oldest first: those whose
// entity_id is one of `ids`, and those whose detail names one of
// `case_ids` ("case <id>", "case <id> …": reads of a case's lists and
// records of a case's sub-records). Across organisations, so that a
// receiver's reads of what was shared and emergency accesses show too.
// The reads log has no index on entity_id (an index there costs every
// audited read); this runs only for a 開示請求, and scans it.
std::vector<AuditTrace> audit_entries_about(store::Connection& db, const std::vector<std::string>& ids,
                                            const std::vector<std::string>& case_ids);

}  // namespace tsunagu::service
