#include "service/audit_listing.h"

#include <charconv>
#include <cstdint>
#include <algorithm>
#include <limits>
#include <vector>

#include "service/audit.h"
#include "service/problem.h"

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

// One log's entries below its position, newest first, at most `limit`.
std::vector<Shown> page_of(store::Connection& db, int log, const AuditPageRequest& page, std::int64_t below,
                           std::int64_t limit) {
  std::string sql =
      std::string("SELECT a.seq, a.at, a.user_id, COALESCE(u.login, ''), a.organisation_id, a.action, a.entity, "
                  "a.entity_id, a.client, a.detail FROM ") +
      audit_log_table(kLogs[log]) +
      " a LEFT JOIN users u ON u.id = a.user_id WHERE a.seq < ?";
  std::vector<store::Value> params{below};
  if (page.organisation_id) {
    sql += " AND a.organisation_id = ?";
    params.emplace_back(*page.organisation_id);
  }
  sql += " ORDER BY a.seq DESC LIMIT ?";
  params.emplace_back(limit);
  std::vector<Shown> out;
  for (const auto& r : db.query(sql, params))
    out.push_back({log, r.integer(0), r.text(1),
                   {{"log", audit_log_name(kLogs[log])}, {"seq", r.integer(0)},     {"at", r.text(1)},
                    {"user_id", r.text(2)},              {"user_login", r.text(3)}, {"organisation_id", r.text(4)},
                    {"action", r.text(5)},               {"entity", r.text(6)},     {"entity_id", r.text(7)},
                    {"client", r.text(8)},               {"detail", r.text(9)}}});
  return out;
}

}  // namespace

nlohmann::json list_audit(store::Connection& db, const AuditPageRequest& page) {
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
  return {{"items", std::move(items)}, {"next_cursor", cursor}};
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
