// Reads answered from memory, and checked before they leave.
//
// Every request reads its session from the database, and a read of a case
// reads the case's ref with it (one statement: service/sessions.h). On
// PostgreSQL that statement is most of what a case detail costs the
// database, and it is repeated for every answer (issue 20). Yet a read of
// personal data waits anyway for its audit entry to be committed in the
// next batch (service/audit_batch.h), in a transaction that starts after
// the request arrived.
//
// So a GET that audits its reads may start from the session and case ref
// this server last read, remembered here, instead of reading them again.
// Nothing remembered is trusted on its own: the audit batch re-reads, in
// one statement (current_rows), the session and case rows of every such
// answer in the batch, and compares them with what the answer was computed
// from (still_hold). Only an answer whose rows are
// unchanged has its entry written and goes out. Any other — signed out,
// user deactivated, role or organisation changed, case edited on any
// server, session touched by another server — has no entry written and
// is run again the ordinary way, as if it had just arrived.
//
// The check runs after the request arrived, so whatever was committed
// before it (a sign-out on another server, say) is seen exactly as the
// ordinary path would see it: "signed out on one, signed out on both"
// still holds at once. The permission check, the handler and the audit
// entry are the ordinary ones; only where the session and ref come from
// differs.
//
// Only sessions that need no touch are answered from memory (the ordinary
// path writes last_seen_at), and only by routes whose reads go through the
// audit batch; an attempt that ends any other way (refused, failed, no
// read recorded) is discarded and run the ordinary way
// (http/dispatcher.cc).
#pragma once

#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "service/case_ref.h"
#include "service/lru_map.h"
#include "service/sessions.h"
#include "store/db.h"

namespace tsunagu::service {

class RememberedRows {
 public:
  // At most `capacity` sessions and as many case refs.
  explicit RememberedRows(std::size_t capacity) : sessions_(capacity), cases_(capacity) {}

  // The session as find_session read it (kept without the asker's address
  // and case, as current_rows reads it).
  void remember(const ActiveSession& session);
  void forget_session(const std::string& token_hash) { sessions_.erase(token_hash); }
  std::shared_ptr<const ActiveSession> session(const std::string& token_hash) { return sessions_.find(token_hash); }

  void remember(const CaseRef& ref) { cases_.put(ref.id, std::make_shared<const CaseRef>(ref)); }
  void forget_case(const std::string& case_id) { cases_.erase(case_id); }
  std::shared_ptr<const CaseRef> case_ref(const std::string& case_id) { return cases_.find(case_id); }

 private:
  LruMap<ActiveSession> sessions_;
  LruMap<CaseRef> cases_;
};

// What one answer given from memory relied on.
struct Reliance {
  std::shared_ptr<const ActiveSession> session;
  std::shared_ptr<const CaseRef> case_ref;  // null: the route is not about one case
};

// Remembered rows already found equal to the database, and the database's
// mark when they were (store::Connection::change_mark). While the mark of
// the next batch is the same, nothing has been committed anywhere since —
// no sign-out, no edit, no touch, on this server or another process — so
// those rows are still equal, and reading them again would only repeat the
// answer. The moment anything is committed the mark moves, and everything
// is read again as before. PostgreSQL gives no mark: every batch reads.
//
// Held by the one audit writer thread; no lock. The rows are kept alive
// here, so that an address is never taken for a different row's.
class HeldRows {
 public:
  // The start of a batch, at the mark its transaction sees.
  void look_at(const std::optional<store::ChangeMark>& mark);
  // Whether both rows `r` relied on were found equal at this mark.
  bool known(const Reliance& r) const;
  // `r`'s rows were read and found equal at this mark.
  void found_equal(const Reliance& r);
  // After the batch's own commit: `after` is the connection's mark then,
  // moved by the batch's own rows only. The commits of others stay unseen
  // until the next batch looks, so the mark kept is the batch's own view.
  void own_rows_written(const std::optional<store::ChangeMark>& after);
  // Something failed: trust nothing.
  void forget();

 private:
  static constexpr std::size_t kMaxKept = 4096;
  std::optional<store::ChangeMark> mark_;
  std::unordered_map<const void*, std::shared_ptr<const void>> equal_;
};

// For each of `reliances`, whether the rows it relied on are as they are
// in `db` now: one statement for up to 64 different sessions and cases,
// leaving out those `held` already knows to be equal.
std::vector<bool> still_hold(store::Connection& db, const std::vector<const Reliance*>& reliances, HeldRows& held);

// What the audit batch hands an answer whose reliance no longer holds:
// the dispatcher runs the request again the ordinary way.
struct RelianceChanged : std::exception {
  const char* what() const noexcept override { return "remembered rows changed"; }
};

}  // namespace tsunagu::service
