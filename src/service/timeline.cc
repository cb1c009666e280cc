#include "service/timeline.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "domain/plan_progress.h"
#include "domain/stage_model.h"
#include "domain/validation.h"
#include "service/input.h"
#include "service/problem.h"
#include "service/query_input.h"
#include "service/groups.h"
#include "service/meetings.h"
#include "service/referrals.h"

namespace tsunagu::service {
namespace {

struct Entry {
  std::string on, at, key;  // key: unique id of the row, for order and cursor
  nlohmann::json j;
};

// The first `n` code points of `s`, with "…" when cut.
std::string excerpt(const std::string& s, std::size_t n) {
  std::size_t count = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (count == n) return s.substr(0, i) + "…";
      ++count;
    }
  }
  return s;
}

std::string one_line(std::string s) {
  for (auto& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

Entry make(const std::string& kind, std::string on, std::string at, std::string key, std::string summary,
           std::string ref_id, const store::Row& r, std::size_t by_id, std::size_t by_name) {
  nlohmann::json j = {{"kind", kind},       {"on", on},
                      {"at", at},           {"summary", std::move(summary)},
                      {"ref_id", ref_id},   {"by_id", r.text(by_id)},
                      {"by", r.opt_text(by_name) ? nlohmann::json(r.text(by_name)) : nlohmann::json(nullptr)}};
  return Entry{std::move(on), std::move(at), std::move(key), std::move(j)};
}

void contacts(store::Connection& db, const std::string& case_id, std::vector<Entry>& out) {
  for (const auto& r : db.query(
           "SELECT c.id, c.occurred_at, c.channel, c.sub_kind, c.counterpart, c.subject_met, c.note, "
           "c.staff_user_id, u.display_name FROM contacts c LEFT JOIN users u ON u.id = c.staff_user_id "
           "WHERE c.case_id = ?",
           {case_id})) {
    std::string at = r.text(1), on = domain::tokyo_day_text_of_utc(at);
    std::string s = r.text(2);
    if (auto sub = r.opt_text(3)) s += "（" + *sub + "）";
    s += "・" + r.text(4);
    if (r.integer(5) != 0) s += "・本人と会えた";
    if (auto note = r.opt_text(6)) s += "：" + excerpt(one_line(*note), 60);
    auto e = make("contact", on, at, r.text(0), s, r.text(0), r, 7, 8);
    e.j["subject_met"] = r.integer(5) != 0;
    out.push_back(std::move(e));
  }
}

void assessments(store::Connection& db, const std::string& case_id, std::vector<Entry>& out) {
  for (const auto& r : db.query(
           "SELECT a.id, a.assessed_on, a.created_at, a.outing_level, a.withdrawal_phase, a.recorded_by, "
           "u.display_name FROM assessments a LEFT JOIN users u ON u.id = a.recorded_by WHERE a.case_id = ?",
           {case_id})) {
    std::string s = "アセスメント";
    std::vector<std::string> parts;
    if (auto lvl = r.opt_text(3)) parts.push_back("外出状況：" + *lvl);
    if (auto ph = r.opt_text(4)) parts.push_back("段階④：" + *ph);
    if (!parts.empty()) {
      s += "（";
      for (std::size_t i = 0; i < parts.size(); ++i) s += (i ? "／" : "") + parts[i];
      s += "）";
    }
    out.push_back(make("assessment", r.text(1), r.text(2), r.text(0), s, r.text(0), r, 5, 6));
  }
}

void plans(store::Connection& db, const std::string& case_id, std::vector<Entry>& out) {
  for (const auto& r : db.query(
           "SELECT e.id, e.on_date, e.created_at, e.summary, e.plan_id, e.user_id, u.display_name, e.action "
           "FROM plan_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.case_id = ?",
           {case_id})) {
    auto e = make("plan", r.text(1), r.text(2), r.text(0), r.text(3), r.text(4), r, 5, 6);
    e.j["event"] = r.text(7);
    out.push_back(std::move(e));
  }
  // Directions are computed along each goal's history, as the plan shows them.
  std::map<std::string, int> last;
  for (const auto& r : db.query(
           "SELECT p.id, p.recorded_on, p.created_at, p.level, p.goal_id, g.words, g.axis, g.term, p.plan_id, "
           "p.recorded_by, u.display_name FROM plan_progress p JOIN plan_goals g ON g.id = p.goal_id "
           "LEFT JOIN users u ON u.id = p.recorded_by WHERE p.case_id = ? "
           "ORDER BY p.recorded_on, p.created_at, p.id",
           {case_id})) {
    int level = static_cast<int>(r.integer(3));
    auto goal = r.text(4);
    auto prev = last.count(goal) ? std::optional<int>(last[goal]) : std::nullopt;
    last[goal] = level;
    auto dir = domain::describe_progress(prev, level).value_or(domain::ProgressDirection::kSame);
    std::string s = "目標「" + excerpt(one_line(r.text(5)), 30) + "」（" + r.text(6) + "・" + r.text(7) + "）：" +
                    std::string(domain::progress_level_label(level)) + "（" +
                    std::string(domain::direction_label(dir)) + "）";
    auto e = make("plan", r.text(1), r.text(2), r.text(0), s, r.text(8), r, 9, 10);
    e.j["event"] = "progress";
    e.j["goal_id"] = goal;
    e.j["direction"] = std::string(domain::direction_label(dir));
    out.push_back(std::move(e));
  }
}

void stages(store::Connection& db, const std::string& case_id, std::vector<Entry>& out) {
  for (const auto& r : db.query(
           "SELECT s.id, s.changed_on, s.created_at, s.from_stage, s.to_stage, s.direction, s.steps, s.user_id, "
           "u.display_name, s.note FROM stage_changes s LEFT JOIN users u ON u.id = s.user_id WHERE s.case_id = ?",
           {case_id})) {
    std::string dir = r.text(5), s = "段階：";
    if (r.opt_text(3) && (dir == "前へ" || dir == "戻る"))
      s += r.text(3) + " → " + r.text(4) + "（" + std::to_string(r.integer(6)) + "段階" + dir + "）";
    else if (dir == "同じ")
      s += r.text(4) + "（変わらず）";
    else
      s += r.text(4) + "（" + dir + "）";
    if (auto note = r.opt_text(9)) s += "：" + excerpt(one_line(*note), 60);
    auto e = make("stage", r.text(1), r.text(2), r.text(0), s, r.text(0), r, 7, 8);
    e.j["direction"] = dir;
    out.push_back(std::move(e));
  }
}

void statuses(store::Connection& db, const std::string& case_id, std::vector<Entry>& out) {
  for (const auto& r : db.query(
           "SELECT s.id, s.changed_on, s.created_at, s.from_status, s.to_status, s.reason, s.user_id, "
           "u.display_name FROM case_status_changes s LEFT JOIN users u ON u.id = s.user_id WHERE s.case_id = ?",
           {case_id})) {
    std::string s = "状況：";
    s += r.opt_text(3) ? r.text(3) + " → " + r.text(4) : r.text(4) + "（ケースの開始）";
    if (auto reason = r.opt_text(5)) s += "（" + excerpt(one_line(*reason), 60) + "）";
    out.push_back(make("status", r.text(1), r.text(2), r.text(0), s, r.text(0), r, 6, 7));
  }
}

// Entries shaped by another service: referrals with the receiving side's
// feedback (both filtered as "referral"), meetings with their follow-up
// items (both filtered as "meeting").
void shaped(std::vector<nlohmann::json> items, std::vector<Entry>& out) {
  for (auto& j : items) {
    std::string on = j.value("on", ""), at = j.value("at", ""), key = j.value("ref_id", "") + j.value("kind", "") + at;
    out.push_back(Entry{std::move(on), std::move(at), std::move(key), std::move(j)});
  }
}

std::string cursor_of(const Entry& e) { return e.on + "~" + e.at + "~" + e.key; }

}  // namespace

nlohmann::json case_timeline(store::Connection& db, const std::string& case_id,
                             const std::map<std::string, std::string>& query) {
  QueryInput in(query);
  std::set<std::string> kinds;
  if (auto k = in.get("kinds")) {
    std::size_t start = 0;
    while (start <= k->size()) {
      auto comma = k->find(',', start);
      auto one = k->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (std::find(std::begin(kTimelineKinds), std::end(kTimelineKinds), one) == std::end(kTimelineKinds)) {
        in.fail("kinds", "種類「" + excerpt(one, 20) +
                                       "」はありません（contact, assessment, plan, stage, status, referral, meeting, group から選んでください）。");
        break;
      }
      kinds.insert(one);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  } else {
    kinds.insert(std::begin(kTimelineKinds), std::end(kTimelineKinds));
  }
  auto page = in.page(50, 200);
  std::int64_t limit = page.limit;
  std::optional<std::tuple<std::string, std::string, std::string>> after;
  if (auto c = page.cursor) {
    auto a = c->find('~'), b = a == std::string::npos ? a : c->find('~', a + 1);
    if (b == std::string::npos || !domain::parse_iso_date(c->substr(0, a)))
      in.bad_cursor();
    else
      after = std::make_tuple(c->substr(0, a), c->substr(a + 1, b - a - 1), c->substr(b + 1));
  }
  in.check();

  std::vector<Entry> all;
  if (kinds.count("contact")) contacts(db, case_id, all);
  if (kinds.count("assessment")) assessments(db, case_id, all);
  if (kinds.count("plan")) plans(db, case_id, all);
  if (kinds.count("stage")) stages(db, case_id, all);
  if (kinds.count("status")) statuses(db, case_id, all);
  if (kinds.count("referral")) shaped(referral_timeline_items(db, case_id), all);
  if (kinds.count("meeting")) shaped(meeting_timeline_items(db, case_id), all);
  if (kinds.count("group")) shaped(group_timeline_items(db, case_id), all);
  auto key = [](const Entry& e) { return std::tie(e.on, e.at, e.key); };
  std::sort(all.begin(), all.end(), [&](const Entry& x, const Entry& y) { return key(x) > key(y); });

  auto items = nlohmann::json::array();
  nlohmann::json next = nullptr;
  std::size_t i = 0;
  if (after) {
    while (i < all.size() && std::make_tuple(all[i].on, all[i].at, all[i].key) >= *after) ++i;
  }
  for (; i < all.size(); ++i) {
    if (static_cast<std::int64_t>(items.size()) == limit) {
      next = cursor_of(all[i - 1]);
      break;
    }
    items.push_back(all[i].j);
  }
  return {{"items", items}, {"next_cursor", next}};
}

}  // namespace tsunagu::service
