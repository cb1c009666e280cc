#include "service/sessions.h"

#include "domain/role.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/problem.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

using std::chrono::system_clock;

Problem invalid_credentials() {
  return Problem(401, "invalid_credentials", "ログインIDまたはパスワードが正しくありません。");
}

Problem locked() {
  return Problem(423, "account_locked",
                 "ログインに続けて失敗したため、このアカウントは一時的にロックされています。"
                 "しばらく（15分ほど）待ってから、もう一度お試しください。お急ぎの場合は管理者にご連絡ください。");
}

// A hash that takes as long to check as a real one, so that an unknown
// login answers in the same time as a wrong password.
const std::string& dummy_hash() {
  static const std::string h = hash_password("tsunagu-timing-equaliser");
  return h;
}

void record_failure(store::Database& database, const SessionLimits& limits, const std::string& login,
                    const std::string& client, const std::optional<std::string>& user_id, bool& now_locked) {
  auto c = database.acquire();
  store::Transaction tx(*c, store::Transaction::Mode::write);
  std::string now = now_utc();
  c->execute("INSERT INTO login_failures (id, client, login, at) VALUES (?,?,?,?)",
             {random_id(), client, login.substr(0, 200), now});
  now_locked = false;
  if (user_id) {
    c->execute("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?", {*user_id});
    auto row = c->query_one("SELECT failed_logins FROM users WHERE id = ?", {*user_id});
    if (row && row->integer(0) >= limits.lock_after) {
      c->execute("UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?",
                 {format_utc(system_clock::now() + limits.lock_for), *user_id});
      now_locked = true;
    }
  }
  AuditEntry e{"login_failed", "user", user_id.value_or(""), now_locked ? "account locked" : ""};
  audit(*c, nullptr, e, client);
  tx.commit();
}

}  // namespace

SignedIn sign_in(store::Database& database, const SessionLimits& limits, const std::string& login,
                 const std::string& password, const std::string& client) {
  std::optional<std::string> user_id;
  std::string hash;
  Actor actor;
  {
    auto c = database.acquire();
    std::string since = format_utc(system_clock::now() - limits.window);
    auto fails = c->query_one("SELECT COUNT(*) FROM login_failures WHERE client = ? AND at > ?", {client, since});
    if (fails && fails->integer(0) >= limits.client_failures)
      throw Problem(429, "too_many_attempts",
                    "この端末からのログインの失敗が続いています。しばらく待ってから、もう一度お試しください。");
    auto row = c->query_one(
        "SELECT u.id, u.password_hash, u.locked_until, u.active, u.display_name, u.role, u.organisation_id, o.name, "
        "u.login FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.login = ?",
        {login});
    if (row) {
      auto until = row->opt_text(2);
      if (until && *until > now_utc()) throw locked();
      if (row->integer(3) != 0) {
        user_id = row->text(0);
        hash = row->text(1);
        actor.user_id = row->text(0);
        actor.display_name = row->text(4);
        actor.role = domain::parse_role(row->text(5)).value_or(domain::Role::coordinator);
        actor.organisation_id = row->text(6);
        actor.organisation_name = row->text(7);
        actor.login = row->text(8);
        actor.client = client;
      }
    }
  }
  bool ok = user_id ? verify_password(hash, password) : (verify_password(dummy_hash(), password), false);
  if (!ok) {
    bool now_locked = false;
    record_failure(database, limits, login, client, user_id, now_locked);
    if (now_locked) throw locked();
    throw invalid_credentials();
  }
  SignedIn s;
  s.actor = actor;
  s.token = random_token();
  s.csrf_token = random_token();
  auto c = database.acquire();
  store::Transaction tx(*c, store::Transaction::Mode::write);
  std::string now = now_utc();
  c->execute("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?", {actor.user_id});
  c->execute(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, client, created_at, last_seen_at) VALUES (?,?,?,?,?,?)",
      {hash_hex(s.token), actor.user_id, s.csrf_token, client, now, now});
  // Expired sessions of anyone are swept here: sign-in is rare enough to
  // carry the cost, and nothing else needs a timer.
  c->execute("DELETE FROM sessions WHERE last_seen_at < ?",
             {format_utc(system_clock::now() - limits.absolute)});
  audit(*c, actor, {"login", "user", actor.user_id, ""});
  tx.commit();
  return s;
}

SessionState find_session(store::Connection& db, const SessionLimits& limits, const std::string& token,
                          const std::string& client, ActiveSession& out) {
  if (token.empty() || token.size() > 100) return SessionState::missing;
  std::string th = hash_hex(token);
  auto row = db.query_one(
      "SELECT s.user_id, s.csrf_token, s.created_at, s.last_seen_at, u.login, u.display_name, u.role, "
      "u.organisation_id, o.name, u.active FROM sessions s JOIN users u ON u.id = s.user_id "
      "JOIN organisations o ON o.id = u.organisation_id WHERE s.token_hash = ?",
      {th});
  if (!row || row->integer(9) == 0) return SessionState::missing;
  auto now = system_clock::now();
  // Times are written by format_utc only: fixed width UTC, so comparing the
  // text is comparing the times (and cheaper than parsing two of them on
  // every request). Anything else is not a session of ours.
  std::string created = row->text(2), seen = row->text(3);
  if (created.size() != 24 || seen.size() != 24 || created.back() != 'Z' || seen.back() != 'Z')
    return SessionState::missing;
  if (seen < format_utc(now - limits.idle) || created < format_utc(now - limits.absolute)) {
    db.execute("DELETE FROM sessions WHERE token_hash = ?", {th});
    return SessionState::expired;
  }
  // Touch at most once a minute (or sooner for short test timeouts): a
  // write on every request would serialise all readers on SQLite.
  if (seen < format_utc(now - std::min<std::chrono::seconds>(std::chrono::seconds(60), limits.idle / 4)))
    db.execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", {format_utc(now), th});
  out.actor.user_id = row->text(0);
  out.csrf_token = row->text(1);
  out.actor.login = row->text(4);
  out.actor.display_name = row->text(5);
  out.actor.role = domain::parse_role(row->text(6)).value_or(domain::Role::coordinator);
  out.actor.organisation_id = row->text(7);
  out.actor.organisation_name = row->text(8);
  out.actor.client = client;
  return SessionState::active;
}

void sign_out(store::Connection& db, const std::string& token, const Actor& actor) {
  db.execute("DELETE FROM sessions WHERE token_hash = ?", {hash_hex(token)});
  audit(db, actor, {"logout", "user", actor.user_id, ""});
}

void end_sessions_of(store::Connection& db, const std::string& user_id) {
  db.execute("DELETE FROM sessions WHERE user_id = ?", {user_id});
}

}  // namespace tsunagu::service
