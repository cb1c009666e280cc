#include "report/staff_load.h"

#include <algorithm>

#include "domain/validation.h"
#include "domain/case_status.h"
#include "domain/staff_load.h"
#include "report/organisation_year.h"
#include "report/small_cells.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/problem.h"

namespace tsunagu::report {
namespace {

// "c.status IN (?, ?, ?)" with the open statuses bound from the domain, so
// the SQL and domain::is_open_case_status cannot disagree.
std::vector<store::Value> open_statuses() {
  std::vector<store::Value> v;
  for (auto s : domain::kCaseStatusValues)
    if (domain::is_open_case_status(s)) v.emplace_back(std::string(s));
  return v;
}

}  // namespace

StaffLoadQuery read_staff_load_query(store::Connection& db, const std::map<std::string, std::string>& query,
                                     const service::Actor& actor) {
  std::vector<service::FieldError> errors;
  StaffLoadQuery q;
  q.organisation_id = query_value(query, "organisation").value_or(actor.organisation_id);
  if (q.organisation_id.size() > 64) errors.push_back({"organisation", "組織の指定が正しくありません。"});
  q.staff_user_id = query_value(query, "staff");
  if (q.staff_user_id && q.staff_user_id->size() > 64) errors.push_back({"staff", "担当者の指定が正しくありません。"});
  if (!q.staff_user_id && actor.role == domain::Role::coordinator) q.staff_user_id = actor.user_id;
  q.on = *domain::parse_iso_date(service::today_tokyo());
  if (auto d = service::read_date_text(query_value(query, "on"), "on", "基準日",
                                      {.required = false, .not_future = false, .min_year = 2000}, errors))
    q.on = *d;
  if (!errors.empty()) throw service::invalid(errors);
  if (!db.query_one("SELECT 1 FROM organisations WHERE id = ?", {q.organisation_id})) throw service::not_found();
  if (q.staff_user_id &&
      !db.query_one("SELECT 1 FROM users WHERE id = ? AND organisation_id = ?", {*q.staff_user_id, q.organisation_id}))
    throw service::not_found();
  return q;
}

StaffLoad staff_load(store::Connection& db, const StaffLoadQuery& q) {
  StaffLoad out;
  out.organisation_id = q.organisation_id;
  out.staff_user_id = q.staff_user_id;
  out.on = q.on;
  auto org = db.query_one("SELECT name, no_contact_days FROM organisations WHERE id = ?", {q.organisation_id});
  out.organisation_name = org->text(0);
  out.no_contact_days = org->integer(1);

  auto statuses = open_statuses();
  auto in_open = "c.status IN (" + store::placeholders(statuses.size()) + ")";
  auto params = [&](std::vector<store::Value> head) {
    head.insert(head.end(), statuses.begin(), statuses.end());
    if (q.staff_user_id) head.emplace_back(*q.staff_user_id);
    return head;
  };
  std::string mine = q.staff_user_id ? " AND EXISTS (SELECT 1 FROM case_staff m WHERE m.case_id = c.id AND m.user_id = ?)"
                                     : "";

  // Staff rows: everyone of the organisation who may hold cases, and anyone
  // else assigned to an open case (assignments outlive role changes).
  std::map<std::string, StaffRow> staff;
  if (!q.staff_user_id) {
    for (const auto& r : db.query("SELECT id, display_name, role FROM users WHERE organisation_id = ? AND active = 1 "
                                  "AND role IN ('coordinator', 'supervisor')",
                                  {q.organisation_id}))
      staff[r.text(0)] = StaffRow{r.text(0), r.text(1), r.text(2)};
  }
  std::map<std::string, std::vector<std::string>> staff_of_case;
  auto assign = params({q.organisation_id});
  for (const auto& r : db.query("SELECT cs.case_id, u.id, u.display_name, u.role FROM case_staff cs "
                                "JOIN cases c ON c.id = cs.case_id JOIN users u ON u.id = cs.user_id "
                                "WHERE c.organisation_id = ? AND " + in_open + mine,
                                assign)) {
    if (q.staff_user_id && r.text(1) != *q.staff_user_id) continue;
    staff_of_case[r.text(0)].push_back(r.text(1));
    if (!staff.contains(r.text(1))) staff[r.text(1)] = StaffRow{r.text(1), r.text(2), r.text(3)};
  }
  if (q.staff_user_id && !staff.contains(*q.staff_user_id)) {
    auto u = db.query_one("SELECT id, display_name, role FROM users WHERE id = ?", {*q.staff_user_id});
    staff[u->text(0)] = StaffRow{u->text(0), u->text(1), u->text(2)};
  }
  auto rows_of = [&](const std::string& case_id) {
    std::vector<StaffRow*> rows;
    auto it = staff_of_case.find(case_id);
    if (it == staff_of_case.end()) rows.push_back(&out.unassigned);
    else
      for (const auto& id : it->second) rows.push_back(&staff[id]);
    return rows;
  };

  auto case_params = params({q.organisation_id});
  for (const auto& r : db.query("SELECT c.id, c.title, c.opened_on, "
                                "(SELECT MAX(k.occurred_at) FROM contacts k WHERE k.case_id = c.id) "
                                "FROM cases c WHERE c.organisation_id = ? AND " + in_open + mine,
                                case_params)) {
    CaseWithoutContact c{r.text(0), r.text(1), r.is_null(3) ? r.text(2) : domain::tokyo_day_text_of_utc(r.text(3)),
                         !r.is_null(3), 0, {}};
    auto last = domain::parse_iso_date(c.last_on);
    bool waiting = last && domain::without_contact(*last, q.on, out.no_contact_days);
    if (last) c.days = domain::days_since(*last, q.on);
    ++out.totals.open_cases;
    if (waiting) ++out.totals.without_contact;
    for (auto* row : rows_of(c.case_id)) {
      ++row->open_cases;
      if (waiting) ++row->without_contact;
      if (row != &out.unassigned) c.staff_names.push_back(row->display_name);
    }
    if (waiting) out.cases_without_contact.push_back(std::move(c));
  }

  // The current plan of each open case: no plan of the case started later
  // (or on the same day and recorded later).
  auto plan_params = params({q.organisation_id});
  for (const auto& r : db.query("SELECT p.id, p.title, c.id, c.title, p.review_on FROM plans p "
                                "JOIN cases c ON c.id = p.case_id WHERE c.organisation_id = ? AND " + in_open + mine +
                                " AND p.review_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM plans n "
                                "WHERE n.case_id = p.case_id AND (n.started_on > p.started_on OR "
                                "(n.started_on = p.started_on AND n.created_at > p.created_at)))",
                                plan_params)) {
    auto review = domain::parse_iso_date(r.text(4));
    if (!review || !domain::review_overdue(*review, q.on)) continue;
    out.overdue_plans.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4),
                                 domain::days_since(*review, q.on)});
    ++out.totals.overdue_reviews;
    for (auto* row : rows_of(r.text(2))) ++row->overdue_reviews;
  }

  for (auto& [id, row] : staff) out.staff.push_back(row);
  std::sort(out.staff.begin(), out.staff.end(),
            [](const StaffRow& a, const StaffRow& b) { return std::tie(a.display_name, a.user_id) < std::tie(b.display_name, b.user_id); });
  std::sort(out.cases_without_contact.begin(), out.cases_without_contact.end(),
            [](const auto& a, const auto& b) { return std::tie(b.days, a.case_id) < std::tie(a.days, b.case_id); });
  std::sort(out.overdue_plans.begin(), out.overdue_plans.end(),
            [](const auto& a, const auto& b) { return std::tie(a.review_on, a.plan_id) < std::tie(b.review_on, b.plan_id); });
  return out;
}

namespace {

std::vector<std::string> caption(const StaffLoad& l) {
  return {"基準日: " + domain::format_iso_date(l.on), "対象: " + l.organisation_name,
          "連絡がない日数の目安: " + std::to_string(l.no_contact_days) + "日"};
}

std::string no_contact_label(const StaffLoad& l) {
  return "連絡が" + std::to_string(l.no_contact_days) + "日以上ないケース";
}

Table totals_table(const StaffLoad& l, int k) {
  Table t;
  t.id = "staff_load_totals";
  t.title = "担当の状況（組織の合計）";
  t.sheet_name = "担当の状況（合計）";
  t.caption = caption(l);
  t.notes = {"人数の少ない欄は、個人が特定されないよう「X」で示しています。"};
  t.columns = {{"label", "項目", ColumnKind::text},
               {"open_cases", "継続中のケース", ColumnKind::count, true},
               {"without_contact", no_contact_label(l), ColumnKind::count, true},
               {"overdue_reviews", "見直し日を過ぎた計画", ColumnKind::count, true}};
  t.rows.push_back({std::string("合計"), l.totals.open_cases, l.totals.without_contact, l.totals.overdue_reviews});
  suppress_small_cells(t, k);
  return t;
}

std::vector<Cell> staff_cells(std::string label, const StaffRow& r) {
  return {std::move(label), r.open_cases, r.without_contact, r.overdue_reviews};
}

}  // namespace

std::vector<Table> staff_load_tables(const StaffLoad& l, bool aggregate_only, int k) {
  if (aggregate_only) return {totals_table(l, k)};
  Table by;
  by.id = "staff_load_by_staff";
  by.title = "担当者ごとの状況";
  by.sheet_name = "担当者ごとの状況";
  by.caption = caption(l);
  by.notes = {"継続中のケース: 状況が受付・継続支援・見守りのケース。",
              "複数の担当者がいるケースは、それぞれの担当者に数えます（合計は重複を除いた数）。"};
  by.columns = {{"staff", "担当者", ColumnKind::text},
                {"open_cases", "継続中のケース", ColumnKind::count},
                {"without_contact", no_contact_label(l), ColumnKind::count},
                {"overdue_reviews", "見直し日を過ぎた計画", ColumnKind::count}};
  for (const auto& s : l.staff) by.rows.push_back(staff_cells(s.display_name, s));
  if (!l.staff_user_id) by.rows.push_back(staff_cells("担当者なし", l.unassigned));
  by.rows.push_back(staff_cells("合計（重複を除く）", l.totals));

  Table wait;
  wait.id = "staff_load_without_contact";
  wait.title = no_contact_label(l);
  wait.sheet_name = "連絡のないケース";
  wait.caption = caption(l);
  wait.notes = {"連絡の記録がないケースは、受付日から数えています。"};
  wait.columns = {{"case", "ケース", ColumnKind::text},
                  {"staff", "担当者", ColumnKind::text},
                  {"last_on", "最後の連絡（または受付）", ColumnKind::text},
                  {"days", "経過日数", ColumnKind::number}};
  for (const auto& c : l.cases_without_contact) {
    std::string names;
    for (const auto& n : c.staff_names) names += (names.empty() ? "" : "、") + n;
    wait.rows.push_back({c.title, names, c.last_on + (c.ever_contacted ? "" : "（受付）"), c.days});
  }

  Table plans;
  plans.id = "staff_load_overdue_plans";
  plans.title = "見直し日を過ぎた支援計画";
  plans.sheet_name = "見直し日を過ぎた計画";
  plans.caption = caption(l);
  plans.notes = {"各ケースの最新の支援計画について、見直し予定日が基準日より前のものです（当日は含みません）。"};
  plans.columns = {{"case", "ケース", ColumnKind::text},
                   {"plan", "計画", ColumnKind::text},
                   {"review_on", "見直し予定日", ColumnKind::text},
                   {"days", "過ぎた日数", ColumnKind::number}};
  for (const auto& p : l.overdue_plans) plans.rows.push_back({p.case_title, p.plan_title, p.review_on, p.days_overdue});
  return {by, wait, plans};
}

nlohmann::json to_json(const StaffLoad& l, bool aggregate_only, int k) {
  auto tables = staff_load_tables(l, aggregate_only, k);
  nlohmann::json j = {{"organisation", {{"id", l.organisation_id}, {"name", l.organisation_name}}},
                      {"on", domain::format_iso_date(l.on)},
                      {"no_contact_days", l.no_contact_days},
                      {"tables", tables}};
  if (aggregate_only) {
    const auto& t = tables.front();
    auto cell = [&](const char* key) { return cell_json(t.rows[0][t.column_index(key)]); };
    j["totals"] = {{"open_cases", cell("open_cases")},
                   {"without_contact", cell("without_contact")},
                   {"overdue_reviews", cell("overdue_reviews")}};
    return j;
  }
  auto row_json = [](const StaffRow& r) {
    return nlohmann::json{{"open_cases", r.open_cases}, {"without_contact", r.without_contact},
                          {"overdue_reviews", r.overdue_reviews}};
  };
  j["staff_user_id"] = l.staff_user_id ? nlohmann::json(*l.staff_user_id) : nlohmann::json(nullptr);
  j["totals"] = row_json(l.totals);
  j["unassigned"] = l.staff_user_id ? nlohmann::json(nullptr) : row_json(l.unassigned);
  auto staff = nlohmann::json::array();
  for (const auto& s : l.staff) {
    auto row = row_json(s);
    row["user_id"] = s.user_id;
    row["display_name"] = s.display_name;
    row["role"] = s.role;
    staff.push_back(std::move(row));
  }
  j["staff"] = std::move(staff);
  auto waiting = nlohmann::json::array();
  for (const auto& c : l.cases_without_contact)
    waiting.push_back({{"case_id", c.case_id}, {"title", c.title}, {"last_on", c.last_on},
                       {"ever_contacted", c.ever_contacted}, {"days", c.days}, {"staff", c.staff_names}});
  j["cases_without_contact"] = std::move(waiting);
  auto plans = nlohmann::json::array();
  for (const auto& p : l.overdue_plans)
    plans.push_back({{"plan_id", p.plan_id}, {"title", p.plan_title}, {"case_id", p.case_id},
                     {"case_title", p.case_title}, {"review_on", p.review_on}, {"days_overdue", p.days_overdue}});
  j["overdue_plans"] = std::move(plans);
  return j;
}

}  // namespace tsunagu::report
