#include "service/dispatch_wishes.h"

#include "domain/person_preference.h"
#include "service/person_contact.h"
#include "service/problem.h"

namespace tsunagu::service {

StoredDispatchWishes stored_dispatch_wishes(store::Connection& db, const std::string& case_id) {
  StoredDispatchWishes out;
  auto r = db.query_one(
      "SELECT p.id, p.preferences FROM cases c JOIN persons p ON p.id = c.subject_person_id WHERE c.id = ?", {case_id});
  if (!r) return out;
  out.person_id = r->text(0);
  auto preferences = preferences_of(r->opt_text(1));
  out.recorded = !preferences.empty();
  out.wishes = domain::dispatch_wishes_of(preferences);
  return out;
}

domain::DispatchWishes query_dispatch_wishes(QueryInput& in, const domain::DispatchWishes& stored) {
  auto same_sex = in.boolean("same_sex");
  auto same_generation = in.boolean("same_generation");
  auto peer = in.boolean("peer");
  if (!in.get("same_sex") && !in.get("same_generation") && !in.get("peer")) return stored;
  return {same_sex.value_or(false), same_generation.value_or(false), peer.value_or(false)};
}

domain::DispatchWishes body_dispatch_wishes(Input& in, const nlohmann::json& body, const domain::DispatchWishes& stored) {
  if (!body.contains("wishes") || body["wishes"].is_null()) return stored;
  domain::DispatchWishes w;
  if (!body["wishes"].is_object()) {
    in.fail("wishes", "本人の希望は {same_sex, same_generation, peer} の形で指定してください。");
    return w;
  }
  Input wi(body["wishes"]);
  w.same_sex = wi.boolean("same_sex", "同性の希望", false).value_or(false);
  w.same_generation = wi.boolean("same_generation", "同世代の希望", false).value_or(false);
  w.peer = wi.boolean("peer", "ピアの希望", false).value_or(false);
  try {
    wi.check();
  } catch (const Problem& p) {
    for (const auto& e : p.errors) in.fail("wishes." + e.field, e.detail);
  }
  return w;
}

nlohmann::json dispatch_wishes_json(const domain::DispatchWishes& w) {
  return {{"same_sex", w.same_sex}, {"same_generation", w.same_generation}, {"peer", w.peer}};
}

}  // namespace tsunagu::service
