#include "service/home.h"

#include <algorithm>
#include <span>
#include <tuple>
#include <vector>

#include "domain/case_status.h"
#include "domain/date.h"
#include "domain/referral_state.h"
#include "domain/validation.h"
#include "service/case_numbering.h"
#include "service/clock.h"
#include "service/json_optional.h"
#include "service/urgent_reports.h"

namespace tsunagu::service {
namespace {

using store::Value;

// The open statuses as parameters, and "?, ?, ?" for them: the placeholders
// follow the domain's list, never input.
struct OpenStatuses {
  std::string placeholders;
  std::vector<Value> values;
};
const OpenStatuses& open_statuses() {
  static const OpenStatuses o = [] {
    OpenStatuses s;
    for (auto v : domain::kCaseStatusValues)
      if (domain::is_open_case_status(v)) {
        s.placeholders += s.placeholders.empty() ? "?" : ", ?";
        s.values.emplace_back(std::string(v));
      }
    return s;
  }();
  return o;
}

std::vector<Value> params(std::initializer_list<Value> head, bool with_statuses, std::initializer_list<Value> tail = {}) {
  std::vector<Value> p(head);
  if (with_statuses) p.insert(p.end(), open_statuses().values.begin(), open_statuses().values.end());
  p.insert(p.end(), tail);
  return p;
}

// Each section's query carries COUNT(*) OVER () as its last column: the
// number of rows before LIMIT, in the same pass (no second query).
std::int64_t total_of(const store::Rows& rows, std::size_t column) {
  return rows.empty() ? 0 : rows.front().integer(column);
}

nlohmann::json case_json(const std::string& id, const std::string& title, std::optional<std::int64_t> year,
                         std::optional<std::int64_t> seq) {
  return {{"id", id}, {"title", title}, {"number", nj(case_number_text(year, seq))}};
}

std::int64_t day_number(const std::string& iso_date) { return domain::days_since_epoch(*domain::parse_iso_date(iso_date)); }

struct DueItem {
  std::string due_on, sort_id;
  nlohmann::json json;
};

// Open cases the actor is staff of, as the FROM of the case-work sections.
std::string my_open_cases(const char* more_from) {
  return std::string(" FROM case_staff s JOIN cases c ON c.id = s.case_id ") + more_from +
         " WHERE s.user_id = ? AND c.organisation_id = ? AND c.status IN (" + open_statuses().placeholders + ")";
}

// The latest contact of the case (by occurred_at, then id) carries its next
// step. One probe of contacts_case per case: on 1,644 cases of 20 contacts
// this was 2.5 times faster than asking, of every dated next step, whether
// a later contact exists (bench/results/2026-12-06-home.md).
constexpr char kLatestContact[] =
    "JOIN contacts k ON k.id = (SELECT l.id FROM contacts l WHERE l.case_id = c.id "
    "ORDER BY l.occurred_at DESC, l.id DESC LIMIT 1)";

std::int64_t due_next_steps(store::Connection& db, const Actor& actor, const std::string& today,
                            std::vector<DueItem>& out) {
  std::string from = my_open_cases(kLatestContact) + " AND k.next_step_on IS NOT NULL AND k.next_step_on <= ?";
  auto p = params({actor.user_id, actor.organisation_id}, true, {today, std::int64_t{kHomeSectionLimit}});
  auto rows = db.query("SELECT k.id, k.case_id, k.next_step, k.next_step_on, c.title, c.number_year, c.number_seq, "
                       "COUNT(*) OVER ()" +
                           from + " ORDER BY k.next_step_on, k.id LIMIT ?",
                       std::span<const Value>(p));
  for (const auto& r : rows) {
    store::Cells in(r);
    auto contact_id = in.text();
    auto case_id = in.text();
    auto text = in.opt_text();
    auto due_on = in.text();
    auto title = in.text();
    auto year = in.opt_integer();
    auto seq = in.opt_integer();
    out.push_back({due_on, contact_id,
                   {{"kind", "next_step"},
                    {"id", contact_id},
                    {"text", nj(text)},
                    {"due_on", due_on},
                    {"overdue", due_on < today},
                    {"case", case_json(case_id, title, year, seq)},
                    {"contact_id", contact_id},
                    {"meeting_id", nullptr}}});
  }
  return total_of(rows, 7);
}

std::int64_t due_follow_ups(store::Connection& db, const Actor& actor, const std::string& today,
                            std::vector<DueItem>& out) {
  // Assigned to me; a supervisor also sees what was given to the
  // organisation without naming a person.
  const bool supervisor = actor.role == domain::Role::supervisor;
  const std::string from =
      std::string(" FROM follow_ups f JOIN meetings m ON m.id = f.meeting_id JOIN cases c ON c.id = f.case_id"
                  " WHERE f.done = 0 AND f.due_on IS NOT NULL AND f.due_on <= ? AND ") +
      (supervisor ? "(f.assignee_user_id = ? OR (f.assignee_user_id IS NULL AND f.assignee_organisation_id = ?))"
                  : "f.assignee_user_id = ?");
  std::vector<Value> p{today, actor.user_id};
  if (supervisor) p.emplace_back(actor.organisation_id);
  p.emplace_back(std::int64_t{kHomeSectionLimit});
  auto rows = db.query(
      "SELECT f.id, f.task, f.due_on, f.meeting_id, m.title, f.case_id, f.organisation_id, c.title, c.number_year, "
      "c.number_seq, COUNT(*) OVER ()" +
          from + " ORDER BY f.due_on, f.id LIMIT ?",
      std::span<const Value>(p));
  for (const auto& r : rows) {
    store::Cells in(r);
    auto id = in.text();
    auto task = in.text();
    auto due_on = in.text();
    auto meeting_id = in.text();
    auto meeting_title = in.text();
    auto case_id = in.text();
    auto case_org = in.text();
    auto title = in.text();
    auto year = in.opt_integer();
    auto seq = in.opt_integer();
    // Another organisation's case stays behind its meeting: the assignee
    // sees the task, not which case it is (as follow_up_json does).
    nlohmann::json c = case_org == actor.organisation_id ? case_json(case_id, title, year, seq) : nullptr;
    out.push_back({due_on, id,
                   {{"kind", "follow_up"},
                    {"id", id},
                    {"text", task},
                    {"due_on", due_on},
                    {"overdue", due_on < today},
                    {"case", std::move(c)},
                    {"contact_id", nullptr},
                    {"meeting_id", meeting_id},
                    {"meeting_title", meeting_title}}});
  }
  return total_of(rows, 10);
}

nlohmann::json due_section(store::Connection& db, const Actor& actor, const std::string& today) {
  std::vector<DueItem> items;
  auto count = due_next_steps(db, actor, today, items) + due_follow_ups(db, actor, today, items);
  // Oldest due first; the two kinds merged, then cut to the limit.
  std::stable_sort(items.begin(), items.end(),
                   [](const DueItem& a, const DueItem& b) { return std::tie(a.due_on, a.sort_id) < std::tie(b.due_on, b.sort_id); });
  if (items.size() > static_cast<std::size_t>(kHomeSectionLimit)) items.resize(kHomeSectionLimit);
  auto json = nlohmann::json::array();
  for (auto& i : items) json.push_back(std::move(i.json));
  return {{"count", count}, {"items", std::move(json)}};
}

nlohmann::json quiet_section(store::Connection& db, const Actor& actor, const std::string& today) {
  const std::string since =
      domain::tokyo_day_start_utc(domain::add_days(*domain::parse_iso_date(today), -(kQuietDays - 1)));
  // No contact on or after the first day of the quiet period.
  std::string from = my_open_cases("") +
                     " AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.case_id = c.id AND x.occurred_at >= ?)";
  auto p = params({actor.user_id, actor.organisation_id}, true, {since, std::int64_t{kHomeSectionLimit}});
  // Quietest first: never contacted, then the oldest last contact.
  auto rows = db.query(
      "SELECT q.id, q.title, q.number_year, q.number_seq, q.status, q.last_contact, COUNT(*) OVER () FROM (SELECT "
      "c.id, c.title, "
      "c.number_year, c.number_seq, c.status, c.opened_on, "
      "(SELECT MAX(y.occurred_at) FROM contacts y WHERE y.case_id = c.id) AS last_contact" +
          from + ") q ORDER BY COALESCE(q.last_contact, ''), q.opened_on, q.id LIMIT ?",
      std::span<const Value>(p));
  const auto today_n = day_number(today);
  auto items = nlohmann::json::array();
  for (const auto& r : rows) {
    store::Cells in(r);
    auto id = in.text();
    auto title = in.text();
    auto year = in.opt_integer();
    auto seq = in.opt_integer();
    auto status = in.text();
    auto last = in.opt_text();
    nlohmann::json days = nullptr, last_on = nullptr;
    if (last) {
      auto day = domain::tokyo_day_text_of_utc(*last);
      last_on = day;
      days = today_n - day_number(day);
    }
    items.push_back({{"case", case_json(id, title, year, seq)},
                     {"status", status},
                     {"last_contact_on", std::move(last_on)},
                     {"days_since_contact", std::move(days)}});
  }
  return {{"count", total_of(rows, 6)}, {"items", std::move(items)}};
}

nlohmann::json meetings_section(store::Connection& db, const Actor& actor, const std::string& from_day,
                                const std::string& to_day) {
  // The organiser is not among meeting_organisations, so the two halves
  // never hold the same meeting; each uses its own index.
  auto rows = db.query(
      "SELECT m.id, m.title, m.kind, m.held_on, m.organisation_id, o.name, 'organiser' FROM meetings m "
      "JOIN organisations o ON o.id = m.organisation_id WHERE m.organisation_id = ? AND m.held_on >= ? AND "
      "m.held_on <= ? "
      "UNION ALL SELECT m.id, m.title, m.kind, m.held_on, m.organisation_id, o.name, 'participant' "
      "FROM meeting_organisations x JOIN meetings m ON m.id = x.meeting_id "
      "JOIN organisations o ON o.id = m.organisation_id WHERE x.organisation_id = ? AND m.held_on >= ? AND "
      "m.held_on <= ? ORDER BY 4, 1 LIMIT ?",
      {actor.organisation_id, from_day, to_day, actor.organisation_id, from_day, to_day,
       std::int64_t{kHomeSectionLimit}});
  auto items = nlohmann::json::array();
  for (const auto& r : rows) {
    store::Cells in(r);
    nlohmann::json j;
    j["id"] = in.text();
    j["title"] = in.text();
    j["kind"] = in.text();
    j["held_on"] = in.text();
    j["organisation_id"] = in.text();
    j["organisation_name"] = in.text();
    j["side"] = in.text();
    items.push_back(std::move(j));
  }
  return {{"count", items.size()}, {"items", std::move(items)}};
}

nlohmann::json incoming_section(store::Connection& db, const Actor& actor) {
  const std::string waiting(domain::referral_state_machine().initial);
  auto rows = db.query(
      "SELECT f.id, f.referred_on, f.created_at, f.category, so.name, r.name FROM referrals f "
      "JOIN organisations so ON so.id = f.organisation_id JOIN resources r ON r.id = f.resource_id "
      "WHERE f.receiving_organisation_id = ? AND f.state = ? ORDER BY f.created_at DESC, f.id LIMIT ?",
      {actor.organisation_id, waiting, std::int64_t{kHomeReferralLimit}});
  auto items = nlohmann::json::array();
  for (const auto& r : rows) {
    store::Cells in(r);
    nlohmann::json j;
    j["id"] = in.text();
    j["referred_on"] = in.text();
    j["created_at"] = in.text();
    j["category"] = in.text();
    j["organisation_name"] = in.text();
    j["resource_name"] = in.text();
    items.push_back(std::move(j));
  }
  auto count = rows.size() < static_cast<std::size_t>(kHomeReferralLimit)
                   ? static_cast<std::int64_t>(rows.size())
                   : incoming_referral_count(db, actor.organisation_id);
  return {{"count", count}, {"items", std::move(items)}};
}

}  // namespace

std::int64_t incoming_referral_count(store::Connection& db, const std::string& organisation_id) {
  auto row = db.query_one("SELECT COUNT(*) FROM referrals WHERE receiving_organisation_id = ? AND state = ?",
                          {organisation_id, std::string(domain::referral_state_machine().initial)});
  return row ? row->integer(0) : 0;
}

nlohmann::json home_for(store::Connection& db, const Actor& actor, const HomeSections& sections) {
  const std::string today = today_tokyo();
  const auto today_n = day_number(today);
  // 1970-01-01 was a Thursday: (days + 3) % 7 is 0 on Mondays.
  const auto monday = domain::date_from_days(today_n - ((today_n + 3) % 7));
  const auto week_from = domain::format_iso_date(monday);
  const auto week_to = domain::format_iso_date(domain::add_days(monday, 6));
  nlohmann::json j = {{"today", today}, {"week_from", week_from}, {"week_to", week_to}, {"quiet_days", kQuietDays}};
  if (sections.case_work) {
    j["due"] = due_section(db, actor, today);
    j["quiet_cases"] = quiet_section(db, actor, today);
    j["meetings_this_week"] = meetings_section(db, actor, week_from, week_to);
  }
  if (sections.incoming_referrals) j["incoming_referrals"] = incoming_section(db, actor);
  if (sections.urgent_supporter_reports)
    j["urgent_supporter_reports"] = urgent_reports_section(db, actor.organisation_id, kHomeSectionLimit);
  return j;
}

}  // namespace tsunagu::service
