// The audit screen's list: both audit logs (service/audit.h) merged, newest
// first, a page at a time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

struct AuditPageRequest {
  std::optional<std::string> organisation_id;  // only this organisation's entries; none: all
  std::optional<std::string> user_id;          // only what this user did
  std::optional<std::string> action;           // only this action (domain/audit_vocabulary.h)
  std::optional<std::string> case_id;          // only entries about this case (see audit_entries_about)
  std::optional<std::string> from_utc, until_utc;  // at >= from, at < until
  std::optional<std::string> cursor;           // next_cursor of the page before
  std::int64_t limit = 50;
};

// Reads the filters of GET /api/v1/audit: user, action, case (an id) or
// case_number (a number of the reader's own organisation), from and to
// (dates, Asia/Tokyo, both included), cursor and limit. Throws 400
// validation_failed; 404 not_found for a case number the organisation
// does not have.
AuditPageRequest read_audit_request(store::Connection& db, const Actor& reader,
                                    const std::map<std::string, std::string>& query);

// {"items": [...], "next_cursor": "..." | null}. Each item says who acted by
// name (user_name, organisation_name), its action and record kind in
// Japanese (action_label, entity_label), and the case it is about as
// {id, number, title, may_open}: the title only when `reader` may open
// the case (the one permission check), so the screen links it. Throws 400
// validation_failed for a cursor it did not hand out.
nlohmann::json list_audit(store::Connection& db, const Actor& reader, const AuditPageRequest& page);

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
