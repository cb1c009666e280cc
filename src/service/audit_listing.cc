#include "service/audit_listing.h"

#include <algorithm>
#include <charconv>
#include <vector>

#include "service/audit.h"
#include "service/problem.h"

namespace tsunagu::service {
namespace {

// The order is (at, log, seq), newest first: `at` is when the act happened,
// the log's name breaks ties between the logs and seq within one. The
// cursor is the last shown entry's key, "at~log~seq".
struct Key {
  std::string at;
  AuditLog log = AuditLog::main;
  std::int64_t seq = 0;
};

bool before(const Key& a, const Key& b) {  // a comes after b on the screen
  if (a.at != b.at) return a.at < b.at;
  if (a.log != b.log) return std::string_view(audit_log_name(a.log)) < audit_log_name(b.log);
  return a.seq < b.seq;
}

Key parse_cursor(const std::string& c) {
  auto bad = [] { return Problem(400, "invalid_query", "ページの指定 (cursor) が読み取れません。"); };
  auto t1 = c.find('~');
  auto t2 = t1 == std::string::npos ? t1 : c.find('~', t1 + 1);
  if (t2 == std::string::npos || t1 == 0 || t1 > 40) throw bad();
  Key k;
  k.at = c.substr(0, t1);
  std::string log = c.substr(t1 + 1, t2 - t1 - 1);
  if (log == "main") k.log = AuditLog::main;
  else if (log == "reads") k.log = AuditLog::reads;
  else throw bad();
  const char* first = c.data() + t2 + 1;
  const char* last = c.data() + c.size();
  auto [end, ec] = std::from_chars(first, last, k.seq);
  if (ec != std::errc() || end != last || first == last) throw bad();
  return k;
}

struct Shown {
  Key key;
  nlohmann::json item;
};

// One log's entries after the cursor, newest first, at most `limit`.
std::vector<Shown> page_of(store::Connection& db, AuditLog log, const AuditPageRequest& page,
                           const std::optional<Key>& after, std::int64_t limit) {
  std::string table = log == AuditLog::reads ? "reads.audit_log" : "audit_log";
  std::string sql =
      "SELECT a.seq, a.at, a.user_id, COALESCE(u.login, ''), a.organisation_id, a.action, a.entity, a.entity_id, "
      "a.client, a.detail FROM " + table + " a LEFT JOIN users u ON u.id = a.user_id WHERE 1 = 1";
  std::vector<store::Value> params;
  if (page.organisation_id) {
    sql += " AND a.organisation_id = ?";
    params.emplace_back(*page.organisation_id);
  }
  if (after) {
    std::string_view mine = audit_log_name(log), theirs = audit_log_name(after->log);
    if (mine == theirs) {
      sql += " AND (a.at < ? OR (a.at = ? AND a.seq < ?))";
      params.insert(params.end(), {after->at, after->at, after->seq});
    } else if (mine < theirs) {  // at the same moment, this log's entries come after the cursor's
      sql += " AND a.at <= ?";
      params.emplace_back(after->at);
    } else {
      sql += " AND a.at < ?";
      params.emplace_back(after->at);
    }
  }
  sql += " ORDER BY a.at DESC, a.seq DESC LIMIT ?";
  params.emplace_back(limit);
  std::vector<Shown> out;
  for (const auto& r : db.query(sql, params)) {
    Key k{r.text(1), log, r.integer(0)};
    out.push_back({k,
                   {{"log", audit_log_name(log)},  {"seq", r.integer(0)},      {"at", r.text(1)},
                    {"user_id", r.text(2)},        {"user_login", r.text(3)},  {"organisation_id", r.text(4)},
                    {"action", r.text(5)},         {"entity", r.text(6)},      {"entity_id", r.text(7)},
                    {"client", r.text(8)},         {"detail", r.text(9)}}});
  }
  return out;
}

}  // namespace

nlohmann::json list_audit(store::Connection& db, const AuditPageRequest& page) {
  std::optional<Key> after;
  if (page.cursor) after = parse_cursor(*page.cursor);
  // limit + 1 from each log: enough to fill the page from either, and to
  // know whether anything follows it.
  auto merged = page_of(db, AuditLog::main, page, after, page.limit + 1);
  auto reads = page_of(db, AuditLog::reads, page, after, page.limit + 1);
  merged.insert(merged.end(), std::make_move_iterator(reads.begin()), std::make_move_iterator(reads.end()));
  std::sort(merged.begin(), merged.end(), [](const Shown& a, const Shown& b) { return before(b.key, a.key); });
  auto items = nlohmann::json::array();
  nlohmann::json next = nullptr;
  for (std::size_t i = 0; i < merged.size() && static_cast<std::int64_t>(i) < page.limit; ++i)
    items.push_back(std::move(merged[i].item));
  if (static_cast<std::int64_t>(merged.size()) > page.limit) {
    const Key& last = merged[page.limit - 1].key;
    next = last.at + "~" + audit_log_name(last.log) + "~" + std::to_string(last.seq);
  }
  return {{"items", std::move(items)}, {"next_cursor", next}};
}

}  // namespace tsunagu::service
