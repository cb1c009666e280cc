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

void HeldRows::look_at(const std::optional<store::ChangeMark>& mark) {
  // Bounded: past kMaxKept the rows are simply read again once.
  if (!mark || mark != mark_ || equal_.size() > kMaxKept) equal_.clear();
  mark_ = mark;
}

bool HeldRows::known(const Reliance& r) const {
  if (!mark_) return false;
  if (!equal_.contains(r.session.get())) return false;
  return !r.case_ref || equal_.contains(r.case_ref.get());
}

void HeldRows::found_equal(const Reliance& r) {
  if (!mark_) return;
  equal_.emplace(r.session.get(), r.session);
  if (r.case_ref) equal_.emplace(r.case_ref.get(), r.case_ref);
}

void HeldRows::own_rows_written(const std::optional<store::ChangeMark>& after) {
  if (!mark_ || !after || after->connection != mark_->connection) return forget();
  mark_->own_changes = after->own_changes;
}

void HeldRows::forget() {
  mark_.reset();
  equal_.clear();
}

std::vector<bool> still_hold(store::Connection& db, const std::vector<const Reliance*>& reliances, HeldRows& held) {
  held.look_at(db.change_mark());
  // Each session and case once, however many answers relied on it, and
  // none already known equal at this mark.
  std::vector<bool> known;
  known.reserve(reliances.size());
  std::vector<std::pair<std::string, std::string>> asked;
  asked.reserve(reliances.size());
  for (const auto* r : reliances) {
    known.push_back(held.known(*r));
    if (!known.back()) asked.emplace_back(r->session->token_hash, r->case_ref ? r->case_ref->id : "");
  }
  std::sort(asked.begin(), asked.end());
  asked.erase(std::unique(asked.begin(), asked.end()), asked.end());
  const CurrentRows now = asked.empty() ? CurrentRows{} : current_rows(db, asked);

  std::vector<bool> hold;
  hold.reserve(reliances.size());
  for (std::size_t i = 0; i < reliances.size(); ++i) {
    const Reliance* r = reliances[i];
    if (known[i]) {
      hold.push_back(true);
      continue;
    }
    auto s = now.sessions.find(r->session->token_hash);
    bool same = s != now.sessions.end() && s->second == *r->session;
    if (same && r->case_ref) {
      auto c = now.cases.find(r->case_ref->id);
      same = c != now.cases.end() && c->second == *r->case_ref;
    }
    if (same) held.found_equal(*r);
    hold.push_back(same);
  }
  return hold;
}

}  // namespace tsunagu::service
