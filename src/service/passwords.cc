#include "service/passwords.h"

#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/password_policy.h"
#include "service/problem.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

using std::chrono::system_clock;

Problem too_many_attempts() {
  return Problem(429, "too_many_password_attempts",
                 "今のパスワードの入力に続けて誤りがあったため、しばらくパスワードの変更を受け付けていません。"
                 "15分ほど待ってから、もう一度お試しください。");
}

Problem incorrect_current() {
  Problem p(400, "current_password_incorrect", "今のパスワードが正しくありません。確かめて、もう一度入力してください。");
  p.errors.push_back({"current_password", "今のパスワードが正しくありません。"});
  return p;
}

void record_failure(store::Connection& db, const Actor& actor) {
  store::Transaction tx(db, store::Transaction::Mode::write);
  db.execute("INSERT INTO password_change_failures (id, user_id, client, at) VALUES (?,?,?,?)",
             {random_id(), actor.user_id, actor.client, now_utc()});
  audit(db, actor, {"password_change_failed", "user", actor.user_id, ""});
  tx.commit();
}

}  // namespace

void change_own_password(store::Connection& db, const Actor& actor, const std::string& session_token,
                         const nlohmann::json& body, const PasswordChangeLimits& limits) {
  Input in(body);
  std::string current = in.text("current_password", "今のパスワード", {.required = true, .max = kMaxPasswordLength});
  std::string next = in.text("new_password", "新しいパスワード",
                             {.required = true, .max = kMaxPasswordLength, .min = kMinPasswordLength});
  if (!next.empty()) {
    if (auto why = password_refusal(next, actor.login)) in.fail("new_password", *why);
    else if (next == current) in.fail("new_password", "今のパスワードと同じです。新しいパスワードには別のものを入力してください。");
  }
  in.check();

  std::string since = format_utc(service::now() - limits.window);
  auto fails = db.query_one("SELECT COUNT(*) FROM password_change_failures WHERE user_id = ? AND at > ?",
                            {actor.user_id, since});
  if (fails && fails->integer(0) >= limits.max_failures) throw too_many_attempts();
  auto row = db.query_one("SELECT password_hash FROM users WHERE id = ?", {actor.user_id});
  if (!row) throw not_found();
  std::string old_hash = row->text(0);
  if (!verify_password(old_hash, current)) {
    record_failure(db, actor);
    throw incorrect_current();
  }
  std::string new_hash = hash_password(next);

  store::Transaction tx(db, store::Transaction::Mode::write);
  // Guarded by the hash just verified: of two changes made at once on the
  // same old password, only the first is written.
  auto changed = db.execute("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ? AND password_hash = ?",
                            {new_hash, now_utc(), actor.user_id, old_hash});
  if (changed == 0)
    throw Problem(409, "password_changed_elsewhere",
                  "パスワードは、ほかの画面で先に変更されました。もう一度ログインしてから、必要なら変更してください。");
  // Sessions are looked up by the hash of their token (service/sessions.cc):
  // every session of the user but the one sending this request ends.
  db.execute("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", {actor.user_id, hash_hex(session_token)});
  db.execute("DELETE FROM password_change_failures WHERE user_id = ?", {actor.user_id});
  audit(db, actor, {"update", "user", actor.user_id, "own password changed"});
  tx.commit();
}

}  // namespace tsunagu::service
