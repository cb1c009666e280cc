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
  auto a = db.query_one(
      "SELECT id, assessed_on, outing_level, outing_since, outing_duration_band, outing_class, outing_broad, "
      "withdrawal_phase, life_difficulties, triggers, strengths, interests FROM assessments WHERE case_id = ? "
      "ORDER BY assessed_on DESC, created_at DESC, id DESC LIMIT 1",
      {case_id});
  if (!a) return items;
  items.push_back({{"assessed_on", a->text(1)},
                   {"outing_level", nj(a->opt_text(2))},
                   {"outing_since", nj(a->opt_text(3))},
                   {"outing_duration_band", nj(a->opt_text(4))},
                   {"outing_class", nj(a->opt_text(5))},
                   {"outing_broad", a->integer(6) != 0},
                   {"outing_class_note", kOutingClassNote},
                   {"withdrawal_phase", nj(a->opt_text(7))},
                   {"life_difficulties", json_array(a->text(8))},
                   {"triggers", json_array(a->text(9))},
                   {"strengths", nj(a->opt_text(10))},
                   {"interests", nj(a->opt_text(11))}});
  return items;
}

nlohmann::json shared_plans(store::Connection& db, const std::string& case_id) {
  auto items = nlohmann::json::array();
  auto p = db.query_one(
      "SELECT id, title, wish, consent, consent_on, started_on, review_on FROM plans WHERE case_id = ? "
      "ORDER BY started_on DESC, created_at DESC, id DESC LIMIT 1",
      {case_id});
  if (!p) return items;
  auto goals = nlohmann::json::array();
  for (const auto& g : db.query(
           "SELECT axis, term, words, support FROM plan_goals WHERE plan_id = ? AND active = 1 ORDER BY position, id",
           {p->text(0)}))
    goals.push_back({{"axis", g.text(0)}, {"term", g.text(1)}, {"words", g.text(2)}, {"support", nj(g.opt_text(3))}});
  items.push_back({{"title", p->text(1)},
                   {"wish", nj(p->opt_text(2))},
                   {"consent", p->text(3)},
                   {"consent_on", nj(p->opt_text(4))},
                   {"started_on", p->text(5)},
                   {"review_on", nj(p->opt_text(6))},
                   {"goals", goals}});
  return items;
}

}  // namespace tsunagu::service
