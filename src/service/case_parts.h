// The parts of a case that may leave its organisation (summary, contacts,
// assessments, plans), as the receiving side is shown them: by a referral
// or in a meeting. One shape for both, so what a receiver sees does not
// depend on the way it was shared.
//
// The parts carry no record ids (of contacts, assessments, plans): they are
// the owning organisation's handles, useless elsewhere, and the receiving
// side must not be able to tell one of the owner's records from another by
// them (issue 13 point 9).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/db.h"

namespace tsunagu::service {

// The current content of one part of a case (null when the case is gone).
nlohmann::json case_part_content(store::Connection& db, const std::string& case_id, std::string_view part);
// {part: content} for each of `parts`.
nlohmann::json case_parts_content(store::Connection& db, const std::string& case_id,
                                  const std::vector<std::string>& parts);
// `content` ({part: content}) as disclosed before the parts lost their
// record ids: the same with every "id" of a part's records removed.
nlohmann::json without_record_ids(nlohmann::json content);

}  // namespace tsunagu::service
