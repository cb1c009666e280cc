// The audit screen's list: both audit logs (service/audit.h) merged, newest
// first, a page at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

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

}  // namespace tsunagu::service
