#include "service/users.h"

#include "domain/role.h"
#include "domain/two_factor_rule.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/organisations.h"
#include "service/password_policy.h"
#include "service/problem.h"
#include "service/secrets.h"
#include "service/sessions.h"

namespace tsunagu::service {
namespace {

constexpr char kSelect[] =
    "SELECT u.id, u.login, u.display_name, u.role, u.organisation_id, o.name, u.active, u.version, "
    "CASE WHEN t.secret IS NULL THEN 0 ELSE 1 END, o.two_factor_roles "
    "FROM users u JOIN organisations o ON o.id = u.organisation_id LEFT JOIN user_two_factor t ON t.user_id = u.id";

User from_row(const store::Row& r) {
  User u{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.integer(6) != 0, r.integer(7)};
  u.two_factor_active = r.integer(8) != 0;
  auto role = domain::parse_role(u.role);
  u.two_factor_required = role && domain::two_factor_required(*role, r.text(9));
  return u;
}

std::vector<std::string_view> role_ids() {
  std::vector<std::string_view> ids;
  for (auto r : domain::kAllRoles) ids.push_back(domain::role_id(r));
  return ids;
}

bool valid_login(const std::string& s) {
  if (s.size() < 3 || s.size() > 64) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '@')) return false;
  return true;
}

constexpr Input::TextRule kPasswordRule{
    .required = true, .max = kMaxPasswordLength, .min = kMinPasswordLength, .multiline = false};

// The rest of the password rule (service/password_policy.h), once the
// length has passed: a password that failed it reads back empty.
void check_password_rule(Input& in, const std::string& password, const std::string& login) {
  if (password.empty()) return;
  if (auto why = password_refusal(password, login)) in.fail("password", *why);
}

}  // namespace

void to_json(nlohmann::json& j, const User& u) {
  j = {{"id", u.id},
       {"login", u.login},
       {"display_name", u.display_name},
       {"role", u.role},
       {"role_label", std::string(domain::role_label(domain::parse_role(u.role).value_or(domain::Role::coordinator)))},
       {"organisation_id", u.organisation_id},
       {"organisation_name", u.organisation_name},
       {"active", u.active},
       {"two_factor", {{"active", u.two_factor_active}, {"required", u.two_factor_required}}},
       {"version", u.version}};
}

std::vector<User> list_users(store::Connection& db, const Actor& actor, Reach reach) {
  std::vector<User> out;
  store::Rows rows = reach == Reach::all
                         ? db.query(std::string(kSelect) + " ORDER BY o.name, u.login")
                         : db.query(std::string(kSelect) + " WHERE u.organisation_id = ? ORDER BY u.login",
                                    {actor.organisation_id});
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

std::optional<User> find_user(store::Connection& db, const std::string& id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE u.id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(*r);
}

User create_user(store::Connection& db, const Actor& actor, const nlohmann::json& body) {
  Input in(body);
  std::string login = in.text("login", "ログインID", {.required = true, .max = 64});
  if (!login.empty() && !valid_login(login))
    in.fail("login", "ログインIDは半角英数字と . _ - @ の3〜64文字で入力してください。");
  std::string name = in.text("display_name", "氏名（表示名）", {.required = true, .max = 100});
  auto ids = role_ids();
  auto role = in.choice("role", "役割", ids, true);
  auto org = in.opt_text("organisation_id", "所属組織", {.required = true, .max = 64});
  std::string password = in.text("password", "初期パスワード", kPasswordRule);
  check_password_rule(in, password, login);
  if (org && !find_organisation(db, *org)) in.fail("organisation_id", "所属組織が見つかりません。");
  if (!login.empty() && db.query_one("SELECT 1 FROM users WHERE login = ?", {login}))
    in.fail("login", "このログインIDはすでに使われています。");
  in.check();
  std::string id = add_user(db, login, name, password, *role, *org);
  audit(db, actor, {"create", "user", id, login});
  return *find_user(db, id);
}

std::string add_user(store::Connection& db, const std::string& login, const std::string& display_name,
                     const std::string& password, const std::string& role, const std::string& organisation_id) {
  if (db.query_one("SELECT 1 FROM users WHERE login = ?", {login}))
    throw Problem(409, "login_taken", "このログインIDはすでに使われています。");
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO users (id, login, display_name, password_hash, role, organisation_id, active, failed_logins, "
      "version, created_at, updated_at) VALUES (?,?,?,?,?,?,1,0,1,?,?)",
      {id, login, display_name, hash_password(password), role, organisation_id, now, now});
  return id;
}

User update_user(store::Connection& db, const Actor& actor, const std::string& id, std::int64_t expected_version,
                 const nlohmann::json& body) {
  auto current = find_user(db, id);
  if (!current) throw not_found();
  if (current->version != expected_version) throw version_conflict(*current);
  Input in(body);
  std::string name = in.text("display_name", "氏名（表示名）", {.required = true, .max = 100});
  auto ids = role_ids();
  auto role = in.choice("role", "役割", ids, true);
  auto org = in.opt_text("organisation_id", "所属組織", {.required = true, .max = 64});
  auto active = in.boolean("active", "利用中", true);
  std::optional<std::string> password;
  if (in.has("password") && !body["password"].is_null()) {
    password = in.text("password", "新しいパスワード", kPasswordRule);
    check_password_rule(in, *password, current->login);
  }
  if (org && !find_organisation(db, *org)) in.fail("organisation_id", "所属組織が見つかりません。");
  if (id == actor.user_id && active && !*active) in.fail("active", "自分自身を利用停止にはできません。");
  if (id == actor.user_id && role && *role != current->role) in.fail("role", "自分自身の役割は変更できません。");
  in.check();
  auto changed = db.execute(
      "UPDATE users SET display_name = ?, role = ?, organisation_id = ?, active = ?, version = version + 1, "
      "updated_at = ? WHERE id = ? AND version = ?",
      {name, *role, *org, std::int64_t{*active ? 1 : 0}, now_utc(), id, expected_version});
  if (changed == 0) throw version_conflict(*find_user(db, id));
  if (password) {
    db.execute("UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE id = ?",
               {hash_password(*password), id});
    // A new password from an administrator also lifts a lock on the login.
    unlock_login(db, current->login);
  }
  // A deactivated user, a new role or a new password: sessions opened under
  // the old state must not live on.
  if (password || !*active || *role != current->role || *org != current->organisation_id) end_sessions_of(db, id);
  audit(db, actor, {"update", "user", id, password ? "password changed" : ""});
  return *find_user(db, id);
}

}  // namespace tsunagu::service
