#include "service/remembered_rows.h"

#include <algorithm>

namespace tsunagu::service {

void RememberedRows::remember(const ActiveSession& session) {
  auto kept = std::make_shared<ActiveSession>(session);
  kept->actor.client.clear();
  kept->case_lookup.reset();
  std::string key = kept->token_hash;  // before `kept` is moved from
  sessions_.put(key, std::move(kept));
}

std::vector<bool> still_hold(store::Connection& db, const std::vector<const Reliance*>& reliances) {
  // Each session and case once, however many answers relied on it.
  std::vector<std::pair<std::string, std::string>> asked;
  asked.reserve(reliances.size());
  for (const auto* r : reliances) asked.emplace_back(r->session->token_hash, r->case_ref ? r->case_ref->id : "");
  std::sort(asked.begin(), asked.end());
  asked.erase(std::unique(asked.begin(), asked.end()), asked.end());
  const CurrentRows now = current_rows(db, asked);

  std::vector<bool> hold;
  hold.reserve(reliances.size());
  for (const auto* r : reliances) {
    auto s = now.sessions.find(r->session->token_hash);
    bool same = s != now.sessions.end() && s->second == *r->session;
    if (same && r->case_ref) {
      auto c = now.cases.find(r->case_ref->id);
      same = c != now.cases.end() && c->second == *r->case_ref;
    }
    hold.push_back(same);
  }
  return hold;
}

}  // namespace tsunagu::service
