// The JSON shape of a case as the API answers it (service/cases.h): the
// summary that lists show and the detail with 本人, household, status
// history and the moves allowed from here. Kept apart from the reads and
// writes in cases.cc, which build the typed records.
#include "service/cases.h"
#include "service/json_optional.h"

namespace tsunagu::service {

void to_json(nlohmann::json& j, CaseSummary c) {
  nlohmann::json subject = nullptr;
  if (c.subject)
    subject = {{"id", std::move(c.subject->id)},
               {"display_name", std::move(c.subject->display_name)},
               {"furigana", nj(std::move(c.subject->furigana))}};
  nlohmann::json staff = nlohmann::json::array();
  for (auto& s : c.staff) staff.push_back({{"id", std::move(s.id)}, {"display_name", std::move(s.display_name)}});
  j = {{"id", std::move(c.id)},
       {"organisation_id", std::move(c.organisation_id)},
       {"title", std::move(c.title)},
       {"number", nj(std::move(c.number))},
       {"status", std::move(c.status)},
       {"intake_route", std::move(c.intake_route)},
       {"caller_relation", nj(std::move(c.caller_relation))},
       {"subject_awareness", std::move(c.subject_awareness)},
       {"needs", std::move(c.needs)},
       {"stage_model", std::move(c.stage_model)},
       {"current_stage", nj(std::move(c.current_stage))},
       {"opened_on", std::move(c.opened_on)},
       {"closed_on", nj(std::move(c.closed_on))},
       {"anonymised_at", nj(std::move(c.anonymised_at))},
       {"version", c.version},
       {"created_at", std::move(c.created_at)},
       {"updated_at", std::move(c.updated_at)},
       {"subject_person_id", nj(std::move(c.subject_person_id))},
       {"subject", std::move(subject)},
       {"household_id", nj(std::move(c.household_id))},
       {"subject_met", c.subject_met},
       {"last_contact_at", nj(std::move(c.last_contact_at))},
       {"contact_count", c.contact_count},
       {"staff", std::move(staff)}};
}

void to_json(nlohmann::json& j, const CaseDetail& d) {
  j = d.summary;
  j["subject"] = d.subject ? nlohmann::json(*d.subject) : nlohmann::json(nullptr);
  j["household"] = d.household ? nlohmann::json(*d.household) : nlohmann::json(nullptr);
  nlohmann::json history = nlohmann::json::array();
  for (const auto& h : d.status_history)
    history.push_back({{"id", h.id},
                       {"from", nj(h.from)},
                       {"to", h.to},
                       {"reason", nj(h.reason)},
                       {"on", h.on},
                       {"user_id", h.user_id},
                       {"user_name", nj(h.user_name)},
                       {"recorded_at", h.recorded_at}});
  j["status_history"] = std::move(history);
  nlohmann::json moves = nlohmann::json::array();
  for (const auto& m : d.allowed_moves) moves.push_back({{"to", m.to}, {"needs_reason", m.needs_reason}});
  j["allowed_moves"] = std::move(moves);
}

}  // namespace tsunagu::service
