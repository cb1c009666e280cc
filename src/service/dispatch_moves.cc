// Dispatches (派遣), their dated moves: a coordinator's 実施 or 取消, the
// supporter's 承諾 / 辞退, the supporter's report, and a coordinator's
// acceptance of it as a contact of the case (service/supporters.h;
// the states are domain/supporter.h's machine). Booking and reading are
// dispatches.cc.
#include "domain/contact.h"
#include "domain/validation.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/contacts.h"
#include "service/input.h"
#include "service/json_optional.h"
#include "service/problem.h"
#include "service/supporters.h"

namespace tsunagu::service {
namespace {

Problem refused_move(const Dispatch& d, const std::string& to, domain::MoveCheck check) {
  return Problem(409, "invalid_transition",
                 "「" + d.state + "」から「" + to + "」には変えられません。" + std::string(domain::describe(check)));
}

// Applies one dated move, with the version check; returns the new record.
Dispatch apply_move(store::Connection& db, const Actor& actor, const Dispatch& d, std::int64_t expected_version,
                    const std::string& to, const std::optional<std::string>& reason, const std::string& extra_sql = "",
                    std::vector<store::Value> extra_values = {}) {
  if (d.version != expected_version) throw version_conflict(d);
  std::string now = now_utc();
  const char* column = to == "承諾" || to == "辞退" ? "answered_at"
                       : to == "実施"                ? "done_at"
                       : to == "報告済み"            ? "reported_at"
                                                     : "cancelled_at";
  std::vector<store::Value> values{to, store::text_or_null(reason), now, now};
  for (auto& v : extra_values) values.push_back(std::move(v));
  values.push_back(d.id);
  values.push_back(expected_version);
  auto changed = db.execute(std::string("UPDATE dispatches SET state = ?, state_reason = COALESCE(?, state_reason), ") +
                                column + " = ?, updated_at = ?" + extra_sql +
                                ", version = version + 1 WHERE id = ? AND version = ?",
                            values);
  if (changed == 0) throw version_conflict(*find_dispatch(db, d.id));
  audit(db, actor, {"update", "dispatch", d.id, d.state + "→" + to});
  return *find_dispatch(db, d.id);
}

}  // namespace

Dispatch move_dispatch(store::Connection& db, const Actor& actor, const Dispatch& d, std::int64_t expected_version,
                       const nlohmann::json& body) {
  Input in(body);
  auto to = in.choice("state", "状況", domain::kDispatchState.values, true);
  auto reason = in.opt_text("reason", "理由", {.required = false, .max = 500, .multiline = true});
  in.check();
  auto check = domain::check_move(domain::dispatch_state_machine(), d.state, *to, domain::Party::kSender,
                                  reason.value_or(""));
  if (check == domain::MoveCheck::kReasonRequired) throw invalid({{"reason", "取り消すときは理由を入力してください。"}});
  if (check != domain::MoveCheck::kAllowed) throw refused_move(d, *to, check);
  if (*to == "実施" && d.starts_at > now_tokyo_minute())
    throw Problem(409, "activity_not_started", "活動の開始時刻（" + d.starts_at.substr(11) + "）の前は「実施」にできません。");
  return apply_move(db, actor, d, expected_version, *to, *to == "取消" ? reason : std::nullopt);
}

Dispatch answer_dispatch(store::Connection& db, const Actor& actor, const Dispatch& d, std::int64_t expected_version,
                         const nlohmann::json& body) {
  Input in(body);
  auto answer = in.choice("answer", "お返事", std::span<const std::string_view>(domain::kDispatchStateValues.data() + 1, 2), true);
  auto reason = in.opt_text("reason", "理由", {.required = false, .max = 500, .multiline = true});
  in.check();
  auto check = domain::check_move(domain::dispatch_state_machine(), d.state, *answer, domain::Party::kReceiver,
                                  reason.value_or(""));
  if (check == domain::MoveCheck::kReasonRequired)
    throw invalid({{"reason", "お引き受けした後に辞退するときは、ひとこと理由を書いてください（例：体調のため）。"}});
  if (check != domain::MoveCheck::kAllowed) throw refused_move(d, *answer, check);
  return apply_move(db, actor, d, expected_version, *answer, *answer == "辞退" ? reason : std::nullopt);
}

Dispatch report_dispatch(store::Connection& db, const Actor& actor, const Dispatch& d, std::int64_t expected_version,
                         const nlohmann::json& body) {
  Input in(body);
  auto what = in.text("what_happened", "どんなことをしたか", {.required = true, .max = 1000, .multiline = true});
  auto mood = in.opt_text("how_seemed", "本人の様子", {.required = false, .max = 500, .multiline = true});
  auto urgent = in.boolean("urgent", "急ぎの連絡", false).value_or(false);
  auto minutes = in.integer("minutes", "活動の時間（分）", false, 1, 24 * 60);
  auto transport = in.integer("transport_yen", "交通費（円）", false, 0, 100000);
  auto reflection = in.opt_text("reflection", "振り返り", {.required = false, .max = 2000, .multiline = true});
  in.check();
  if (d.state != "承諾" && d.state != "実施")
    throw refused_move(d, "報告済み", domain::MoveCheck::kNotAllowed);
  if (d.starts_at > now_tokyo_minute())
    throw Problem(409, "activity_not_started", "活動の開始時刻（" + d.starts_at.substr(11) + "）の後に報告できます。");
  Dispatch current = d;
  std::int64_t version = expected_version;
  if (current.state == "承諾") {
    current = apply_move(db, actor, current, version, "実施", std::nullopt);
    version = current.version;
  }
  return apply_move(db, actor, current, version, "報告済み", std::nullopt,
                    ", report_text = ?, report_mood = ?, report_urgent = ?, hours_minutes = ?, transport_yen = ?, reflection = ?",
                    {what, store::text_or_null(mood), std::int64_t{urgent}, minutes ? store::Value{*minutes} : store::null(),
                     transport ? store::Value{*transport} : store::null(), store::text_or_null(reflection)});
}

Dispatch accept_dispatch_report(store::Connection& db, const Actor& actor, const Dispatch& d,
                                std::int64_t expected_version, const nlohmann::json& body) {
  Input in(body);
  auto met = in.boolean("subject_met", "本人に会えたか", true);
  auto counterpart = in.choice("counterpart", "相談者", domain::kContactCounterpart.values, false).value_or("本人");
  in.check();
  if (d.state != "報告済み")
    throw Problem(409, "report_not_ready", "サポーターからの報告がまだ届いていません（いまの状況：" + d.state + "）。");
  if (!d.case_id)
    throw Problem(409, "report_not_for_case", "居場所・グループの回への派遣の報告は、ケースの記録にはしません。");
  if (d.report_contact_id)
    throw Problem(409, "report_already_accepted", "この報告はすでに相談・支援記録になっています。");
  if (d.version != expected_version) throw version_conflict(d);
  // The activity's start (Asia/Tokyo) as the UTC instant of the contact.
  auto day = *domain::parse_iso_date(d.starts_at.substr(0, 10));
  domain::UtcDateTime t{day, std::stoi(d.starts_at.substr(11, 2)) - 9, std::stoi(d.starts_at.substr(14, 2)), 0, 0};
  if (t.hour < 0) {
    t.hour += 24;
    t.date = domain::add_days(day, -1);
  }
  nlohmann::json contact = {{"occurred_at", domain::format_iso_datetime_utc(t)},
                            {"channel", "その他（訪問等）"},
                            {"counterpart", counterpart},
                            {"subject_met", *met},
                            {"note", "サポーター（" + d.supporter_name + "さん）の" + d.activity + "の報告：" +
                                         d.report_text.value_or("") +
                                         (d.report_mood ? "／本人の様子：" + *d.report_mood : std::string())}};
  if (d.activity == "訪問同行") contact["sub_kind"] = "訪問";
  if (d.activity == "同行支援") contact["sub_kind"] = "同行";
  if (d.activity == "電話・オンライン") contact["sub_kind"] = "オンライン面談";
  if (d.hours_minutes) contact["duration_minutes"] = *d.hours_minutes;
  auto made = create_contact(db, actor, *d.case_id, contact);
  auto changed = db.execute(
      "UPDATE dispatches SET report_contact_id = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      {made.id, now_utc(), d.id, expected_version});
  if (changed == 0) throw version_conflict(*find_dispatch(db, d.id));
  audit(db, actor, {"update", "dispatch", d.id, "report accepted as contact " + made.id});
  return *find_dispatch(db, d.id);
}

}  // namespace tsunagu::service
