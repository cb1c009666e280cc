#include "service/contacts.h"

#include "domain/contact.h"
#include "domain/validation.h"
#include "store/summaries/mhlw_summary.h"
#include "service/audit.h"
#include "service/cases.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/problem.h"
#include "service/query_input.h"
#include "service/search_index.h"
#include "service/json_optional.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr char kSelect[] =
    "SELECT c.id, c.case_id, c.organisation_id, c.occurred_at, c.channel, c.counterpart, c.staff_user_id, "
    "u.display_name, c.sub_kind, c.note, c.next_step, c.next_step_on, c.subject_met, c.duration_minutes, "
    "c.version, c.created_at, c.updated_at FROM contacts c LEFT JOIN users u ON u.id = c.staff_user_id";

ContactRecord from_row(const store::Row& r) {
  store::Cells in(r);
  ContactRecord c;
  c.id = in.text();
  c.case_id = in.text();
  c.organisation_id = in.text();
  c.occurred_at = in.text();
  c.channel = in.text();
  c.counterpart = in.text();
  c.staff_user_id = in.text();
  c.staff_name = in.text();
  c.sub_kind = in.opt_text();
  c.note = in.opt_text();
  c.next_step = in.opt_text();
  c.next_step_on = in.opt_text();
  c.subject_met = in.flag();
  c.duration_minutes = in.opt_integer();
  c.version = in.integer();
  c.created_at = in.text();
  c.updated_at = in.text();
  return c;
}

struct Fields {
  std::string occurred_at, channel, counterpart, staff_user_id;
  std::optional<std::string> sub_kind, note, next_step, next_step_on;
  bool subject_met = false;
  std::optional<std::int64_t> duration;
};

Fields read_fields(store::Connection& db, const Actor& actor, const nlohmann::json& body) {
  Input in(body);
  Fields f;
  auto at = in.opt_text("occurred_at", "日時", {.required = true, .max = 30});
  if (at) {
    auto t = domain::parse_iso_datetime_utc(*at);
    auto now = domain::parse_iso_datetime_utc(now_utc());
    if (!t) in.fail("occurred_at", "日時は UTC の ISO 8601 形式（例 2025-04-01T01:30:00.000Z）で指定してください。");
    else if (!domain::not_in_future(*t, *now)) in.fail("occurred_at", "まだ来ていない日時の記録はできません。");
    else f.occurred_at = domain::format_iso_datetime_utc(*t);
  }
  auto channel = in.opt_text("channel", "相談方法", {.required = true, .max = 20});
  f.sub_kind = in.opt_text("sub_kind", "その他の内訳", {.required = false, .max = 20});
  if (channel) {
    auto check = domain::check_channel(*channel, f.sub_kind ? std::optional<std::string_view>(*f.sub_kind) : std::nullopt);
    if (check == domain::ChannelCheck::kUnknownChannel) in.fail("channel", std::string(domain::describe(check)));
    else if (check != domain::ChannelCheck::kOk) in.fail("sub_kind", std::string(domain::describe(check)));
    f.channel = *channel;
  }
  f.counterpart = in.choice("counterpart", "相談者", domain::kContactCounterpart.values, true).value_or("");
  f.subject_met = in.boolean("subject_met", "本人に会えたか", true).value_or(false);
  f.duration = in.integer("duration_minutes", "所要時間（分）", false, 0, 24 * 60);
  auto staff = in.opt_text("staff_user_id", "対応者", {.required = false, .max = 64});
  f.staff_user_id = staff.value_or(actor.user_id);
  if (staff && !db.query_one("SELECT 1 FROM users WHERE id = ? AND organisation_id = ? AND role IN ('coordinator', 'supervisor')",
                             {*staff, actor.organisation_id}))
    in.fail("staff_user_id", "対応者は同じ組織の相談員・所長等から選んでください。");
  f.note = in.opt_text("note", "記録", {.required = false, .max = 4000, .multiline = true});
  f.next_step = in.opt_text("next_step", "次の予定", {.required = false, .max = 200});
  f.next_step_on = in.day_text("next_step_on", "次の予定日", {.required = false, .not_future = false});
  in.check();
  return f;
}

}  // namespace

void to_json(nlohmann::json& j, const ContactRecord& c) {
  j = {{"id", c.id},
       {"case_id", c.case_id},
       {"organisation_id", c.organisation_id},
       {"occurred_at", c.occurred_at},
       {"channel", c.channel},
       {"sub_kind", nj(c.sub_kind)},
       {"counterpart", c.counterpart},
       {"subject_met", c.subject_met},
       {"duration_minutes", nj(c.duration_minutes)},
       {"staff_user_id", c.staff_user_id},
       {"staff_name", c.staff_name},
       {"note", nj(c.note)},
       {"next_step", nj(c.next_step)},
       {"next_step_on", nj(c.next_step_on)},
       {"version", c.version},
       {"created_at", c.created_at},
       {"updated_at", c.updated_at}};
}

std::optional<ContactRecord> find_contact(store::Connection& db, const std::string& id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE c.id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(*r);
}

nlohmann::json list_contacts(store::Connection& db, const Actor& actor, const std::optional<std::string>& case_id,
                             const std::map<std::string, std::string>& query) {
  QueryInput in(query);
  auto [limit, cursor] = in.page(50, 200);
  in.check();
  std::string sql = std::string(kSelect) + " WHERE c.organisation_id = ?";
  std::vector<store::Value> params{actor.organisation_id};
  if (case_id) {
    sql += " AND c.case_id = ?";
    params.emplace_back(*case_id);
  }
  if (cursor) {
    auto tilde = cursor->find('~');
    TimePoint tp;
    if (tilde == std::string::npos || !parse_utc(cursor->substr(0, tilde), tp)) {
      in.bad_cursor();
      in.check();
    }
    std::string at = cursor->substr(0, tilde), id = cursor->substr(tilde + 1);
    sql += " AND (c.occurred_at < ? OR (c.occurred_at = ? AND c.id < ?))";
    params.insert(params.end(), {at, at, id});
  }
  sql += " ORDER BY c.occurred_at DESC, c.id DESC LIMIT ?";
  params.emplace_back(limit + 1);
  auto rows = db.query(sql, params);
  nlohmann::json items = nlohmann::json::array();
  for (std::size_t i = 0; i < rows.size() && static_cast<std::int64_t>(i) < limit; ++i) items.push_back(from_row(rows[i]));
  nlohmann::json next = nullptr;
  if (static_cast<std::int64_t>(rows.size()) > limit)
    next = items.back()["occurred_at"].get<std::string>() + "~" + items.back()["id"].get<std::string>();
  audit(db, actor, {"read", "contact", "", case_id ? "case " + *case_id : "list"});
  return {{"items", items}, {"next_cursor", next}};
}

ContactRecord create_contact(store::Connection& db, const Actor& actor, const std::string& case_id,
                             const nlohmann::json& body) {
  auto f = read_fields(db, actor, body);
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO contacts (id, case_id, organisation_id, occurred_at, channel, sub_kind, counterpart, subject_met, "
      "duration_minutes, staff_user_id, note, next_step, next_step_on, version, created_at, updated_at) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
      {id, case_id, actor.organisation_id, f.occurred_at, f.channel, store::text_or_null(f.sub_kind), f.counterpart,
       std::int64_t{f.subject_met ? 1 : 0}, f.duration ? store::Value{*f.duration} : store::null(), f.staff_user_id,
       store::text_or_null(f.note), store::text_or_null(f.next_step), store::text_or_null(f.next_step_on), now, now});
  index_contact(db, id, actor.organisation_id, f.note, f.next_step);
  touch_case(db, case_id);
  store::mhlw_summary::contact_added(db, id);
  audit(db, actor, {"create", "contact", id, "case " + case_id});
  return *find_contact(db, id);
}

ContactRecord update_contact(store::Connection& db, const Actor& actor, const std::string& id,
                             std::int64_t expected_version, const nlohmann::json& body) {
  auto current = find_contact(db, id);
  if (!current) throw not_found();
  if (current->version != expected_version) throw version_conflict(*current);
  auto f = read_fields(db, actor, body);
  auto changed = db.execute(
      "UPDATE contacts SET occurred_at = ?, channel = ?, sub_kind = ?, counterpart = ?, subject_met = ?, "
      "duration_minutes = ?, staff_user_id = ?, note = ?, next_step = ?, next_step_on = ?, version = version + 1, "
      "updated_at = ? WHERE id = ? AND version = ?",
      {f.occurred_at, f.channel, store::text_or_null(f.sub_kind), f.counterpart, std::int64_t{f.subject_met ? 1 : 0},
       f.duration ? store::Value{*f.duration} : store::null(), f.staff_user_id, store::text_or_null(f.note),
       store::text_or_null(f.next_step), store::text_or_null(f.next_step_on), now_utc(), id, expected_version});
  if (changed == 0) throw version_conflict(*find_contact(db, id));
  index_contact(db, id, current->organisation_id, f.note, f.next_step);
  touch_case(db, current->case_id);
  store::mhlw_summary::contact_changed(db, id, {current->organisation_id, current->occurred_at, current->channel});
  audit(db, actor, {"update", "contact", id, "case " + current->case_id});
  return *find_contact(db, id);
}

}  // namespace tsunagu::service
