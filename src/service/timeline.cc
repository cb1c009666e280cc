#include "service/timeline.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "domain/validation.h"
#include "service/query_input.h"

namespace tsunagu::service {
namespace {

std::string cursor_of(const TimelineEntry& e) { return e.on + "~" + e.at + "~" + e.key; }

// The registered kinds' names as the error message lists them.
std::string kind_names() {
  std::string out;
  for (const auto& k : timeline_kinds()) out += (out.empty() ? "" : ", ") + std::string(k.name);
  return out;
}

bool registered(const std::string& kind) {
  for (const auto& k : timeline_kinds())
    if (k.name == kind) return true;
  return false;
}

}  // namespace

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

std::string in_brackets(const std::string& s) {
  static const std::string open = "「", close = "」";
  bool quoted = s.size() >= open.size() + close.size() && s.compare(0, open.size(), open) == 0 &&
                s.compare(s.size() - close.size(), close.size(), close) == 0;
  return quoted ? s : open + s + close;
}

std::string plan_name(const std::string& title) {
  return title == "支援計画" ? title : "支援計画" + in_brackets(title);
}

void append_timeline_items(std::vector<nlohmann::json> items, std::vector<TimelineEntry>& out) {
  for (auto& j : items) {
    std::string on = j.value("on", ""), at = j.value("at", ""), key = j.value("ref_id", "") + j.value("kind", "") + at;
    out.push_back(TimelineEntry{std::move(on), std::move(at), std::move(key), std::move(j)});
  }
}

nlohmann::json case_timeline(store::Connection& db, const std::string& case_id,
                             const std::map<std::string, std::string>& query) {
  QueryInput in(query);
  std::set<std::string> kinds;
  if (auto k = in.get("kinds")) {
    std::size_t start = 0;
    while (start <= k->size()) {
      auto comma = k->find(',', start);
      auto one = k->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!registered(one)) {
        in.fail("kinds", "種類「" + excerpt(one, 20) + "」はありません（" + kind_names() + " から選んでください）。");
        break;
      }
      kinds.insert(one);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  } else {
    for (const auto& kind : timeline_kinds()) kinds.emplace(kind.name);
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

  std::vector<TimelineEntry> all;
  for (const auto& k : timeline_kinds())
    if (kinds.count(std::string(k.name))) k.load(db, case_id, all);
  auto key = [](const TimelineEntry& e) { return std::tie(e.on, e.at, e.key); };
  std::sort(all.begin(), all.end(), [&](const TimelineEntry& x, const TimelineEntry& y) { return key(x) > key(y); });

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
