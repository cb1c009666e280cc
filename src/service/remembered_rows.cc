#include "service/remembered_rows.h"

#include <algorithm>
#include <unordered_map>

namespace tsunagu::service {

void RememberedRows::remember(const ActiveSession& session) {
  auto kept = std::make_shared<ActiveSession>(session);
  kept->actor.client.clear();
  kept->case_lookup.reset();
  std::string key = kept->token_hash;  // before `kept` is moved from
  sessions_.put(key, std::move(kept));
}

std::vector<bool> still_hold(store::Connection& db, const std::vector<const Reliance*>& reliances) {
  std::vector<std::string> hashes, case_ids;
  for (const auto* r : reliances) {
    hashes.push_back(r->session->token_hash);
    if (r->case_ref) case_ids.push_back(r->case_ref->id);
  }
  // Each session and case once, however many answers relied on it.
  for (auto* v : {&hashes, &case_ids}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  std::unordered_map<std::string, ActiveSession> sessions;
  for (auto& s : current_sessions(db, hashes)) sessions.emplace(s.token_hash, std::move(s));
  std::unordered_map<std::string, CaseRef> cases;
  if (!case_ids.empty())
    for (auto& c : current_case_refs(db, case_ids)) cases.emplace(c.id, std::move(c));

  std::vector<bool> hold;
  hold.reserve(reliances.size());
  for (const auto* r : reliances) {
    auto s = sessions.find(r->session->token_hash);
    bool same = s != sessions.end() && s->second == *r->session;
    if (same && r->case_ref) {
      auto c = cases.find(r->case_ref->id);
      same = c != cases.end() && c->second == *r->case_ref;
    }
    hold.push_back(same);
  }
  return hold;
}

}  // namespace tsunagu::service
