#include "service/case_parts.h"

#include "domain/sharing.h"
#include "service/json_optional.h"
#include "service/referral_parts.h"

namespace tsunagu::service {
namespace {

nlohmann::json shared_summary(store::Connection& db, const std::string& case_id) {
  auto r = db.query_one(
      "SELECT title, status, intake_route, subject_awareness, needs, current_stage, opened_on FROM cases WHERE id = ?",
      {case_id});
  if (!r) return nullptr;
  store::Cells c(*r);
  nlohmann::json j;
  j["title"] = c.text();
  j["status"] = c.text();
  j["intake_route"] = c.text();
  j["subject_awareness"] = c.text();
  auto needs = nlohmann::json::parse(c.text(), nullptr, false);
  j["needs"] = needs.is_discarded() ? nlohmann::json::array() : needs;
  j["current_stage"] = nj(c.opt_text());
  j["opened_on"] = c.text();
  return j;
}

nlohmann::json shared_contacts(store::Connection& db, const std::string& case_id) {
  auto items = nlohmann::json::array();
  for (const auto& r : db.query(
           "SELECT occurred_at, channel, sub_kind, counterpart, subject_met, duration_minutes, note, next_step "
           "FROM contacts WHERE case_id = ? ORDER BY occurred_at, id LIMIT 500",
           {case_id})) {
    store::Cells c(r);
    nlohmann::json j;
    j["occurred_at"] = c.text();
    j["channel"] = c.text();
    j["sub_kind"] = nj(c.opt_text());
    j["counterpart"] = c.text();
    j["subject_met"] = c.flag();
    j["duration_minutes"] = nj(c.opt_integer());
    j["note"] = nj(c.opt_text());
    j["next_step"] = nj(c.opt_text());
    items.push_back(std::move(j));
  }
  return items;
}

}  // namespace

// The registration: one row a part, in the order error messages list them.
std::span<const SharedPart> shared_parts() {
  static constexpr SharedPart kParts[] = {
      {"summary", shared_summary},
      {"contacts", shared_contacts},
      {"assessments", shared_assessments},
      {"plans", shared_plans},
  };
  return kParts;
}

const SharedPart* find_shared_part(std::string_view name) {
  for (const auto& p : shared_parts())
    if (p.name == name) return &p;
  return nullptr;
}

std::string_view shared_part_label(std::string_view part) {
  auto i = domain::kSharedPart.index_of(part);
  return i ? domain::kSharedPart.label_of(*i) : std::string_view{};
}

std::string shared_part_names() {
  std::string out;
  for (const auto& p : shared_parts()) out += (out.empty() ? "" : ", ") + std::string(p.name);
  return out;
}

nlohmann::json case_part_content(store::Connection& db, const std::string& case_id, std::string_view part) {
  auto p = find_shared_part(part);
  return p ? p->content(db, case_id) : nlohmann::json::array();
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
