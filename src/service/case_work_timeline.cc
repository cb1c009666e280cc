#include "service/case_work_timeline.h"

#include <map>

#include "domain/plan_progress.h"
#include "domain/validation.h"

namespace tsunagu::service {
namespace {

// An entry whose row ends, where `c` stands, with the user's id and name.
TimelineEntry make(const std::string& kind, std::string on, std::string at, std::string key, std::string summary,
                   std::string ref_id, store::Cells& c) {
  auto by_id = c.text();
  auto by = c.opt_text();
  nlohmann::json j = {{"kind", kind},     {"on", on},         {"at", at}, {"summary", std::move(summary)},
                      {"ref_id", ref_id}, {"by_id", by_id}, {"by", by ? nlohmann::json(*by) : nlohmann::json(nullptr)}};
  return TimelineEntry{std::move(on), std::move(at), std::move(key), std::move(j)};
}

}  // namespace

void contact_timeline(store::Connection& db, const std::string& case_id, std::vector<TimelineEntry>& out) {
  for (const auto& r : db.query(
           "SELECT c.id, c.occurred_at, c.channel, c.sub_kind, c.counterpart, c.subject_met, c.note, "
           "c.staff_user_id, u.display_name FROM contacts c LEFT JOIN users u ON u.id = c.staff_user_id "
           "WHERE c.case_id = ?",
           {case_id})) {
    store::Cells c(r);
    std::string id = c.text(), at = c.text(), on = domain::tokyo_day_text_of_utc(at);
    std::string s = c.text();
    if (auto sub = c.opt_text()) s += "（" + *sub + "）";
    s += "・" + c.text();
    bool met = c.flag();
    if (met) s += "・本人と会えた";
    if (auto note = c.opt_text()) s += "：" + excerpt(one_line(*note), 60);
    auto e = make("contact", on, at, id, s, id, c);
    e.j["subject_met"] = met;
    out.push_back(std::move(e));
  }
}

void assessment_timeline(store::Connection& db, const std::string& case_id, std::vector<TimelineEntry>& out) {
  for (const auto& r : db.query(
           "SELECT a.id, a.assessed_on, a.created_at, a.outing_level, a.withdrawal_phase, a.recorded_by, "
           "u.display_name FROM assessments a LEFT JOIN users u ON u.id = a.recorded_by WHERE a.case_id = ?",
           {case_id})) {
    store::Cells c(r);
    std::string id = c.text(), on = c.text(), at = c.text();
    std::string s = "アセスメント";
    std::vector<std::string> parts;
    if (auto lvl = c.opt_text()) parts.push_back("外出状況：" + *lvl);
    if (auto ph = c.opt_text()) parts.push_back("段階④：" + *ph);
    if (!parts.empty()) {
      s += "（";
      for (std::size_t i = 0; i < parts.size(); ++i) s += (i ? "／" : "") + parts[i];
      s += "）";
    }
    out.push_back(make("assessment", on, at, id, s, id, c));
  }
}

void plan_timeline(store::Connection& db, const std::string& case_id, std::vector<TimelineEntry>& out) {
  for (const auto& r : db.query(
           "SELECT e.id, e.on_date, e.created_at, e.summary, e.plan_id, e.action, e.user_id, u.display_name "
           "FROM plan_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.case_id = ?",
           {case_id})) {
    store::Cells c(r);
    std::string id = c.text(), on = c.text(), at = c.text(), summary = c.text(), plan = c.text(), action = c.text();
    auto e = make("plan", on, at, id, summary, plan, c);
    e.j["event"] = action;
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
    store::Cells c(r);
    std::string id = c.text(), on = c.text(), at = c.text();
    int level = static_cast<int>(c.integer());
    std::string goal = c.text(), words = c.text(), axis = c.text(), term = c.text(), plan = c.text();
    auto prev = last.count(goal) ? std::optional<int>(last[goal]) : std::nullopt;
    last[goal] = level;
    auto dir = domain::describe_progress(prev, level).value_or(domain::ProgressDirection::kSame);
    std::string s = "目標" + in_brackets(excerpt(one_line(words), 30)) + "（" + axis + "・" + term + "）：" +
                    std::string(domain::progress_level_label(level)) + "（" +
                    std::string(domain::direction_label(dir)) + "）";
    auto e = make("plan", on, at, id, s, plan, c);
    e.j["event"] = "progress";
    e.j["goal_id"] = goal;
    e.j["direction"] = std::string(domain::direction_label(dir));
    out.push_back(std::move(e));
  }
}

void stage_timeline(store::Connection& db, const std::string& case_id, std::vector<TimelineEntry>& out) {
  for (const auto& r : db.query(
           "SELECT s.id, s.changed_on, s.created_at, s.from_stage, s.to_stage, s.direction, s.steps, s.note, "
           "s.user_id, u.display_name FROM stage_changes s LEFT JOIN users u ON u.id = s.user_id WHERE s.case_id = ?",
           {case_id})) {
    store::Cells c(r);
    std::string id = c.text(), on = c.text(), at = c.text();
    auto from = c.opt_text();
    std::string to = c.text(), dir = c.text();
    auto steps = c.integer();
    auto note = c.opt_text();
    std::string s = "段階：";
    if (from && (dir == "前へ" || dir == "戻る"))
      s += *from + " → " + to + "（" + std::to_string(steps) + "段階" + dir + "）";
    else if (dir == "同じ")
      s += to + "（変わらず）";
    else
      s += to + "（" + dir + "）";
    if (note) s += "：" + excerpt(one_line(*note), 60);
    auto e = make("stage", on, at, id, s, id, c);
    e.j["direction"] = dir;
    out.push_back(std::move(e));
  }
}

void status_timeline(store::Connection& db, const std::string& case_id, std::vector<TimelineEntry>& out) {
  for (const auto& r : db.query(
           "SELECT s.id, s.changed_on, s.created_at, s.from_status, s.to_status, s.reason, s.user_id, "
           "u.display_name FROM case_status_changes s LEFT JOIN users u ON u.id = s.user_id WHERE s.case_id = ?",
           {case_id})) {
    store::Cells c(r);
    std::string id = c.text(), on = c.text(), at = c.text();
    auto from = c.opt_text();
    std::string to = c.text();
    auto reason = c.opt_text();
    std::string s = "状況：";
    s += from ? *from + " → " + to : to + "（ケースの開始）";
    if (reason) s += "（" + excerpt(one_line(*reason), 60) + "）";
    out.push_back(make("status", on, at, id, s, id, c));
  }
}

}  // namespace tsunagu::service
