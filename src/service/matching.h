// Matching (マッチング) for one case: loads what the ranking needs — the
// person's age and sex and district, the latest assessment's 興味関心 and
// できること and 外出状況, the active resources of the directory — and lets
// domain/matching.h rank them with reasons.
//
// It only suggests: nothing is sent and nothing is written except the audit
// entry of the read (the case's data is read to compute it).
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/case_ref.h"
#include "store/db.h"

namespace tsunagu::service {

// {case_id, profile, notice, items[], excluded[]}; each item
// {resource, score, reasons[], cautions[]}. Query: online_only, free_only
// (true/false: limits the person stated), limit (1..100, default 20).
// 400 validation_failed on bad values (service/query_input.h).
nlohmann::json case_matches(store::Connection& db, const Actor& actor, const CaseRef& c,
                            const std::map<std::string, std::string>& query);

}  // namespace tsunagu::service
