#include "service/audit_listing.h"

#include <charconv>
#include <cstdint>
#include <algorithm>
#include <limits>
#include <vector>

#include "service/audit.h"
#include "domain/audit_vocabulary.h"
#include "domain/case_number.h"
#include "domain/validation.h"
#include "service/case_numbering.h"
#include "service/case_ref.h"
#include "service/json_optional.h"
#include "service/permission.h"
#include "service/problem.h"
#include "service/query_input.h"

namespace tsunagu::service {
namespace {

// Each log is read in its own seq order (newest first) through its primary
// key or its (organisation_id, seq) index, and the two are merged by the
// time of the act. The cursor holds where each log stopped, "main~reads":
// the last seq shown from each (entries below it come next). Paging by each
// log's own position shows every entry exactly once; an index on `at` over
// each log would do the same at a cost on every audited read (measured:
// a third of the case-detail throughput, bench/results/2026-12-05-case-work.md).
struct Cursor {
  std::int64_t below[2] = {std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::max()};
};

constexpr AuditLog kLogs[2] = {AuditLog::main, AuditLog::reads};

Cursor parse_cursor(const std::string& c) {
  // The wording and code of every other list's unreadable cursor.
  auto bad = [] { return invalid({{"cursor", "ページの指定 (cursor) が読み取れません。"}}); };
  Cursor out;
  auto tilde = c.find('~');
  if (tilde == std::string::npos) throw bad();
  std::string_view parts[2] = {std::string_view(c).substr(0, tilde), std::string_view(c).substr(tilde + 1)};
  for (int i = 0; i < 2; ++i) {
    auto [end, ec] = std::from_chars(parts[i].data(), parts[i].data() + parts[i].size(), out.below[i]);
    if (ec != std::errc() || end != parts[i].data() + parts[i].size() || parts[i].empty() || out.below[i] < 1)
      throw bad();
  }
  return out;
}

struct Shown {
  int log;  // index into kLogs
  std::int64_t seq;
  std::string at;
  nlohmann::json item;
};

// Entries about a case: the case itself, and the reads and records of its
// sub-records, whose detail names it ("case <id>", "case <id> …"), as
// audit_entries_about finds them.
void about_case(std::string& sql, std::vector<store::Value>& params, const std::string& case_id) {
  sql += " AND (a.entity_id = ? OR a.detail = ? OR a.detail LIKE ?)";
  params.emplace_back(case_id);
  params.emplace_back("case " + case_id);
  params.emplace_back("case " + case_id + " %");
}

// One log's entries below its position, newest first, at most `limit`.
std::vector<Shown> page_of(store::Connection& db, int log, const AuditPageRequest& page, std::int64_t below,
                           std::int64_t limit) {
  std::string sql =
      std::string("SELECT a.seq, a.at, a.user_id, COALESCE(u.login, ''), a.organisation_id, a.action, a.entity, "
                  "a.entity_id, a.client, a.detail, COALESCE(u.display_name, ''), COALESCE(o.name, '') FROM ") +
      audit_log_table(kLogs[log]) +
      " a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN organisations o ON o.id = a.organisation_id "
      "WHERE a.seq < ?";
  std::vector<store::Value> params{below};
  auto equal = [&](const char* column, const std::optional<std::string>& value) {
    if (!value) return;
    sql += std::string(" AND ") + column + " = ?";
    params.emplace_back(*value);
  };
  equal("a.organisation_id", page.organisation_id);
  equal("a.user_id", page.user_id);
  equal("a.action", page.action);
  if (page.case_id) about_case(sql, params, *page.case_id);
  if (page.from_utc) {
    sql += " AND a.at >= ?";
    params.emplace_back(*page.from_utc);
  }
  if (page.until_utc) {
    sql += " AND a.at < ?";
    params.emplace_back(*page.until_utc);
  }
  sql += " ORDER BY a.seq DESC LIMIT ?";
  params.emplace_back(limit);
  std::vector<Shown> out;
  for (const auto& r : db.query(sql, params)) {
    std::string action = r.text(5), entity = r.text(6);
    out.push_back({log, r.integer(0), r.text(1),
                   {{"log", audit_log_name(kLogs[log])}, {"seq", r.integer(0)},     {"at", r.text(1)},
                    {"user_id", r.text(2)},              {"user_login", r.text(3)}, {"organisation_id", r.text(4)},
                    {"action", action},                  {"entity", entity},        {"entity_id", r.text(7)},
                    {"client", r.text(8)},               {"detail", r.text(9)},     {"user_name", r.text(10)},
                    {"organisation_name", r.text(11)},
                    {"action_label", domain::audit_action_label(action)},
                    {"entity_label", domain::audit_entity_label(entity)}}});
  }
  return out;
}

// The case an entry is about, if any: the case itself, or the case its
// detail names.
std::optional<std::string> case_of(const nlohmann::json& item) {
  if (item["entity"] == "case" && !item["entity_id"].get<std::string>().empty())
    return item["entity_id"].get<std::string>();
  const std::string& detail = item["detail"].get_ref<const std::string&>();
  if (!detail.starts_with("case ")) return std::nullopt;
  auto end = detail.find(' ', 5);
  return detail.substr(5, end == std::string::npos ? std::string::npos : end - 5);
}

// Adds {id, number, title, may_open} to the items about a case. The title
// is shown only where the reader may open the case; a case of another
// organisation, or any case for an administrator, shows its number alone.
void name_cases(store::Connection& db, const Actor& reader, nlohmann::json& items) {
  std::map<std::string, nlohmann::json> known;
  std::vector<store::Value> ids;
  std::string in;
  for (auto& item : items)
    if (auto id = case_of(item); id && !known.contains(*id)) {
      known[*id] = nullptr;
      ids.emplace_back(*id);
      in += in.empty() ? "?" : ",?";
    }
  if (ids.empty()) return;
  auto policy = case_work_policy();
  for (const auto& r : db.query("SELECT id, organisation_id, title, number_year, number_seq FROM cases WHERE id IN (" +
                                    in + ")",
                                ids)) {
    bool may_open = allows(policy, reader, Target{r.text(1), std::nullopt});
    known[r.text(0)] = {{"id", r.text(0)},
                        {"number", nj(case_number_text(r.opt_integer(3), r.opt_integer(4)))},
                        {"title", may_open ? nlohmann::json(r.text(2)) : nlohmann::json(nullptr)},
                        {"may_open", may_open}};
  }
  for (auto& item : items)
    if (auto id = case_of(item)) item["case"] = known[*id];
}

}  // namespace

nlohmann::json list_audit(store::Connection& db, const Actor& reader, const AuditPageRequest& page) {
  Cursor at;
  if (page.cursor) at = parse_cursor(*page.cursor);
  // limit + 1 from each log: enough to fill the page from either, and to
  // know whether anything follows it.
  std::vector<Shown> from[2] = {page_of(db, 0, page, at.below[0], page.limit + 1),
                                page_of(db, 1, page, at.below[1], page.limit + 1)};
  auto items = nlohmann::json::array();
  std::size_t next[2] = {0, 0};
  Cursor after = at;
  while (static_cast<std::int64_t>(items.size()) < page.limit) {
    bool has0 = next[0] < from[0].size(), has1 = next[1] < from[1].size();
    if (!has0 && !has1) break;
    // The newer head first; at the same moment, the write before the read.
    int take = !has1 ? 0 : !has0 ? 1 : (from[1][next[1]].at > from[0][next[0]].at ? 1 : 0);
    Shown& s = from[take][next[take]++];
    after.below[take] = s.seq;
    items.push_back(std::move(s.item));
  }
  bool more = next[0] < from[0].size() || next[1] < from[1].size();
  nlohmann::json cursor = nullptr;
  if (more) cursor = std::to_string(after.below[0]) + "~" + std::to_string(after.below[1]);
  name_cases(db, reader, items);
  return {{"items", std::move(items)}, {"next_cursor", cursor}};
}

AuditPageRequest read_audit_request(store::Connection& db, const Actor& reader,
                                    const std::map<std::string, std::string>& query) {
  AuditPageRequest page;
  QueryInput in(query);
  page.user_id = in.text("user", "操作した人", 64);
  std::vector<std::string_view> actions;
  for (const auto& t : domain::audit_actions()) actions.push_back(t.code);
  page.action = in.choice("action", "操作", actions);
  page.case_id = in.text("case", "ケース", 64);
  if (auto typed = in.text("case_number", "ケース番号", 40)) {
    auto number = domain::parse_case_number(*typed);
    auto found = number ? db.query_one("SELECT id FROM cases WHERE organisation_id = ? AND number_year = ? AND "
                                       "number_seq = ?",
                                       {reader.organisation_id, std::int64_t{number->fiscal_year}, number->seq})
                        : std::nullopt;
    if (!number)
      in.fail("case_number", "ケース番号は「2026-0012」のように、年度と番号で入力してください。");
    else if (!found)
      in.fail("case_number", "ケース番号「" + domain::format_case_number(*number) + "」のケースは、この組織にはありません。");
    else
      page.case_id = found->text(0);
  }
  auto from = in.date("from", "いつから", {.required = false, .not_future = false});
  auto to = in.date("to", "いつまで", {.required = false, .not_future = false});
  if (from) page.from_utc = domain::tokyo_day_start_utc(*from);
  if (to) page.until_utc = domain::tokyo_day_start_utc(domain::add_days(*to, 1));
  if (from && to && *to < *from) in.fail("to", "「いつまで」は「いつから」と同じ日か、それより後の日にしてください。");
  auto p = in.page(page.limit, 200);
  in.check();
  page.limit = p.limit;
  if (p.cursor) page.cursor = *p.cursor;
  return page;
}

void to_json(nlohmann::json& j, const AuditTrace& t) {
  j = {{"log", t.log},       {"at", t.at},         {"action", t.action},       {"entity", t.entity},
       {"entity_id", t.entity_id}, {"detail", t.detail}, {"user_name", t.user_name}, {"organisation_name", t.organisation_name}};
}

std::vector<AuditTrace> audit_entries_about(store::Connection& db, const std::vector<std::string>& ids,
                                            const std::vector<std::string>& case_ids) {
  std::vector<AuditTrace> out;
  if (ids.empty() && case_ids.empty()) return out;
  std::string where;
  std::vector<store::Value> params;
  if (!ids.empty()) {
    where += "a.entity_id IN (";
    for (std::size_t i = 0; i < ids.size(); ++i) {
      where += i ? ",?" : "?";
      params.emplace_back(ids[i]);
    }
    where += ")";
  }
  // Ids are random_id() text (letters and digits), so no LIKE wildcard can
  // hide in one; the pattern is still a bound value.
  for (const auto& c : case_ids) {
    where += where.empty() ? "" : " OR ";
    where += "a.detail = ? OR a.detail LIKE ?";
    params.emplace_back("case " + c);
    params.emplace_back("case " + c + " %");
  }
  for (AuditLog log : kLogs) {
    std::string sql = std::string("SELECT a.at, a.action, a.entity, a.entity_id, a.detail, COALESCE(u.display_name, ''), "
                                  "COALESCE(o.name, '') FROM ") +
                      audit_log_table(log) +
                      " a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN organisations o ON o.id = a.organisation_id "
                      "WHERE " + where + " ORDER BY a.seq";
    for (const auto& r : db.query(sql, params))
      out.push_back({audit_log_name(log), r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6)});
  }
  // The two logs merged by the time of the act; at the same moment, the
  // write before the read (as the audit screen orders them).
  std::stable_sort(out.begin(), out.end(), [](const AuditTrace& a, const AuditTrace& b) { return a.at < b.at; });
  return out;
}

}  // namespace tsunagu::service
