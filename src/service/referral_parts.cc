#include "service/referral_parts.h"

#include "service/assessments.h"
#include "service/json_optional.h"

namespace tsunagu::service {
namespace {

nlohmann::json json_array(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_array() ? j : nlohmann::json::array();
}

}  // namespace

nlohmann::json shared_assessments(store::Connection& db, const std::string& case_id) {
  auto items = nlohmann::json::array();
  auto r = db.query_one(
      "SELECT assessed_on, outing_level, outing_since, outing_duration_band, outing_class, outing_broad, "
      "withdrawal_phase, life_difficulties, triggers, strengths, interests FROM assessments WHERE case_id = ? "
      "ORDER BY assessed_on DESC, created_at DESC, id DESC LIMIT 1",
      {case_id});
  if (!r) return items;
  store::Cells c(*r);
  nlohmann::json a;
  a["assessed_on"] = c.text();
  a["outing_level"] = nj(c.opt_text());
  a["outing_since"] = nj(c.opt_text());
  a["outing_duration_band"] = nj(c.opt_text());
  a["outing_class"] = nj(c.opt_text());
  a["outing_broad"] = c.flag();
  a["outing_class_note"] = kOutingClassNote;
  a["withdrawal_phase"] = nj(c.opt_text());
  a["life_difficulties"] = json_array(c.text());
  a["triggers"] = json_array(c.text());
  a["strengths"] = nj(c.opt_text());
  a["interests"] = nj(c.opt_text());
  items.push_back(std::move(a));
  return items;
}

nlohmann::json shared_plans(store::Connection& db, const std::string& case_id) {
  auto items = nlohmann::json::array();
  auto r = db.query_one(
      "SELECT id, title, wish, consent, consent_on, started_on, review_on FROM plans WHERE case_id = ? "
      "ORDER BY started_on DESC, created_at DESC, id DESC LIMIT 1",
      {case_id});
  if (!r) return items;
  store::Cells c(*r);
  auto plan_id = c.text();
  nlohmann::json p;
  p["title"] = c.text();
  p["wish"] = nj(c.opt_text());
  p["consent"] = c.text();
  p["consent_on"] = nj(c.opt_text());
  p["started_on"] = c.text();
  p["review_on"] = nj(c.opt_text());
  auto goals = nlohmann::json::array();
  for (const auto& g : db.query(
           "SELECT axis, term, words, support FROM plan_goals WHERE plan_id = ? AND active = 1 ORDER BY position, id",
           {plan_id}))
    goals.push_back({{"axis", g.text(0)}, {"term", g.text(1)}, {"words", g.text(2)}, {"support", nj(g.opt_text(3))}});
  p["goals"] = std::move(goals);
  items.push_back(std::move(p));
  return items;
}

}  // namespace tsunagu::service
