#include "service/case_detail_cache.h"

#include "service/cases.h"
#include "service/clock.h"
#include "service/persons.h"

namespace tsunagu::service {

std::shared_ptr<const CaseDetailCache::Entry> CaseDetailCache::find(const std::string& case_id,
                                                                    std::int64_t detail_rev,
                                                                    const std::string& today) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(case_id);
  if (it == index_.end()) return nullptr;
  const auto& entry = it->second->second;
  if (entry->detail_rev != detail_rev || entry->built_on != today) return nullptr;
  order_.splice(order_.begin(), order_, it->second);
  return entry;
}

void CaseDetailCache::put(const std::string& case_id, std::shared_ptr<const Entry> entry) {
  if (capacity_ == 0) return;
  std::lock_guard lock(mutex_);
  if (auto it = index_.find(case_id); it != index_.end()) {
    auto& kept = it->second->second;
    // Two readers may build the same case at once, one before a change and
    // one after: the older must not replace the newer.
    if (kept->detail_rev > entry->detail_rev) return;
    kept = std::move(entry);
    order_.splice(order_.begin(), order_, it->second);
    return;
  }
  order_.emplace_front(case_id, std::move(entry));
  index_.emplace(case_id, order_.begin());
  if (order_.size() > capacity_) {
    index_.erase(order_.back().first);
    order_.pop_back();
  }
}

std::size_t CaseDetailCache::size() const {
  std::lock_guard lock(mutex_);
  return order_.size();
}

nlohmann::json case_detail(store::Connection& db, const SealKey& key, CaseDetailCache* cache, const CaseRef& ref) {
  if (!cache) return case_detail(db, key, ref.id);
  std::string today = today_tokyo();
  auto entry = cache->find(ref.id, ref.detail_rev, today);
  if (!entry) {
    auto built = std::make_shared<CaseDetailCache::Entry>();
    built->detail_rev = ref.detail_rev;
    built->built_on = std::move(today);
    built->detail = case_detail(db, key, ref.id);
    if (auto& subject = built->detail["subject"]; subject.is_object()) {
      subject["contact"] = nullptr;
      built->sealed_contact = sealed_contact_of(db, subject["id"].get<std::string>());
    }
    cache->put(ref.id, built);
    entry = std::move(built);
  }
  nlohmann::json j = entry->detail;
  if (j["subject"].is_object()) j["subject"]["contact"] = open_contact(key, entry->sealed_contact);
  return j;
}

}  // namespace tsunagu::service
