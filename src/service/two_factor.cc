#include "service/two_factor.h"

#include <sodium.h>

#include "domain/two_factor_rule.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/qr_svg.h"
#include "service/secrets.h"
#include "service/totp.h"

namespace tsunagu::service {
namespace {

Problem no_pending() {
  return Problem(404, "no_pending_enrolment",
                 "登録の手続きが始まっていないか、期限が切れています。最初からもう一度登録してください。");
}

Problem code_invalid() {
  return Problem(400, "two_factor_code_invalid",
                 "確認コードが一致しませんでした。認証アプリに表示されている最新の6桁を入力してください。");
}

}  // namespace

std::string read_totp_code(Input& in, const std::string& field) {
  std::string raw = in.text(field, "確認コード", {.required = true, .max = 20});
  std::string digits;
  for (char c : raw)
    if (c != ' ' && c != '-') digits += c;
  bool ok = digits.size() == 6;
  for (char c : digits) ok = ok && c >= '0' && c <= '9';
  if (!raw.empty() && !ok) in.fail(field, "確認コードは認証アプリに表示される6桁の数字で入力してください。");
  return ok ? digits : std::string();
}

namespace {

// Recovery codes are typed as shown ("abcde-fghij"); case, spaces and the
// hyphen do not matter.
std::string normalise_recovery_code(const std::string& raw) {
  std::string out;
  for (char c : raw) {
    if (c == '-' || c == ' ') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string recovery_hash(const SealKey& key, const std::string& user_id, const std::string& normalised) {
  return hash_hex(user_id + ":" + normalised, key.bytes);
}

// Replaces the user's recovery codes; returns the new ones as shown.
std::vector<std::string> new_recovery_codes(store::Connection& db, const SealKey& key, const std::string& user_id) {
  db.execute("DELETE FROM two_factor_recovery_codes WHERE user_id = ?", {user_id});
  std::vector<std::string> shown;
  std::string now = now_utc();
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    char bytes[7];
    randombytes_buf(bytes, sizeof bytes);
    std::string code = base32({bytes, sizeof bytes}).substr(0, 10);  // 50 bits
    db.execute("INSERT INTO two_factor_recovery_codes (user_id, code_hash, created_at) VALUES (?,?,?)",
               {user_id, recovery_hash(key, user_id, code), now});
    shown.push_back(code.substr(0, 5) + "-" + code.substr(5));
  }
  return shown;
}

std::optional<std::string> open_secret(const SealKey& key, const std::optional<std::string>& sealed) {
  if (!sealed) return std::nullopt;
  return unseal(key, *sealed);
}

}  // namespace

Problem second_factor_locked_problem() {
  return Problem(423, "two_factor_locked",
                 "確認コードの入力に続けて失敗したため、しばらく（15分ほど）コードを受け付けません。"
                 "時間をおいてもう一度お試しください。お急ぎの場合は管理者にご連絡ください。");
}

void to_json(nlohmann::json& j, const TwoFactorState& s) {
  j = {{"active", s.active},
       {"required", s.required},
       {"enrolment_required", s.must_enrol()},
       {"enabled_at", s.enabled_at ? nlohmann::json(*s.enabled_at) : nlohmann::json(nullptr)},
       {"recovery_codes_left", s.recovery_codes_left}};
}

TwoFactorState two_factor_state(store::Connection& db, const std::string& user_id) {
  TwoFactorState s;
  auto r = db.query_one(
      "SELECT u.role, o.two_factor_roles, t.enabled_at, CASE WHEN t.secret IS NULL THEN 0 ELSE 1 END, "
      "(SELECT COUNT(*) FROM two_factor_recovery_codes c WHERE c.user_id = u.id) "
      "FROM users u JOIN organisations o ON o.id = u.organisation_id "
      "LEFT JOIN user_two_factor t ON t.user_id = u.id WHERE u.id = ?",
      {user_id});
  if (!r) return s;
  auto role = domain::parse_role(r->text(0));
  s.required = role && domain::two_factor_required(*role, r->text(1));
  s.active = r->integer(3) != 0;
  if (s.active) s.enabled_at = r->opt_text(2);
  s.recovery_codes_left = s.active ? r->integer(4) : 0;
  return s;
}

Enrolment start_enrolment(store::Connection& db, const SealKey& key, const Actor& actor) {
  std::string secret = new_totp_secret(), now = now_utc();
  db.execute("INSERT INTO user_two_factor (user_id, last_step, failures) VALUES (?,0,0) ON CONFLICT (user_id) DO NOTHING",
             {actor.user_id});
  db.execute("UPDATE user_two_factor SET pending_secret = ?, pending_at = ? WHERE user_id = ?",
             {seal(key, secret), now, actor.user_id});
  audit(db, actor, {"two_factor_enrolment_started", "user", actor.user_id, ""});
  return {base32(secret, true), otpauth_uri(secret, actor.login)};
}

namespace {

// The pending secret, while it is fresh enough to finish: an enrolment
// left for an hour is started again.
std::optional<std::string> pending_secret(store::Connection& db, const SealKey& key, const std::string& user_id) {
  auto r = db.query_one("SELECT pending_secret, pending_at FROM user_two_factor WHERE user_id = ?", {user_id});
  if (!r || !r->opt_text(1) || *r->opt_text(1) < format_utc(now() - std::chrono::hours(1))) return std::nullopt;
  return open_secret(key, r->opt_text(0));
}

}  // namespace

std::string enrolment_qr(store::Connection& db, const SealKey& key, const Actor& actor) {
  auto secret = pending_secret(db, key, actor.user_id);
  if (!secret) throw no_pending();
  return qr_svg(otpauth_uri(*secret, actor.login));
}

std::vector<std::string> confirm_enrolment(store::Connection& db, const SealKey& key, const Actor& actor,
                                           const nlohmann::json& body) {
  Input in(body);
  std::string code = read_totp_code(in);
  in.check();
  auto secret = pending_secret(db, key, actor.user_id);
  if (!secret) throw no_pending();
  // A new secret starts a new history: any step of it may be used once.
  auto step = match_totp(*secret, code, totp_step(now()), -1);
  if (!step) throw code_invalid();
  db.execute(
      "UPDATE user_two_factor SET secret = pending_secret, enabled_at = ?, last_step = ?, pending_secret = NULL, "
      "pending_at = NULL, failures = 0, failures_at = NULL, locked_until = NULL WHERE user_id = ?",
      {now_utc(), *step, actor.user_id});
  auto codes = new_recovery_codes(db, key, actor.user_id);
  audit(db, actor, {"two_factor_enabled", "user", actor.user_id, ""});
  return codes;
}

bool second_factor_locked(store::Connection& db, const std::string& user_id) {
  auto r = db.query_one("SELECT locked_until FROM user_two_factor WHERE user_id = ?", {user_id});
  return r && r->opt_text(0) && *r->opt_text(0) > now_utc();
}

CodeCheck check_second_factor(store::Connection& db, const SealKey& key, const SessionLimits& limits,
                              const std::string& user_id, const std::string& code,
                              const std::string& recovery_code) {
  // Takes the row (a lock on PostgreSQL; SQLite's write transaction holds
  // the database), so a code cannot pass twice in two requests at once.
  db.execute("UPDATE user_two_factor SET failures = failures WHERE user_id = ?", {user_id});
  auto r = db.query_one("SELECT secret, last_step, failures, failures_at, locked_until FROM user_two_factor "
                        "WHERE user_id = ?",
                        {user_id});
  if (!r) return CodeCheck::wrong;
  std::string now_text = now_utc();
  if (r->opt_text(4) && *r->opt_text(4) > now_text) return CodeCheck::locked;
  bool ok = false;
  CodeCheck kind = CodeCheck::totp;
  if (!recovery_code.empty()) {
    kind = CodeCheck::recovery_code;
    ok = db.execute("DELETE FROM two_factor_recovery_codes WHERE user_id = ? AND code_hash = ?",
                    {user_id, recovery_hash(key, user_id, normalise_recovery_code(recovery_code))}) > 0;
  } else if (auto secret = open_secret(key, r->opt_text(0))) {
    if (auto step = match_totp(*secret, code, totp_step(now()), r->integer(1))) {
      ok = true;
      db.execute("UPDATE user_two_factor SET last_step = ? WHERE user_id = ?", {*step, user_id});
    }
  }
  if (ok) {
    db.execute("UPDATE user_two_factor SET failures = 0, failures_at = NULL, locked_until = NULL WHERE user_id = ?",
               {user_id});
    return kind;
  }
  // A count older than the window, or an expired lock, starts over.
  std::string since = format_utc(now() - limits.window);
  bool fresh = r->opt_text(3) && *r->opt_text(3) >= since && !r->opt_text(4);
  std::int64_t failures = (fresh ? r->integer(2) : 0) + 1;
  std::optional<std::string> until;
  if (failures >= limits.lock_after) until = format_utc(now() + limits.lock_for);
  db.execute("UPDATE user_two_factor SET failures = ?, failures_at = ?, locked_until = ? WHERE user_id = ?",
             {failures, now_text, store::text_or_null(until), user_id});
  return until ? CodeCheck::locked : CodeCheck::wrong;
}

std::vector<std::string> regenerate_recovery_codes(store::Connection& db, const SealKey& key,
                                                   const SessionLimits& limits, const Actor& actor,
                                                   const nlohmann::json& body) {
  Input in(body);
  std::string code = read_totp_code(in);
  in.check();
  store::Transaction tx(db, store::Transaction::Mode::write);
  if (!two_factor_state(db, actor.user_id).active)
    throw Problem(409, "two_factor_not_active", "二段階認証がまだ登録されていません。先に認証アプリを登録してください。");
  auto result = check_second_factor(db, key, limits, actor.user_id, code, "");
  if (result != CodeCheck::totp) {
    audit(db, actor, {"two_factor_failed", "user", actor.user_id,
                      result == CodeCheck::locked ? "recovery codes; locked" : "recovery codes"});
    tx.commit();
    if (result == CodeCheck::locked) throw second_factor_locked_problem();
    throw code_invalid();
  }
  auto codes = new_recovery_codes(db, key, actor.user_id);
  audit(db, actor, {"recovery_codes_regenerated", "user", actor.user_id, ""});
  tx.commit();
  return codes;
}

void reset_two_factor(store::Connection& db, const Actor& actor, const std::string& user_id,
                      const nlohmann::json& body) {
  Input in(body);
  std::string reason = in.text("reason", "理由", {.required = true, .max = 200});
  if (user_id == actor.user_id)
    in.fail("reason", "ご自分の二段階認証はリセットできません。ほかの管理者に依頼してください"
                      "（新しい端末への切り替えは、ご自分の「二段階認証」の画面から登録し直せます）。");
  in.check();
  db.execute("DELETE FROM user_two_factor WHERE user_id = ?", {user_id});
  db.execute("DELETE FROM two_factor_recovery_codes WHERE user_id = ?", {user_id});
  db.execute("DELETE FROM second_factor_challenges WHERE user_id = ?", {user_id});
  end_sessions_of(db, user_id);
  audit(db, actor, {"two_factor_reset", "user", user_id, reason});
}

}  // namespace tsunagu::service
