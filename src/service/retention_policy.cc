#include "service/retention_policy.h"

#include "domain/retention.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/problem.h"

namespace tsunagu::service {

namespace {

nlohmann::json years_json(const std::optional<int>& y) { return y ? nlohmann::json(*y) : nlohmann::json(nullptr); }

std::optional<int> years_of(const store::Row& r, std::size_t i) {
  auto v = r.opt_integer(i);
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

// Reads one field: left out → current; null → keep; else 1–100.
std::optional<int> read_years(Input& in, const nlohmann::json& body, std::string_view field, std::string_view label,
                              const std::optional<int>& current) {
  std::string key(field);
  if (!body.contains(key)) return current;
  const auto& v = body[key];
  if (v.is_null()) return std::nullopt;
  if (!v.is_number_integer() || !domain::valid_retention_years(v.get<std::int64_t>())) {
    in.fail(key, std::string(label) + "は、" + std::to_string(domain::kMinRetentionYears) + "〜" +
                     std::to_string(domain::kMaxRetentionYears) + "の年数か、期限を設けない（null）で指定してください。");
    return current;
  }
  return static_cast<int>(v.get<std::int64_t>());
}

std::string describe(const RetentionPolicy& p) {
  auto y = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string("keep"); };
  return "closed_case_years=" + y(p.closed_case_years) + " group_years=" + y(p.group_years) +
         " thread_years=" + y(p.thread_years) + " supporter_years=" + y(p.supporter_years);
}

}  // namespace

void to_json(nlohmann::json& j, const RetentionPolicy& p) {
  j = {{"organisation_id", p.organisation_id},
       {"closed_case_years", years_json(p.closed_case_years)},
       {"group_years", years_json(p.group_years)},
       {"thread_years", years_json(p.thread_years)},
       {"supporter_years", years_json(p.supporter_years)},
       {"version", p.version}};
}

RetentionPolicy find_retention_policy(store::Connection& db, const std::string& organisation_id) {
  auto r = db.query_one(
      "SELECT retention_closed_case_years, retention_group_years, retention_thread_years, retention_supporter_years, "
      "version FROM organisations WHERE id = ?",
      {organisation_id});
  if (!r) throw not_found();
  return {organisation_id, years_of(*r, 0), years_of(*r, 1), years_of(*r, 2), years_of(*r, 3), r->integer(4)};
}

RetentionPolicy update_retention_policy(store::Connection& db, const Actor& actor, const std::string& organisation_id,
                                        std::int64_t expected_version, const nlohmann::json& body) {
  auto current = find_retention_policy(db, organisation_id);
  if (current.version != expected_version) throw version_conflict(current);
  Input in(body);
  if (!body.is_object()) in.fail("body", "保存期間の設定を JSON のオブジェクトで送ってください。");
  RetentionPolicy next = current;
  if (body.is_object()) {
    next.closed_case_years = read_years(in, body, domain::kRetentionKinds[0].id, "終結・中断したケースの保存期間",
                                        current.closed_case_years);
    next.group_years =
        read_years(in, body, domain::kRetentionKinds[1].id, "居場所・グループの記録の保存期間", current.group_years);
    next.thread_years =
        read_years(in, body, domain::kRetentionKinds[2].id, "匿名のオンライン相談の保存期間", current.thread_years);
    next.supporter_years = read_years(in, body, domain::kRetentionKinds[3].id,
                                      "休止中のサポーターの登録情報の保存期間", current.supporter_years);
  }
  in.check();
  auto years_value = [](const std::optional<int>& y) { return y ? store::Value{std::int64_t{*y}} : store::null(); };
  auto changed = db.execute(
      "UPDATE organisations SET retention_closed_case_years = ?, retention_group_years = ?, "
      "retention_thread_years = ?, retention_supporter_years = ?, version = version + 1, updated_at = ? "
      "WHERE id = ? AND version = ?",
      {years_value(next.closed_case_years), years_value(next.group_years), years_value(next.thread_years),
       years_value(next.supporter_years), now_utc(),
       organisation_id,
       expected_version});
  if (changed == 0) throw version_conflict(find_retention_policy(db, organisation_id));
  audit(db, actor, {"update", "retention_policy", organisation_id, describe(next)});
  return find_retention_policy(db, organisation_id);
}

}  // namespace tsunagu::service
