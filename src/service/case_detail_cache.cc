#include "service/case_detail_cache.h"

#include <map>

#include "service/cases.h"
#include "service/clock.h"
#include "service/json_text.h"
#include "service/persons.h"
#include "service/secrets.h"

namespace tsunagu::service {

std::shared_ptr<const CaseDetailCache::Entry> CaseDetailCache::find(const std::string& case_id,
                                                                    std::int64_t detail_rev,
                                                                    const std::string& today) {
  auto entry = entries_.find(case_id);
  if (!entry || entry->detail_rev != detail_rev || entry->built_on != today) return nullptr;
  return entry;
}

void CaseDetailCache::put(const std::string& case_id, std::shared_ptr<const Entry> entry) {
  // Two readers may build the same case at once, one before a change and
  // one after: the older must not replace the newer.
  entries_.put(case_id, std::move(entry),
               [](const Entry& kept, const Entry& built) { return kept.detail_rev > built.detail_rev; });
}

namespace {

// Builds the entry: the detail written with a marker in each hole, then cut
// at the markers. A marker is random per build, so no text in a record can
// be taken for one.
std::shared_ptr<CaseDetailCache::Entry> build_entry(store::Connection& db, const SealKey& key, const CaseRef& ref,
                                                    std::string today) {
  using Hole = CaseDetailCache::Hole;
  auto e = std::make_shared<CaseDetailCache::Entry>();
  e->detail_rev = ref.detail_rev;
  e->built_on = std::move(today);
  nlohmann::json detail = case_detail(db, key, ref.id);
  e->version = detail.at("version").get<std::int64_t>();
  std::vector<std::pair<std::string, Hole>> markers;
  auto mark = [&](nlohmann::json& at, Hole hole) {
    markers.emplace_back("\"" + random_id() + "\"", hole);
    at = markers.back().first.substr(1, markers.back().first.size() - 2);
  };
  mark(detail["emergency_accesses"], Hole::emergency_accesses);
  if (auto& subject = detail["subject"]; subject.is_object()) {
    e->sealed_contact = sealed_contact_of(db, subject["id"].get<std::string>());
    mark(subject["contact"], Hole::subject_contact);
  }
  std::string text = json_text(detail);
  std::map<std::size_t, const std::pair<std::string, Hole>*> by_place;
  for (const auto& m : markers) by_place.emplace(text.find(m.first), &m);
  std::size_t from = 0;
  for (const auto& [at, m] : by_place) {
    e->text.push_back(text.substr(from, at - from));
    e->holes.push_back(m->second);
    from = at + m->first.size();
  }
  e->text.push_back(text.substr(from));
  return e;
}

}  // namespace

CaseDetailText case_detail_text(store::Connection& db, const SealKey& key, CaseDetailCache* cache, const CaseRef& ref,
                                const nlohmann::json& emergency_accesses) {
  if (!cache) {
    nlohmann::json j = case_detail(db, key, ref.id);
    j["emergency_accesses"] = emergency_accesses;
    return {json_text(j), j.at("version").get<std::int64_t>()};
  }
  std::string today = today_tokyo();
  auto entry = cache->find(ref.id, ref.detail_rev, today);
  if (!entry) {
    auto built = build_entry(db, key, ref, std::move(today));
    cache->put(ref.id, built);
    entry = std::move(built);
  }
  CaseDetailText out{entry->text[0], entry->version};
  for (std::size_t i = 0; i < entry->holes.size(); ++i) {
    out.json += json_text(entry->holes[i] == CaseDetailCache::Hole::emergency_accesses
                              ? emergency_accesses
                              : open_contact(key, entry->sealed_contact));
    out.json += entry->text[i + 1];
  }
  return out;
}

}  // namespace tsunagu::service
