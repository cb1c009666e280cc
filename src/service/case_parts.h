// The parts of a case that may leave its organisation (summary, contacts,
// assessments, plans), as the receiving side is shown them: by a referral
// or in a meeting. One shape for both, so what a receiver sees does not
// depend on the way it was shared.
//
// The parts are a registration (shared_parts(), service/case_parts.cc): a
// module whose records another organisation may be shown writes the
// function that gives their shared content beside its own service and adds
// one row there, and its name and label to domain::kSharedPart (the
// enumeration the web reads; a unit test keeps the two alike). Consents, referrals and meetings read the list; none of
// them is edited.
//
// The parts carry no record ids (of contacts, assessments, plans): they are
// the owning organisation's handles, useless elsewhere, and the receiving
// side must not be able to tell one of the owner's records from another by
// them (issue 13 point 9).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/db.h"

namespace tsunagu::service {

// A part: the name requests and consents use (one of domain::kSharedPart,
// which gives its label and publishes it to the web), and its current
// content for a case (JSON; an array of records for a kind of record).
struct SharedPart {
  std::string_view name;
  nlohmann::json (*content)(store::Connection& db, const std::string& case_id);
};

// Every registered part, in the order error messages list them.
std::span<const SharedPart> shared_parts();
// The registered part of that name, or nullptr.
const SharedPart* find_shared_part(std::string_view name);
// The label of a part (domain::kSharedPart; "" for another name).
std::string_view shared_part_label(std::string_view part);
// The names as error messages list them: "summary, contacts, …".
std::string shared_part_names();

// The current content of one part of a case (null when the case is gone).
nlohmann::json case_part_content(store::Connection& db, const std::string& case_id, std::string_view part);
// {part: content} for each of `parts`.
nlohmann::json case_parts_content(store::Connection& db, const std::string& case_id,
                                  const std::vector<std::string>& parts);
// `content` ({part: content}) as disclosed before the parts lost their
// record ids: the same with every "id" of a part's records removed.
nlohmann::json without_record_ids(nlohmann::json content);

}  // namespace tsunagu::service
