#include "service/matching.h"

#include <optional>
#include <unordered_map>

#include "domain/age_band.h"
#include "domain/date.h"
#include "domain/matching.h"
#include "domain/outing.h"
#include "domain/text_normalize.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/json_optional.h"
#include "service/problem.h"
#include "service/query_input.h"
#include "service/resources.h"

namespace tsunagu::service {
namespace {

constexpr char kNotice[] =
    "これは候補の提案です。何も送信されていません。本人の思いを聞きながら、一緒に選んでください。";

// The three 狭義 answers of 外出状況: the person rarely leaves home, so a
// place they can join from home counts for more.
bool goes_out_little(const std::optional<std::string>& level) {
  if (!level) return false;
  for (std::size_t i = 5; i < domain::kOutingLevelValues.size(); ++i)
    if (*level == domain::kOutingLevelValues[i]) return true;
  return false;
}

// The person's district and the areas above it (municipality, prefecture).
std::vector<std::string> area_chain(store::Connection& db, std::optional<std::string> id, std::string& name) {
  std::vector<std::string> chain;
  while (id && chain.size() < 5) {
    auto r = db.query_one("SELECT id, parent_id, name FROM areas WHERE id = ?", {*id});
    if (!r) break;
    if (chain.empty()) name = r->text(2);
    chain.push_back(r->text(0));
    id = r->opt_text(1);
  }
  return chain;
}

domain::MatchCandidate candidate_of(const Resource& r) {
  std::string text = r.name + " " + r.category + " " + r.services.value_or("");
  for (const auto& t : r.tags) text += " " + t;
  return {r.id, r.name, r.age_min, r.age_max, r.gender, r.in_person, r.online, r.cost, r.area_id, r.area_name,
          domain::normalize_for_search(text)};
}

nlohmann::json item(const Resource& r, const domain::Match& m) {
  return {{"resource", r}, {"score", m.score}, {"reasons", m.reasons}, {"cautions", m.cautions}};
}

}  // namespace

nlohmann::json case_matches(store::Connection& db, const Actor& actor, const CaseRef& c,
                            const std::map<std::string, std::string>& query) {
  domain::MatchProfile p;
  QueryInput in(query);
  p.online_only = in.boolean("online_only").value_or(false);
  p.free_only = in.boolean("free_only").value_or(false);
  auto limit = static_cast<std::size_t>(in.integer("limit", "件数 (limit) ", 1, 100).value_or(20));
  in.check();

  nlohmann::json age = nullptr;
  std::optional<std::string> district;
  auto person = db.query_one(
      "SELECT p.sex, p.birth_date, p.age_band, p.district_id FROM cases c "
      "JOIN persons p ON p.id = c.subject_person_id WHERE c.id = ?",
      {c.id});
  if (person) {
    p.sex = person->opt_text(0);
    auto birth = person->opt_text(1) ? domain::parse_iso_date(*person->opt_text(1)) : std::nullopt;
    auto today = domain::parse_iso_date(today_tokyo());
    if (birth && today) {
      if (auto a = domain::age_on(*birth, *today)) {
        p.age_low = p.age_high = *a;
        age = std::to_string(*a) + "歳";
      }
    } else if (auto band = person->opt_text(2)) {
      if (auto range = domain::age_range_of_band(*band)) {
        p.age_low = range->first;
        p.age_high = range->second;
        age = *band;
      }
    }
    district = person->opt_text(3);
  }
  std::string area_name;
  p.area_ids = area_chain(db, district, area_name);

  auto a = db.query_one(
      "SELECT interests, strengths, outing_level, assessed_on FROM assessments WHERE case_id = ? "
      "ORDER BY assessed_on DESC, created_at DESC, id DESC LIMIT 1",
      {c.id});
  if (a) {
    p.interests = domain::split_terms(a->opt_text(0).value_or(""));
    p.strengths = domain::split_terms(a->opt_text(1).value_or(""));
    p.goes_out_little = goes_out_little(a->opt_text(2));
  }

  auto resources = search_resources(db, ResourceQuery{});
  std::vector<domain::MatchCandidate> candidates;
  std::unordered_map<std::string, const Resource*> by_id;
  for (const auto& r : resources) {
    candidates.push_back(candidate_of(r));
    by_id[r.id] = &r;
  }
  auto items = nlohmann::json::array(), excluded = nlohmann::json::array();
  for (const auto& m : domain::rank(p, candidates)) {
    auto& into = m.excluded ? excluded : items;
    if (into.size() < limit) into.push_back(item(*by_id.at(m.id), m));
  }
  audit(db, actor, {"read", "case", c.id, "matches"});
  return {{"case_id", c.id},
          {"profile",
           {{"age", age},
            {"sex", nj(p.sex)},
            {"area_name", area_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(area_name)},
            {"interests", p.interests},
            {"strengths", p.strengths},
            {"goes_out_little", p.goes_out_little},
            {"online_only", p.online_only},
            {"free_only", p.free_only},
            {"assessed_on", a ? nlohmann::json(a->text(3)) : nlohmann::json(nullptr)}}},
          {"notice", kNotice},
          {"items", items},
          {"excluded", excluded}};
}

}  // namespace tsunagu::service
