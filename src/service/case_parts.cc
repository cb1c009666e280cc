#include "service/case_parts.h"

#include "service/json_optional.h"
#include "service/referral_parts.h"

namespace tsunagu::service {

nlohmann::json case_part_content(store::Connection& db, const std::string& case_id, std::string_view part) {
  if (part == "summary") {
    auto c = db.query_one(
        "SELECT title, status, intake_route, subject_awareness, needs, current_stage, opened_on FROM cases WHERE id = ?",
        {case_id});
    if (!c) return nullptr;
    auto needs = nlohmann::json::parse(c->text(4), nullptr, false);
    return {{"title", c->text(0)},        {"status", c->text(1)},
            {"intake_route", c->text(2)}, {"subject_awareness", c->text(3)},
            {"needs", needs.is_discarded() ? nlohmann::json::array() : needs},
            {"current_stage", nj(c->opt_text(5))}, {"opened_on", c->text(6)}};
  }
  if (part == "contacts") {
    auto items = nlohmann::json::array();
    for (const auto& c : db.query(
             "SELECT id, occurred_at, channel, sub_kind, counterpart, subject_met, duration_minutes, note, next_step "
             "FROM contacts WHERE case_id = ? ORDER BY occurred_at, id LIMIT 500",
             {case_id}))
      items.push_back({{"occurred_at", c.text(1)},
                       {"channel", c.text(2)},
                       {"sub_kind", nj(c.opt_text(3))},
                       {"counterpart", c.text(4)},
                       {"subject_met", c.integer(5) != 0},
                       {"duration_minutes", c.opt_integer(6) ? nlohmann::json(*c.opt_integer(6)) : nullptr},
                       {"note", nj(c.opt_text(7))},
                       {"next_step", nj(c.opt_text(8))}});
    return items;
  }
  if (part == "assessments") return shared_assessments(db, case_id);
  if (part == "plans") return shared_plans(db, case_id);
  return nlohmann::json::array();
}

nlohmann::json case_parts_content(store::Connection& db, const std::string& case_id,
                                  const std::vector<std::string>& parts) {
  nlohmann::json content = nlohmann::json::object();
  for (const auto& p : parts) content[p] = case_part_content(db, case_id, p);
  return content;
}

nlohmann::json without_record_ids(nlohmann::json content) {
  if (!content.is_object()) return content;
  for (auto& [part, value] : content.items()) {
    if (value.is_array())
      for (auto& record : value)
        if (record.is_object()) record.erase("id");
  }
  return content;
}

}  // namespace tsunagu::service
