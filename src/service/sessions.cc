#include "service/sessions.h"

#include <algorithm>

#include "domain/role.h"
#include "domain/two_factor_rule.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/problem.h"
#include "service/secrets.h"
#include "service/timing_dummy_hash.h"
#include "service/two_factor.h"
#include "store/in_list.h"

namespace tsunagu::service {
namespace {

using std::chrono::system_clock;

Problem invalid_credentials() {
  return Problem(401, "invalid_credentials", "ログインIDまたはパスワードが正しくありません。");
}

Problem locked() {
  return Problem(423, "account_locked",
                 "ログインに続けて失敗したため、このアカウントは一時的にロックされています。"
                 "しばらく（15分ほど）待ってから、もう一度お試しください。"
                 "以前このアカウントでログインした端末からは、続けてログインできます。お急ぎの場合は管理者にご連絡ください。");
}

Problem too_many(const char* detail) { return Problem(429, "too_many_attempts", detail); }

// Who a user row is, read the same way by sign-in and by every request's
// session lookup: these columns first in both SELECTs (users u JOIN
// organisations o), mapped by actor_from. A macro so that the SELECTs stay
// string literals: the per-connection statement cache is keyed by the text.
#define TSUNAGU_ACTOR_COLUMNS "u.id, u.login, u.display_name, u.role, u.organisation_id, o.name"
constexpr std::size_t kActorColumnCount = 6;

Actor actor_from(const store::Row& r, const std::string& client) {
  Actor a;
  a.user_id = r.text(0);
  a.login = r.text(1);
  a.display_name = r.text(2);
  a.role = domain::parse_role(r.text(3)).value_or(domain::Role::coordinator);
  a.organisation_id = r.text(4);
  a.organisation_name = r.text(5);
  a.client = client;
  return a;
}

std::int64_t count(store::Connection& c, const char* sql, const std::string& key, const std::string& since) {
  auto row = c.query_one(sql, {key, since});
  return row ? row->integer(0) : 0;
}

// What the first transaction found and reserved.
struct Attempt {
  std::optional<std::string> user_id;
  std::string hash;
  Actor actor;
  bool known_device = false;
  std::string device_hash;  // of the cookie sent, when it is the user's
  std::int64_t number = 0;  // this attempt's place in the count it was reserved in
};

// Counts the attempt on the login name before any password is checked. The
// UPDATE takes the row (a lock on PostgreSQL, the write lock on SQLite), so
// concurrent attempts get consecutive numbers and only the first
// `lock_after` of them check a password.
std::int64_t reserve_on_login(store::Connection& c, const SessionLimits& limits, const std::string& login,
                              const std::string& now, const std::string& since) {
  c.execute("INSERT INTO login_locks (login, failures, locked_until, updated_at) VALUES (?,0,NULL,?) "
            "ON CONFLICT (login) DO NOTHING",
            {login, now});
  // A lock that has run out, or a count older than the window, starts over.
  c.execute("UPDATE login_locks SET "
            "failures = CASE WHEN updated_at < ? OR (locked_until IS NOT NULL AND locked_until <= ?) THEN 1 "
            "ELSE failures + 1 END, "
            "locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= ? THEN NULL ELSE locked_until END, "
            "updated_at = ? WHERE login = ?",
            {since, now, now, now, login});
  auto row = c.query_one("SELECT failures, locked_until FROM login_locks WHERE login = ?", {login});
  if (row->opt_text(1)) return limits.lock_after + 1;  // locked: no password is checked
  return row->integer(0);
}

Attempt begin_attempt(store::Database& database, const SessionLimits& limits, const std::string& login,
                      const std::string& client, const std::string& device_token) {
  Attempt a;
  auto c = database.acquire();
  store::Transaction tx(*c, store::Transaction::Mode::write);
  std::string now = now_utc();
  std::string since = format_utc(service::now() - limits.window);
  auto row = c->query_one("SELECT " TSUNAGU_ACTOR_COLUMNS ", u.password_hash, u.active "
                          "FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.login = ?",
                          {login});
  if (row && row->integer(kActorColumnCount + 1) != 0) {
    a.actor = actor_from(*row, client);
    a.user_id = a.actor.user_id;
    a.hash = row->text(kActorColumnCount);
  }
  if (a.user_id && !device_token.empty() && device_token.size() <= 100) {
    std::string h = hash_hex(device_token);
    auto d = c->query_one("SELECT failures FROM known_devices WHERE token_hash = ? AND user_id = ? AND last_used_at > ?",
                          {h, *a.user_id, format_utc(service::now() - limits.device_lifetime)});
    if (d) {
      a.known_device = true;
      a.device_hash = h;
    }
  }
  if (!a.known_device) {
    if (count(*c, "SELECT COUNT(*) FROM login_failures WHERE client = ? AND at > ?", client, since) >=
        limits.client_failures)
      throw too_many("この端末からのログインの失敗が続いています。しばらく待ってから、もう一度お試しください。");
    if (count(*c, "SELECT COUNT(*) FROM login_successes WHERE client = ? AND at > ?", client, since) >=
        limits.client_sign_ins)
      throw too_many("この端末からのログインが短い時間に続いています。しばらく待ってから、もう一度お試しください。");
  }
  if (a.user_id &&
      count(*c, "SELECT COUNT(*) FROM login_successes WHERE user_id = ? AND at > ?", *a.user_id, since) >=
          limits.user_sign_ins)
    throw too_many("このアカウントへのログインが短い時間に続いています。しばらく待ってから、もう一度お試しください。");
  if (a.known_device) {
    c->execute("UPDATE known_devices SET failures = failures + 1 WHERE token_hash = ?", {a.device_hash});
    a.number = c->query_one("SELECT failures FROM known_devices WHERE token_hash = ?", {a.device_hash})->integer(0);
  } else {
    a.number = reserve_on_login(*c, limits, utf8_prefix(login, 200), now, since);
  }
  tx.commit();
  if (a.number > limits.lock_after) throw locked();
  return a;
}

// Returns whether this failure locked the login (or ended the device's
// standing).
bool record_failure(store::Database& database, const SessionLimits& limits, const std::string& login,
                    const std::string& client, const Attempt& a) {
  auto c = database.acquire();
  store::Transaction tx(*c, store::Transaction::Mode::write);
  std::string now = now_utc();
  c->execute("INSERT INTO login_failures (id, client, login, at) VALUES (?,?,?,?)",
             {random_id(), client, utf8_prefix(login, 200), now});
  bool now_locked = a.number >= limits.lock_after;
  if (now_locked) {
    if (a.known_device) {
      c->execute("DELETE FROM known_devices WHERE token_hash = ?", {a.device_hash});
    } else {
      c->execute("UPDATE login_locks SET locked_until = ?, updated_at = ? WHERE login = ?",
                 {format_utc(service::now() + limits.lock_for), now, utf8_prefix(login, 200)});
    }
  }
  AuditEntry e{"login_failed", "user", a.user_id.value_or(""), now_locked ? "account locked" : ""};
  if (a.known_device) e.detail = now_locked ? "known device no longer trusted" : "known device";
  audit(*c, nullptr, e, client);
  tx.commit();
  return now_locked;
}

// Opens the session once every step is passed: the device cookie (the
// one that proved itself, or a new one), the session, the caps and the
// sweeps, and the audit entry. `known_device_hash` is set when the
// attempt came from a browser this user signed in on before.
SignedIn open_session(store::Connection& c, const SessionLimits& limits, const Actor& actor,
                      const std::optional<std::string>& known_device_hash, const std::string& device_token,
                      const std::string& how) {
  SignedIn s;
  s.actor = actor;
  s.token = random_token();
  s.csrf_token = random_token();
  std::string now = now_utc();
  const std::string& uid = actor.user_id;
  if (known_device_hash) {
    s.device_token = device_token;
    c.execute("UPDATE known_devices SET failures = 0, last_used_at = ? WHERE token_hash = ?", {now, *known_device_hash});
  } else {
    s.device_token = random_token();
    c.execute("INSERT INTO known_devices (token_hash, user_id, failures, created_at, last_used_at) VALUES (?,?,0,?,?)",
              {hash_hex(s.device_token), uid, now, now});
  }
  c.execute(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, client, created_at, last_seen_at) VALUES (?,?,?,?,?,?)",
      {hash_hex(s.token), uid, s.csrf_token, actor.client, now, now});
  // A user's oldest sessions and devices beyond the caps end here.
  c.execute("DELETE FROM sessions WHERE user_id = ? AND token_hash NOT IN (SELECT token_hash FROM sessions "
            "WHERE user_id = ? ORDER BY created_at DESC, token_hash LIMIT ?)",
            {uid, uid, std::int64_t{limits.sessions_per_user}});
  c.execute("DELETE FROM known_devices WHERE user_id = ? AND token_hash NOT IN (SELECT token_hash FROM known_devices "
            "WHERE user_id = ? ORDER BY last_used_at DESC, token_hash LIMIT ?)",
            {uid, uid, std::int64_t{limits.devices_per_user}});
  // Expired sessions and old attempts of anyone are swept here: sign-in is
  // rare enough to carry the cost, and nothing else needs a timer.
  auto n = service::now();
  c.execute("DELETE FROM sessions WHERE last_seen_at < ?", {format_utc(n - limits.absolute)});
  std::string day_ago = format_utc(n - std::chrono::hours(24));
  c.execute("DELETE FROM login_failures WHERE at < ?", {day_ago});
  c.execute("DELETE FROM login_successes WHERE at < ?", {day_ago});
  c.execute("DELETE FROM login_locks WHERE updated_at < ? AND locked_until IS NULL", {day_ago});
  c.execute("DELETE FROM known_devices WHERE last_used_at < ?", {format_utc(n - limits.device_lifetime)});
  c.execute("DELETE FROM second_factor_challenges WHERE created_at < ?", {format_utc(n - limits.second_factor_wait)});
  audit(c, actor, {"login", "user", uid, how});
  return s;
}

bool two_factor_active(store::Connection& c, const std::string& user_id) {
  return c.query_one("SELECT 1 FROM user_two_factor WHERE user_id = ? AND secret IS NOT NULL", {user_id}).has_value();
}

Problem second_factor_expired() {
  return Problem(401, "second_factor_expired",
                 "確認コードの入力期限（5分）が過ぎたか、ログインの手続きが見つかりません。"
                 "お手数ですが、ログインIDとパスワードからもう一度お願いします。");
}

}  // namespace

SignedIn sign_in(store::Database& database, const SessionLimits& limits, const std::string& login,
                 const std::string& password, const std::string& client, const std::string& device_token) {
  Attempt a = begin_attempt(database, limits, login, client, device_token);
  bool ok = a.user_id ? verify_password(a.hash, password) : (verify_password(timing_dummy_hash(), password), false);
  if (!ok) {
    if (record_failure(database, limits, login, client, a)) throw locked();
    throw invalid_credentials();
  }
  auto c = database.acquire();
  store::Transaction tx(*c, store::Transaction::Mode::write);
  std::string now = now_utc();
  const std::string& uid = a.actor.user_id;
  // The password was right: its counts start over, and the success counts
  // towards the per-user and per-address limits (it cost a hash).
  if (a.known_device)
    c->execute("UPDATE known_devices SET failures = 0 WHERE token_hash = ?", {a.device_hash});
  else
    c->execute("UPDATE login_locks SET failures = 0, locked_until = NULL, updated_at = ? WHERE login = ?",
               {now, utf8_prefix(login, 200)});
  c->execute("INSERT INTO login_successes (id, user_id, client, at) VALUES (?,?,?,?)", {random_id(), uid, client, now});
  if (two_factor_active(*c, uid)) {
    if (second_factor_locked(*c, uid)) {
      tx.commit();
      throw second_factor_locked_problem();
    }
    SignedIn s;
    s.actor = a.actor;
    s.second_factor_token = random_token();
    c->execute("INSERT INTO second_factor_challenges (token_hash, user_id, device_hash, client, created_at) "
               "VALUES (?,?,?,?,?)",
               {hash_hex(s.second_factor_token), uid,
                a.known_device ? store::Value(a.device_hash) : store::null(), client, now});
    // A few unfinished sign-ins at most per user (several tabs, a retry).
    c->execute("DELETE FROM second_factor_challenges WHERE user_id = ? AND token_hash NOT IN (SELECT token_hash FROM "
               "second_factor_challenges WHERE user_id = ? ORDER BY created_at DESC, token_hash LIMIT 5)",
               {uid, uid});
    audit(*c, a.actor, {"login_second_factor_requested", "user", uid, ""});
    tx.commit();
    return s;
  }
  auto s = open_session(*c, limits, a.actor,
                        a.known_device ? std::optional<std::string>(a.device_hash) : std::nullopt, device_token,
                        a.known_device ? "known device" : "");
  tx.commit();
  return s;
}

SignedIn complete_second_factor(store::Database& database, const SessionLimits& limits, const SealKey& key,
                                const std::string& challenge_token, const std::string& code,
                                const std::string& recovery_code, const std::string& client,
                                const std::string& device_token) {
  if (challenge_token.empty() || challenge_token.size() > 100) throw second_factor_expired();
  auto c = database.acquire();
  store::Transaction tx(*c, store::Transaction::Mode::write);
  std::string th = hash_hex(challenge_token);
  auto row = c->query_one("SELECT " TSUNAGU_ACTOR_COLUMNS ", ch.device_hash, ch.created_at, u.active "
                          "FROM second_factor_challenges ch JOIN users u ON u.id = ch.user_id "
                          "JOIN organisations o ON o.id = u.organisation_id WHERE ch.token_hash = ?",
                          {th});
  constexpr std::size_t kDevice = kActorColumnCount, kCreated = kDevice + 1, kActive = kDevice + 2;
  if (!row || row->integer(kActive) == 0 ||
      row->text(kCreated) < format_utc(service::now() - limits.second_factor_wait)) {
    if (row) {
      c->execute("DELETE FROM second_factor_challenges WHERE token_hash = ?", {th});
      tx.commit();
    }
    throw second_factor_expired();
  }
  Actor actor = actor_from(*row, client);
  auto result = check_second_factor(*c, key, limits, actor.user_id, code, recovery_code);
  if (result == CodeCheck::wrong || result == CodeCheck::locked) {
    // Counted like a wrong password: towards this address's limit too.
    c->execute("INSERT INTO login_failures (id, client, login, at) VALUES (?,?,?,?)",
               {random_id(), client, actor.login, now_utc()});
    bool now_locked = result == CodeCheck::locked;
    if (now_locked) c->execute("DELETE FROM second_factor_challenges WHERE user_id = ?", {actor.user_id});
    std::string what = recovery_code.empty() ? "second factor" : "recovery code";
    audit(*c, nullptr, {"login_failed", "user", actor.user_id, what + (now_locked ? "; locked" : "")}, client);
    tx.commit();
    if (now_locked) throw second_factor_locked_problem();
    throw Problem(401, "second_factor_invalid",
                  recovery_code.empty()
                      ? "確認コードが正しくありません。認証アプリに表示されている最新の6桁を入力してください。"
                      : "回復コードが正しくないか、すでに使われています。控えた回復コードをご確認ください。");
  }
  c->execute("DELETE FROM second_factor_challenges WHERE token_hash = ?", {th});
  std::optional<std::string> known;
  if (auto d = row->opt_text(kDevice); d && !device_token.empty() && device_token.size() <= 100 &&
                                       constant_time_equal(hash_hex(device_token), *d))
    known = *d;
  if (result == CodeCheck::recovery_code)
    audit(*c, actor, {"recovery_code_used", "user", actor.user_id,
                      std::to_string(two_factor_state(*c, actor.user_id).recovery_codes_left) + " left"});
  auto s = open_session(*c, limits, actor, known, device_token,
                        result == CodeCheck::recovery_code ? "recovery code" : "second factor");
  tx.commit();
  return s;
}

void unlock_login(store::Connection& db, const std::string& login) {
  db.execute("UPDATE login_locks SET failures = 0, locked_until = NULL WHERE login = ?", {login});
}

namespace {

// The second-factor columns ride along: a session whose user must enrol
// may do nothing else, decided on every request (an organisation that
// starts requiring it restricts the open sessions at once). So does the
// case a read is about, when there is one (CaseLookup).
#define TSUNAGU_SESSION_SELECT                                                                          \
  "SELECT " TSUNAGU_ACTOR_COLUMNS ", s.csrf_token, s.created_at, s.last_seen_at, u.active, "           \
  "o.two_factor_roles, CASE WHEN t.secret IS NULL THEN 0 ELSE 1 END, s.token_hash"
#define TSUNAGU_SESSION_FROM                                                                            \
  " FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id " \
  "LEFT JOIN user_two_factor t ON t.user_id = u.id"
constexpr std::size_t kCsrf = kActorColumnCount, kCreated = kCsrf + 1, kSeen = kCsrf + 2, kActive = kCsrf + 3,
                      kTwoFactorRoles = kCsrf + 4, kTwoFactorOn = kCsrf + 5, kTokenHash = kCsrf + 6,
                      kCaseRef = kTokenHash + 1;

// The session a row says, for the asker at `client`; none when the user is
// no longer active or the times are not ours. One reading for find_session
// and for current_rows, so that a session remembered from the one
// compares equal to the other when nothing changed.
std::optional<ActiveSession> session_from(const store::Row& row, const std::string& client) {
  if (row.integer(kActive) == 0) return std::nullopt;
  ActiveSession s;
  // Times are written by format_utc only: fixed width UTC, so comparing the
  // text is comparing the times (and cheaper than parsing two of them on
  // every request). Anything else is not a session of ours.
  s.created_at = row.text(kCreated);
  s.last_seen_at = row.text(kSeen);
  for (const auto* t : {&s.created_at, &s.last_seen_at})
    if (t->size() != 24 || t->back() != 'Z') return std::nullopt;
  s.actor = actor_from(row, client);
  s.token_hash = row.text(kTokenHash);
  s.csrf_token = row.text(kCsrf);
  s.must_enrol_two_factor =
      row.integer(kTwoFactorOn) == 0 && domain::two_factor_required(s.actor.role, row.text(kTwoFactorRoles));
  return s;
}

std::chrono::seconds touch_interval(const SessionLimits& limits) {
  return std::min<std::chrono::seconds>(std::chrono::seconds(60), limits.idle / 4);
}

}  // namespace

SessionAge session_age(const SessionLimits& limits, const std::string& created_at, const std::string& last_seen_at,
                       std::chrono::system_clock::time_point now) {
  if (last_seen_at < format_utc(now - limits.idle) || created_at < format_utc(now - limits.absolute))
    return SessionAge::expired;
  if (last_seen_at < format_utc(now - touch_interval(limits))) return SessionAge::touch_due;
  return SessionAge::current;
}

SessionState find_session(store::Connection& db, const SessionLimits& limits, const std::string& token,
                          const std::string& client, ActiveSession& out, const std::string* case_id) {
  if (token.empty() || token.size() > 100) return SessionState::missing;
  std::string th = hash_hex(token);
  auto row = case_id ? db.query_one(TSUNAGU_SESSION_SELECT ", " TSUNAGU_CASE_REF_COLUMNS TSUNAGU_SESSION_FROM
                                                           " LEFT JOIN cases c ON c.id = ? WHERE s.token_hash = ?",
                                    {*case_id, th})
                     : db.query_one(TSUNAGU_SESSION_SELECT TSUNAGU_SESSION_FROM " WHERE s.token_hash = ?", {th});
  if (!row) return SessionState::missing;
  auto session = session_from(*row, client);
  if (!session) return SessionState::missing;
  auto now = service::now();
  switch (session_age(limits, session->created_at, session->last_seen_at, now)) {
    case SessionAge::expired:
      db.execute("DELETE FROM sessions WHERE token_hash = ?", {th});
      return SessionState::expired;
    case SessionAge::touch_due:
      session->last_seen_at = format_utc(now);
      db.execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", {session->last_seen_at, th});
      break;
    case SessionAge::current:
      break;
  }
  out = std::move(*session);
  if (case_id) out.case_lookup = CaseLookup{*case_id, case_ref_from(*row, kCaseRef)};
  return SessionState::active;
}

CurrentRows current_rows(store::Connection& db, const std::vector<std::pair<std::string, std::string>>& asked) {
  CurrentRows now;
  store::for_each_in_pairs(asked, [&](const std::string& rows, const std::vector<store::Value>& params) {
    for (const auto& row : db.query(TSUNAGU_SESSION_SELECT ", " TSUNAGU_CASE_REF_COLUMNS TSUNAGU_SESSION_FROM
                                    " JOIN (VALUES " + rows + ") AS p ON p.column1 = s.token_hash"
                                    " LEFT JOIN cases c ON c.id = p.column2",
                                    params)) {
      if (auto s = session_from(row, "")) now.sessions.emplace(s->token_hash, std::move(*s));
      if (auto c = case_ref_from(row, kCaseRef)) now.cases.emplace(c->id, std::move(*c));
    }
  });
  return now;
}

#undef TSUNAGU_SESSION_SELECT
#undef TSUNAGU_SESSION_FROM

void sign_out(store::Connection& db, const std::string& token, const Actor& actor) {
  db.execute("DELETE FROM sessions WHERE token_hash = ?", {hash_hex(token)});
  audit(db, actor, {"logout", "user", actor.user_id, ""});
}

void end_sessions_of(store::Connection& db, const std::string& user_id) {
  db.execute("DELETE FROM sessions WHERE user_id = ?", {user_id});
}

}  // namespace tsunagu::service
