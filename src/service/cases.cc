#include "service/cases.h"

#include <set>
#include <string_view>

#include "domain/case_attributes.h"
#include "domain/case_number.h"
#include "domain/case_status.h"
#include "domain/contact.h"
#include "domain/date.h"
#include "domain/person.h"
#include "domain/text_normalize.h"
#include "domain/validation.h"
#include "store/summaries/mhlw_summary.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/households.h"
#include "service/input.h"
#include "service/persons.h"
#include "service/problem.h"
#include "service/query_input.h"
#include "service/case_list_order.h"
#include "service/case_numbering.h"
#include "service/case_search.h"
#include "service/search_index.h"
#include "service/json_optional.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr std::size_t kMaxStaff = 10;

// The case as lists show it: the columns from_row reads, in its order, over
// kCaseFrom. A search's two match columns (service/case_search.h) follow
// them, at kCaseColumnCount and the one after.
constexpr char kCaseColumns[] =
    "c.id, c.organisation_id, c.title, c.status, c.intake_route, c.caller_relation, c.subject_awareness, "
    "c.needs, c.stage_model, c.current_stage, c.opened_on, c.closed_on, c.version, c.created_at, c.updated_at, "
    "c.anonymised_at, c.subject_person_id, c.household_id, p.naming, p.name, p.furigana, "
    "CASE WHEN EXISTS (SELECT 1 FROM contacts x WHERE x.case_id = c.id AND x.subject_met = 1) THEN 1 ELSE 0 END, "
    "(SELECT MAX(x.occurred_at) FROM contacts x WHERE x.case_id = c.id), "
    "(SELECT COUNT(*) FROM contacts x WHERE x.case_id = c.id), c.number_year, c.number_seq";
constexpr char kCaseFrom[] = " FROM cases c LEFT JOIN persons p ON p.id = c.subject_person_id";

// Columns in a list: the commas outside parentheses, plus one.
constexpr std::size_t column_count(std::string_view list) {
  std::size_t n = 1;
  int depth = 0;
  for (char ch : list) {
    if (ch == '(') ++depth;
    else if (ch == ')') --depth;
    else if (ch == ',' && depth == 0) ++n;
  }
  return n;
}
constexpr std::size_t kCaseColumnCount = column_count(kCaseColumns);
static_assert(kCaseColumnCount == 26, "from_row reads 26 columns: change both together");

// Assigned staff of each case in `case_ids`, in one query (a page of the
// case list would otherwise ask once per row).
std::map<std::string, std::vector<CaseStaff>> staff_of(store::Connection& db, const std::vector<store::Value>& case_ids) {
  std::map<std::string, std::vector<CaseStaff>> out;
  if (case_ids.empty()) return out;
  for (const auto& r : db.query("SELECT s.case_id, u.id, u.display_name FROM case_staff s JOIN users u ON u.id = s.user_id "
                                "WHERE s.case_id IN (" + store::placeholders(case_ids.size()) +
                                    ") ORDER BY u.display_name, u.id",
                                case_ids)) {
    store::Cells c(r);
    auto case_id = c.text();
    CaseStaff st;
    st.id = c.text();
    st.display_name = c.text();
    out[case_id].push_back(std::move(st));
  }
  return out;
}

std::vector<CaseStaff> staff_or_none(std::map<std::string, std::vector<CaseStaff>>& staff, const std::string& case_id) {
  auto it = staff.find(case_id);
  return it == staff.end() ? std::vector<CaseStaff>{} : std::move(it->second);
}

// A stored needs list; anything but an array of strings reads as none.
std::vector<std::string> needs_column(const std::string& text) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_array())
    for (const auto& v : j)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

// A row that starts with kCaseColumns.
CaseSummary from_row(const store::Row& r, std::vector<CaseStaff> staff) {
  store::Cells c(r);
  CaseSummary s;
  s.id = c.text();
  s.organisation_id = c.text();
  s.title = c.text();
  s.status = c.text();
  s.intake_route = c.text();
  s.caller_relation = c.opt_text();
  s.subject_awareness = c.text();
  s.needs = needs_column(c.text());
  s.stage_model = c.text();
  s.current_stage = c.opt_text();
  s.opened_on = c.text();
  s.closed_on = c.opt_text();
  s.version = c.integer();
  s.created_at = c.text();
  s.updated_at = c.text();
  s.anonymised_at = c.opt_text();
  s.subject_person_id = c.opt_text();
  s.household_id = c.opt_text();
  auto naming = c.text();
  auto name = c.opt_text();
  auto furigana = c.opt_text();
  if (s.subject_person_id) s.subject = CaseSubject{*s.subject_person_id, display_name(naming, name), furigana};
  s.subject_met = c.flag();
  s.last_contact_at = c.opt_text();
  s.contact_count = c.integer();
  auto number_year = c.opt_integer();
  s.number = case_number_text(number_year, c.opt_integer());
  s.staff = std::move(staff);
  return s;
}

// A date that must exist and not lie in the future; `fallback` when absent.
std::optional<std::string> past_date(Input& in, const std::string& field, const std::string& label,
                                     const std::optional<std::string>& fallback) {
  if (auto d = in.date(field, label, {.required = false})) return domain::format_iso_date(*d);
  return in.present(field) ? std::nullopt : fallback;
}

std::string read_needs(Input& in, const nlohmann::json& body) {
  nlohmann::json out = nlohmann::json::array();
  if (!body.contains("needs") || body["needs"].is_null()) return out.dump();
  if (!body["needs"].is_array()) {
    in.fail("needs", "複合的な課題は配列で指定してください。");
    return out.dump();
  }
  std::set<std::string> seen;
  for (const auto& n : body["needs"]) {
    if (!n.is_string() || !domain::kComplexNeed.contains(n.get<std::string>())) {
      in.fail("needs", "複合的な課題の値「" + utf8_prefix(n.is_string() ? n.get<std::string>() : n.dump(), 60) +
                           "」は選択肢にありません。");
      continue;
    }
    if (seen.insert(n.get<std::string>()).second) out.push_back(n);
  }
  // Keep the order of the domain list, so two staff choosing the same
  // needs store the same value.
  nlohmann::json ordered = nlohmann::json::array();
  for (auto v : domain::kComplexNeed.values)
    if (seen.count(std::string(v))) ordered.push_back(std::string(v));
  return ordered.dump();
}

std::vector<std::string> read_staff(store::Connection& db, const Actor& actor, Input& in, const nlohmann::json& body,
                                    bool default_to_actor) {
  std::vector<std::string> out;
  if (!body.contains("staff_ids") || body["staff_ids"].is_null()) {
    if (default_to_actor) out.push_back(actor.user_id);
    return out;
  }
  if (!body["staff_ids"].is_array() || body["staff_ids"].size() > kMaxStaff) {
    in.fail("staff_ids", "担当者は" + std::to_string(kMaxStaff) + "人までの配列で指定してください。");
    return out;
  }
  for (const auto& s : body["staff_ids"]) {
    if (!s.is_string() || s.get<std::string>().size() > 64) {
      in.fail("staff_ids", "担当者の指定が正しくありません。");
      continue;
    }
    auto u = db.query_one("SELECT role FROM users WHERE id = ? AND organisation_id = ? AND active = 1",
                          {s.get<std::string>(), actor.organisation_id});
    if (!u || (u->text(0) != "coordinator" && u->text(0) != "supervisor")) {
      in.fail("staff_ids", "担当者は同じ組織の相談員・所長等から選んでください。");
      continue;
    }
    if (std::find(out.begin(), out.end(), s.get<std::string>()) == out.end()) out.push_back(s.get<std::string>());
  }
  return out;
}

void replace_staff(store::Connection& db, const std::string& case_id, const std::vector<std::string>& staff) {
  db.execute("DELETE FROM case_staff WHERE case_id = ?", {case_id});
  for (const auto& s : staff) db.execute("INSERT INTO case_staff (case_id, user_id) VALUES (?, ?)", {case_id, s});
}

// Existing person of the actor's organisation: its household (may be null).
std::optional<std::optional<std::string>> own_person(store::Connection& db, const Actor& actor, const std::string& id) {
  auto r = db.query_one(
      "SELECT m.household_id FROM persons p LEFT JOIN household_members m ON m.person_id = p.id "
      "WHERE p.id = ? AND p.organisation_id = ?",
      {id, actor.organisation_id});
  if (!r) return std::nullopt;
  return r->opt_text(0);
}

bool own_household(store::Connection& db, const Actor& actor, const std::string& id) {
  return db.query_one("SELECT 1 FROM households WHERE id = ? AND organisation_id = ?", {id, actor.organisation_id})
      .has_value();
}

void record_status(store::Connection& db, const Actor& actor, const std::string& case_id,
                   const std::optional<std::string>& from, const std::string& to, const std::optional<std::string>& reason,
                   const std::string& on) {
  db.execute(
      "INSERT INTO case_status_changes (id, case_id, from_status, to_status, reason, changed_on, user_id, created_at) "
      "VALUES (?,?,?,?,?,?,?,?)",
      {random_id(), case_id, store::text_or_null(from), to, store::text_or_null(reason), on, actor.user_id, now_utc()});
}

}  // namespace

void touch_case(store::Connection& db, const std::string& id) {
  db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", {now_utc(), id});
}

std::optional<CaseSummary> case_summary(store::Connection& db, const std::string& id) {
  auto r = db.query_one(std::string("SELECT ") + kCaseColumns + kCaseFrom + " WHERE c.id = ?", {id});
  if (!r) return std::nullopt;
  auto staff = staff_of(db, {store::Value{id}});
  return from_row(*r, staff_or_none(staff, id));
}

CaseDetail case_detail(store::Connection& db, const SealKey& key, const std::string& id) {
  auto summary = case_summary(db, id);
  if (!summary) throw not_found();
  CaseDetail d;
  d.summary = std::move(*summary);
  if (d.summary.subject_person_id) d.subject = find_person(db, key, *d.summary.subject_person_id);
  if (d.summary.household_id) d.household = find_household(db, *d.summary.household_id);
  for (const auto& r : db.query(
           "SELECT s.id, s.from_status, s.to_status, s.reason, s.changed_on, s.user_id, u.display_name, s.created_at "
           "FROM case_status_changes s LEFT JOIN users u ON u.id = s.user_id WHERE s.case_id = ? "
           "ORDER BY s.created_at, s.id",
           {id})) {
    store::Cells c(r);
    CaseStatusChange h;
    h.id = c.text();
    h.from = c.opt_text();
    h.to = c.text();
    h.reason = c.opt_text();
    h.on = c.text();
    h.user_id = c.text();
    h.user_name = c.opt_text();
    h.recorded_at = c.text();
    d.status_history.push_back(std::move(h));
  }
  for (const auto& m : domain::moves_from(domain::case_status_machine(), d.summary.status))
    d.allowed_moves.push_back({std::string(m.to), m.needs_reason});
  return d;
}

nlohmann::json list_cases(store::Connection& db, const Actor& actor, const CaseFilter& filter) {
  std::vector<store::Value> params;
  std::string sql;
  SortKey key = sort_key(filter.order);
  std::optional<SearchPlan> plan;
  std::optional<domain::CaseNumber> number;
  if (filter.q) {
    plan = plan_search(*filter.q);
    number = domain::parse_case_number(*filter.q);
    if (plan->mode == SearchPlan::Mode::empty)
      return {{"items", nlohmann::json::array()}, {"next_cursor", nullptr}};
    auto match = case_search_sql(db, *plan, actor.organisation_id, filter.search_join_limit);
    // Besides its people and contacts, a case is found by its own title
    // (folded as the index folds) and by its number.
    std::string title = db.dialect() == store::Dialect::sqlite ? "instr(c.title_folded, ?) > 0"
                                                               : "strpos(c.title_folded, ?) > 0";
    sql = match.prefix + "SELECT " + kCaseColumns + match.columns + ", " + key.sql + kCaseFrom + " WHERE (" +
          match.where + " OR " + title + (number ? " OR (c.number_year = ? AND c.number_seq = ?)" : "") +
          ") AND c.organisation_id = ?";
    for (auto* part : {&match.prefix_params, &match.column_params, &key.params, &match.where_params})
      params.insert(params.end(), part->begin(), part->end());
    params.emplace_back(plan->normalized);
    if (number) params.insert(params.end(), {std::int64_t{number->fiscal_year}, number->seq});
  } else {
    sql = std::string("SELECT ") + kCaseColumns + ", " + key.sql + kCaseFrom + " WHERE c.organisation_id = ?";
    params.insert(params.end(), key.params.begin(), key.params.end());
  }
  params.emplace_back(actor.organisation_id);
  if (filter.status) {
    sql += " AND c.status = ?";
    params.emplace_back(*filter.status);
  }
  if (filter.staff_id) {
    sql += " AND EXISTS (SELECT 1 FROM case_staff s WHERE s.case_id = c.id AND s.user_id = ?)";
    params.emplace_back(*filter.staff_id == "me" ? actor.user_id : *filter.staff_id);
  }
  if (filter.stage) {
    sql += " AND c.current_stage = ?";
    params.emplace_back(*filter.stage);
  }
  if (filter.last_contact_before) {
    // No contact at all counts as quiet too. Contact times are UTC; the day
    // starts at 00:00 in Tokyo (15:00 UTC the day before).
    sql += " AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.case_id = c.id AND x.occurred_at >= ?)";
    params.emplace_back(*filter.last_contact_before);
  }
  if (filter.cursor) sql += after_cursor_sql(filter.order, key, *filter.cursor, params);
  std::size_t key_column = kCaseColumnCount + (filter.q ? 2 : 0);
  sql += order_by_sql(filter.order, key_column + 1) + " LIMIT ?";
  params.emplace_back(filter.limit + 1);
  auto rows = db.query(sql, params);
  std::size_t shown = std::min<std::size_t>(rows.size(), static_cast<std::size_t>(filter.limit));
  std::vector<store::Value> ids;
  for (std::size_t i = 0; i < shown; ++i) ids.emplace_back(rows[i].text(0));
  auto staff = staff_of(db, ids);
  nlohmann::json items = nlohmann::json::array();
  std::string cursor;
  for (std::size_t i = 0; i < shown; ++i) {
    auto summary = from_row(rows[i], staff_or_none(staff, rows[i].text(0)));
    if (i + 1 == shown)
      cursor = encode_case_cursor(filter.order, {rows[i].text(key_column), summary.updated_at, summary.id});
    nlohmann::json matched = nlohmann::json::array();
    if (filter.q) {
      if (number && summary.number == domain::format_case_number(*number)) matched.push_back("number");
      if (domain::normalize_for_search(summary.title).find(plan->normalized) != std::string::npos)
        matched.push_back("title");
      if (rows[i].integer(kCaseColumnCount) > 0) matched.push_back("person");
      if (rows[i].integer(kCaseColumnCount + 1) > 0) matched.push_back("contact");
    }
    nlohmann::json j = std::move(summary);
    if (filter.q) j["matched"] = std::move(matched);
    items.push_back(std::move(j));
  }
  nlohmann::json next = nullptr;
  if (static_cast<std::int64_t>(rows.size()) > filter.limit) next = cursor;
  audit(db, actor, {"read", "case", "", filter.q ? "search" : "list"});
  return {{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

CaseDetail create_case(store::Connection& db, const SealKey& key, const Actor& actor, const nlohmann::json& body) {
  Input in(body);
  std::vector<FieldError> errors;
  auto title = in.text("title", "ケース名", {.required = true, .max = 100});
  auto route = in.choice("intake_route", "相談経路", domain::kIntakeRoute.values, true);
  auto caller_relation = in.choice("caller_relation", "来談者と本人との関係", domain::kContactCounterpart.values, false);
  auto awareness = in.choice("subject_awareness", "本人の認知", domain::kPersonAwareness.values, false);
  auto needs = read_needs(in, body);
  auto opened_on = past_date(in, "opened_on", "受付日", today_tokyo());
  auto staff = read_staff(db, actor, in, body, true);

  std::optional<std::string> subject_id = in.opt_text("subject_person_id", "本人", {.required = false, .max = 64});
  std::optional<std::string> subject_household;
  if (subject_id) {
    auto p = own_person(db, actor, *subject_id);
    if (!p) in.fail("subject_person_id", "本人に指定された方が見つかりません。");
    else subject_household = *p;
  }
  std::optional<PersonFields> new_subject;
  if (body.contains("subject") && !body["subject"].is_null()) {
    if (subject_id) in.fail("subject", "本人は subject と subject_person_id のどちらか一方で指定してください。");
    else if (!body["subject"].is_object()) in.fail("subject", "本人は氏名などのオブジェクトで指定してください。");
    else new_subject = read_person_fields(db, body["subject"], "subject.", errors);
  }
  std::optional<PersonFields> caller;
  std::optional<std::string> caller_member_relation;
  if (body.contains("caller") && !body["caller"].is_null()) {
    if (!body["caller"].is_object()) {
      in.fail("caller", "来談者は氏名などのオブジェクトで指定してください。");
    } else {
      caller = read_person_fields(db, body["caller"], "caller.", errors);
      Input ci(body["caller"]);
      std::vector<std::string_view> rels(domain::kHouseholdRelation.values.begin(), domain::kHouseholdRelation.values.end());
      caller_member_relation = ci.choice("relation", "来談者の続柄", rels, true);
      try {
        ci.check();
      } catch (const Problem& p) {
        for (const auto& e : p.errors) errors.push_back({"caller." + e.field, e.detail});
      }
    }
  }
  auto household_id = in.opt_text("household_id", "世帯", {.required = false, .max = 64});
  if (household_id && !own_household(db, actor, *household_id)) in.fail("household_id", "世帯が見つかりません。");
  if (household_id && subject_household && *subject_household != *household_id)
    in.fail("subject_person_id", "本人はすでに別の世帯に登録されています。");
  try {
    in.check();
  } catch (const Problem& p) {
    errors.insert(errors.begin(), p.errors.begin(), p.errors.end());
  }
  if (!errors.empty()) throw invalid(errors);

  if (new_subject) subject_id = insert_person(db, key, actor, *new_subject);
  if (!household_id && subject_household) household_id = *subject_household;
  if (!household_id && (subject_id || caller)) household_id = insert_household(db, actor, title);
  if (subject_id && !subject_household) add_household_member(db, *household_id, *subject_id, "本人");
  if (caller) {
    std::string caller_id = insert_person(db, key, actor, *caller);
    add_household_member(db, *household_id, caller_id, *caller_member_relation);
    if (!caller_relation) caller_relation = caller_member_relation;
  }
  auto org = db.query_one("SELECT stage_model FROM organisations WHERE id = ?", {actor.organisation_id});
  std::string id = random_id(), now = now_utc();
  std::string initial(domain::case_status_machine().initial);
  db.execute(
      "INSERT INTO cases (id, organisation_id, subject_person_id, household_id, title, status, intake_route, "
      "caller_relation, subject_awareness, needs, stage_model, current_stage, opened_on, closed_on, version, "
      "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,NULL,?,NULL,1,?,?)",
      {id, actor.organisation_id, store::text_or_null(subject_id), store::text_or_null(household_id), title, initial,
       *route, store::text_or_null(caller_relation), awareness.value_or("不明"), needs,
       org ? org->text(0) : std::string("guideline2010"), *opened_on, now, now});
  record_status(db, actor, id, std::nullopt, initial, std::nullopt, *opened_on);
  replace_staff(db, id, staff);
  fold_case_title(db, id, title);
  assign_case_number(db, id);
  audit(db, actor, {"create", "case", id, ""});
  return case_detail(db, key, id);
}

CaseDetail update_case(store::Connection& db, const SealKey& key, const Actor& actor, const std::string& id,
                       std::int64_t expected_version, const nlohmann::json& body) {
  auto detail = case_detail(db, key, id);
  const CaseSummary& current = detail.summary;
  if (current.version != expected_version) throw version_conflict(detail);
  Input in(body);
  auto title = in.text("title", "ケース名", {.required = true, .max = 100});
  auto route = in.choice("intake_route", "相談経路", domain::kIntakeRoute.values, true);
  auto caller_relation = in.choice("caller_relation", "来談者と本人との関係", domain::kContactCounterpart.values, false);
  auto awareness = in.choice("subject_awareness", "本人の認知", domain::kPersonAwareness.values, true);
  auto needs = body.contains("needs") ? read_needs(in, body) : nlohmann::json(current.needs).dump();
  auto opened_on = past_date(in, "opened_on", "受付日", current.opened_on);
  auto staff = read_staff(db, actor, in, body, false);
  if (body.contains("staff_ids") && staff.empty()) in.fail("staff_ids", "担当者を一人以上選んでください。");
  auto household_id = in.opt_text("household_id", "世帯", {.required = false, .max = 64});
  auto subject_id = in.opt_text("subject_person_id", "本人", {.required = false, .max = 64});
  // A field left out of the body keeps its value: editing the title must
  // not detach 本人 or the household. Sending null clears it on purpose.
  if (!body.contains("household_id") && current.household_id) household_id = current.household_id;
  if (!body.contains("subject_person_id") && current.subject_person_id) subject_id = current.subject_person_id;
  if (household_id && !own_household(db, actor, *household_id)) in.fail("household_id", "世帯が見つかりません。");
  std::optional<std::string> subject_household;
  if (subject_id) {
    auto p = own_person(db, actor, *subject_id);
    if (!p) in.fail("subject_person_id", "本人に指定された方が見つかりません。");
    else if (*p && household_id && **p != *household_id) in.fail("subject_person_id", "本人はすでに別の世帯に登録されています。");
    else if (*p) subject_household = **p;
  }
  in.check();
  if (!household_id && subject_household) household_id = subject_household;
  auto changed = db.execute(
      "UPDATE cases SET title = ?, intake_route = ?, caller_relation = ?, subject_awareness = ?, needs = ?, "
      "opened_on = ?, subject_person_id = ?, household_id = ?, version = version + 1, updated_at = ? "
      "WHERE id = ? AND version = ?",
      {title, *route, store::text_or_null(caller_relation), *awareness, needs, *opened_on,
       store::text_or_null(subject_id), store::text_or_null(household_id), now_utc(), id, expected_version});
  if (changed == 0) throw version_conflict(case_detail(db, key, id));
  const std::optional<std::string>& subject_before = current.subject_person_id;
  if (subject_before != subject_id) store::mhlw_summary::case_subject_changed(db, id, subject_before);
  // 本人 has become known: they join the case's household as 本人.
  if (subject_id && household_id && !subject_household) add_household_member(db, *household_id, *subject_id, "本人");
  if (body.contains("staff_ids")) replace_staff(db, id, staff);
  fold_case_title(db, id, title);
  audit(db, actor, {"update", "case", id, ""});
  return case_detail(db, key, id);
}

CaseDetail change_case_status(store::Connection& db, const SealKey& key, const Actor& actor,
                              const std::string& id, std::int64_t expected_version, const nlohmann::json& body) {
  auto detail = case_detail(db, key, id);
  const CaseSummary& current = detail.summary;
  if (current.version != expected_version) throw version_conflict(detail);
  Input in(body);
  auto to = in.choice("to", "変更後の状況", domain::kCaseStatus.values, true);
  auto reason = in.opt_text("reason", "理由", {.required = false, .max = 1000, .multiline = true});
  auto on = past_date(in, "on", "変更日", today_tokyo());
  if (on && *on < current.opened_on) in.fail("on", "変更日は受付日より前にできません。");
  std::string from = current.status;
  if (to) {
    auto check = domain::check_move(domain::case_status_machine(), from, *to, domain::Party::kAny, reason.value_or(""));
    if (check == domain::MoveCheck::kReasonRequired)
      in.fail("reason", "終結・中断と再開には理由が必要です。");
    else if (check != domain::MoveCheck::kAllowed)
      in.fail("to", std::string(domain::describe(check)) + "（現在の状況: " + from + "）");
  }
  // Its record is gone; a person who comes back starts a new case.
  if (to && current.anonymised_at && domain::is_open_case_status(*to))
    in.fail("to", "匿名化済みのケースは再開できません。新しいケースとして受け付けてください。");
  in.check();
  bool closing = *to == "終結" || *to == "中断";
  auto changed = db.execute(
      "UPDATE cases SET status = ?, closed_on = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      {*to, closing ? store::Value{*on} : store::null(), now_utc(), id, expected_version});
  if (changed == 0) throw version_conflict(case_detail(db, key, id));
  record_status(db, actor, id, from, *to, reason, *on);
  audit(db, actor, {"update", "case", id, "status " + from + " -> " + *to});
  return case_detail(db, key, id);
}

}  // namespace tsunagu::service
