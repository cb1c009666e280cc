// Capture–recapture of a survey from records (service/surveys.h): the
// survey's cards, the case records of the area's organisations and the
// survey's further lists, linked by a key without names and counted here.
// The key, the rows and the link stay in this file: the answer is counts
// and estimates.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/estimators.h"
#include "service/surveys.h"

namespace tsunagu::service {
namespace {

using KeyCounts = std::map<std::string, std::int64_t>;

// The linkage key: district, gender and age band, all known.
std::optional<std::string> link_key(const std::string& district, const std::string& gender, const std::string& band) {
  if (district.empty() || band.empty() || gender.empty() || band == domain::kDontKnow || gender == domain::kDontKnow ||
      gender == "不明")
    return std::nullopt;
  return district + "\x1f" + gender + "\x1f" + band;
}

// A case person's band on the card's scale (10代 … 70代以上).
std::string card_band(const std::optional<std::string>& birth, const std::optional<std::string>& stored, const std::string& on) {
  if (birth)
    if (auto band = band_on(*birth, on); !band.empty()) return band;
  if (!stored) return "";
  if (*stored == "70代" || *stored == "80代" || *stored == "90代以上") return "70代以上";
  for (auto b : domain::kSurveyAgeBand.values)
    if (*stored == b) return *stored;
  return "";
}

struct LinkedList {
  explicit LinkedList(std::string n) : name(std::move(n)) {}
  std::string name;
  std::int64_t persons = 0, unlinkable = 0;
  KeyCounts keys;
  std::int64_t linkable() const {
    std::int64_t n = 0;
    for (const auto& [k, c] : keys) n += c;
    return n;
  }
};

LinkedList survey_list(store::Connection& db, const Survey& s) {
  LinkedList l("調査票");
  for (const auto& [k, n] : persons_by(db, s, "district_id, gender, age_band", 3)) {
    l.persons += n;
    if (auto key = link_key(k[0], k[1], k[2])) l.keys[*key] += n;
    else l.unlinkable += n;
  }
  return l;
}

// 本人 of the cases of the organisations in the survey's area (the area
// itself, its municipalities, their districts), counted once per person.
LinkedList case_list(store::Connection& db, const Survey& s) {
  LinkedList l("支援記録");
  std::set<std::string> districts;
  for (const auto& d : s.districts) districts.insert(d.id);
  for (const auto& r : db.query(
           "SELECT DISTINCT p.id, p.district_id, p.sex, p.birth_date, p.age_band FROM cases c "
           "JOIN persons p ON p.id = c.subject_person_id JOIN organisations o ON o.id = c.organisation_id "
           "JOIN areas a ON a.id = o.area_id LEFT JOIN areas m ON m.id = a.parent_id "
           "WHERE (a.id = ? OR a.parent_id = ? OR m.parent_id = ?) AND c.opened_on <= ?",
           {s.area_id, s.area_id, s.area_id, s.ends_on})) {
    const auto district = r.opt_text(1).value_or("");
    if (!district.empty() && !districts.contains(district)) continue;  // lives outside the survey's area
    ++l.persons;
    if (auto k = link_key(district, r.opt_text(2).value_or(""), card_band(r.opt_text(3), r.opt_text(4), s.ends_on)))
      ++l.keys[*k];
    else
      ++l.unlinkable;
  }
  return l;
}

std::vector<LinkedList> further(store::Connection& db, const Survey& s) {
  std::vector<LinkedList> out;
  std::map<std::string, std::size_t> at;
  for (const auto& r : db.query("SELECT id, name FROM survey_further_lists WHERE survey_id = ? ORDER BY created_at, id", {s.id})) {
    at[r.text(0)] = out.size();
    out.emplace_back(r.text(1));
  }
  if (out.empty()) return out;
  for (const auto& r : db.query(
           "SELECT w.list_id, w.district_id, w.gender, w.age_band, COUNT(*) FROM survey_further_list_rows w "
           "JOIN survey_further_lists l ON l.id = w.list_id WHERE l.survey_id = ? "
           "GROUP BY w.list_id, w.district_id, w.gender, w.age_band",
           {s.id})) {
    auto& l = out[at[r.text(0)]];
    l.persons += r.integer(4);
    if (auto k = link_key(r.text(1), r.text(2), r.text(3))) l.keys[*k] += r.integer(4);
    else l.unlinkable += r.integer(4);
  }
  return out;
}

// The key is coarse: people who share a district, gender and age band are
// interchangeable to it, so two different people can be counted as one
// person on both lists. Every such false match raises the overlap and
// lowers the estimate; nothing in the counts can tell how many there are.
// Said with every answer, with how many of the matches came from keys that
// several persons share.
std::string linkage_warning(std::int64_t both, std::int64_t ambiguous) {
  std::string w =
      "照合は地区・性別・年代だけで行うため、この3つが同じ別の方を同じ人として数えることがあります。"
      "そうして一致が多く数えられるほど、推計の総数は実際より少なく出ます。";
  if (ambiguous > 0)
    w += "両方にいると数えた" + std::to_string(both) + "人のうち" + std::to_string(ambiguous) +
         "人は、同じ条件の方が複数いる組から数えたものです。";
  return w + "推計は「少なくともこれくらい」の目安として扱ってください。";
}

std::string pattern_of(std::size_t h, std::size_t k) {
  std::string p;
  for (std::size_t i = 0; i < k; ++i) p += (h >> i) & 1 ? '1' : '0';
  return p;
}

}  // namespace

nlohmann::json capture_recapture(store::Connection& db, const Survey& s) {
  std::vector<LinkedList> lists{survey_list(db, s), case_list(db, s)};
  for (auto& l : further(db, s)) lists.push_back(std::move(l));
  std::vector<KeyCounts> keys;
  for (const auto& l : lists) keys.push_back(l.keys);
  const auto k = lists.size();
  std::int64_t ambiguous = 0;  // persons on both first lists whose key others share
  for (const auto& [key, n] : keys[1])
    if (keys[0].contains(key) && (n > 1 || keys[0][key] > 1)) ambiguous += std::min(n, keys[0][key]);
  // Chapman between the cards and the case records, as before a further
  // list was added (the same arithmetic and wording as counts linked elsewhere).
  const auto two = domain::capture_histories({keys[0], keys[1]});
  const std::int64_t n1 = lists[0].linkable(), n2 = lists[1].linkable(), m = two[3];
  const auto est = two_list_estimate({lists[0].name, lists[1].name}, n1, n2, m);
  nlohmann::json out = {{"survey_persons", lists[0].persons},
                        {"case_persons", lists[1].persons},
                        {"survey_linkable", n1},
                        {"case_linkable", n2},
                        {"both", m},
                        {"survey_only", n1 - m},
                        {"case_only", n2 - m},
                        {"ambiguous_matches", ambiguous},
                        {"survey_unlinkable", lists[0].unlinkable},
                        {"case_unlinkable", lists[1].unlinkable},
                        {"method", est["method"]},
                        {"key", "地区・性別・年代が一致（分からない項目がある票・記録は照合から除く）。照合はサーバーの中だけで行い、誰と誰が一致したかは表示しません。"},
                        {"warning", est["warning"]},
                        {"linkage_warning", linkage_warning(m, ambiguous)},
                        {"estimate", est["estimate"]},
                        {"reason", est["reason"]},
                        {"caution", est["caution"]},
                        {"log_linear", nullptr}};
  auto summary = nlohmann::json::array();
  for (const auto& l : lists)
    summary.push_back({{"name", l.name}, {"persons", l.persons}, {"linkable", l.linkable()}, {"unlinkable", l.unlinkable}});
  out["lists"] = summary;
  if (k < 3) return out;
  // Three to five lists: every history counted here, the models side by side.
  const auto histories = domain::capture_histories(keys);
  nlohmann::json names = nlohmann::json::array(), cells = nlohmann::json::array();
  for (const auto& l : lists) names.push_back(l.name);
  for (std::size_t h = 1; h < histories.size(); ++h) cells.push_back({{"pattern", pattern_of(h, k)}, {"count", histories[h]}});
  auto models = log_linear_estimate(names, histories);
  models["cells"] = cells;
  out["log_linear"] = models;
  return out;
}

}  // namespace tsunagu::service
