// 本人's wishes for a supporter dispatch (同性, 同世代, ピア).
//
// They are recorded once, on the person (persons.preferences, values of
// domain::kSupportPreference); domain::dispatch_wishes_of turns them into
// DispatchWishes. The dispatch board starts from them, and the coordinator
// may change them for one dispatch: the candidates query and the booking
// body override the stored wishes only when they name wishes themselves.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/supporter.h"
#include "service/input.h"
#include "service/query_input.h"
#include "store/db.h"

namespace tsunagu::service {

// The wishes recorded on the case's 本人 (none when 本人 is unknown or has
// none recorded), and whether any preference is recorded at all.
struct StoredDispatchWishes {
  domain::DispatchWishes wishes;
  std::optional<std::string> person_id;
  bool recorded = false;
};
StoredDispatchWishes stored_dispatch_wishes(store::Connection& db, const std::string& case_id);

// The query's same_sex, same_generation, peer (a boolean each). When none of
// the three is given, `stored`. Errors go to `in`.
domain::DispatchWishes query_dispatch_wishes(QueryInput& in, const domain::DispatchWishes& stored);
// The body's {wishes: {same_sex, same_generation, peer}}; missing or null:
// `stored`. Errors go to `in` as wishes.<key>.
domain::DispatchWishes body_dispatch_wishes(Input& in, const nlohmann::json& body, const domain::DispatchWishes& stored);

nlohmann::json dispatch_wishes_json(const domain::DispatchWishes& w);

}  // namespace tsunagu::service
