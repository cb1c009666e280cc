// Small-cell suppression decided over every MHLW table one viewer can
// reach (report/mhlw_suppression.h): what one report hides, no other report
// gives away by subtraction.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "report/mhlw_suppression.h"

using namespace tsunagu;

namespace {

service::Area area(std::string id, std::optional<std::string> parent, std::string level, std::string name,
                   std::optional<std::string> code = std::nullopt) {
  return service::Area{std::move(id), std::move(parent), std::move(level), std::move(name), std::move(code),
                       std::nullopt, 1};
}
service::Organisation org(std::string id, std::string area_id) {
  return service::Organisation{id, id, "センター", std::nullopt, std::move(area_id), 1};
}
// Person counts by 年代, and as many 電話 as persons unless told otherwise
// (every person has at least one record).
report::MhlwCounts people(std::array<std::int64_t, 6> bands, std::array<std::int64_t, 5> contacts = {}) {
  report::MhlwCounts c;
  c.people = bands;
  c.contacts = contacts;
  if (contacts == std::array<std::int64_t, 5>{})
    for (auto b : bands) c.contacts[0] += b;
  return c;
}

// The cells of a row as the attacker names them: the six 年代 and 実人数 合計
// (0–6), the five 方法 and 件数 合計 (7–12).
constexpr std::size_t kPeopleTotal = 6, kContactsTotal = 12;

// The attacker: cells are (organisations, column); everything printed is
// known; so is what the 件数 tell about persons — a row with records has
// 1 ≤ 実人数 ≤ 件数 — and that no count is negative. Every equation of every
// reachable table (実人数 and 件数) is solved while it has one unknown, or
// while its unknowns can only all sit at their bounds (two hidden rows whose
// shown sum is 2 are 1 and 1). Returns the hidden cells it worked out.
std::set<std::string> attack(const report::AreaTree& tree, const std::map<std::string, report::MhlwCounts>& counts,
                             const report::MhlwSuppression& sup) {
  auto key = [](const std::vector<std::string>& ids, std::size_t c) {
    std::string k;
    for (const auto& id : ids) k += id + ",";
    return k + "#" + std::to_string(c);
  };
  auto value = [&](const std::vector<std::string>& ids, std::size_t c) {
    std::int64_t v = 0;
    for (const auto& id : ids)
      if (auto it = counts.find(id); it != counts.end()) {
        for (std::size_t b = 0; b < 6; ++b)
          if (c == kPeopleTotal || c == b) v += it->second.people[b];
        for (std::size_t m = 0; m < 5; ++m)
          if (c == kContactsTotal || c == 7 + m) v += it->second.contacts[m];
      }
    return v;
  };
  std::map<std::string, std::int64_t> known, floor;
  std::map<std::string, std::string> ceiling;
  std::set<std::string> hidden;
  std::vector<std::map<std::string, int>> equations;
  auto show = [&](const std::vector<std::string>& ids) {
    auto flags = sup.hidden_of(ids);
    for (std::size_t c = 0; c < 13; ++c) {
      bool h = c < 7 ? flags.people[c] : flags.contacts[c - 7];
      if (ids.empty() || !h) known[key(ids, c)] = value(ids, c);
      else hidden.insert(key(ids, c));
    }
    // A row with records (a hidden cell tells as much as a non-zero one).
    if (value(ids, kPeopleTotal) + value(ids, kContactsTotal) > 0) {
      floor[key(ids, kPeopleTotal)] = floor[key(ids, kContactsTotal)] = 1;
      ceiling[key(ids, kPeopleTotal)] = key(ids, kContactsTotal);
    }
    for (auto [first, total] : {std::pair<std::size_t, std::size_t>{0, kPeopleTotal}, {7, kContactsTotal}}) {
      std::map<std::string, int> row{{key(ids, total), -1}};
      for (std::size_t c = first; c < total; ++c) row[key(ids, c)] += 1;
      equations.push_back(row);
    }
  };
  auto table = [&](const report::MhlwScope& s) {
    for (const auto& u : s.units) show(u.organisation_ids);
    show(report::all_ids(s));
    // The 合計 row = all rows; and the rows outside the 指定都市 block add
    // up to the same organisations as the area's row in the table above
    // (the attacker knows what each row is made of).
    std::vector<std::string> rest;
    for (const auto& u : s.units)
      if (!u.designated_city) rest.insert(rest.end(), u.organisation_ids.begin(), u.organisation_ids.end());
    std::sort(rest.begin(), rest.end());
    for (std::size_t c = 0; c < 13; ++c) {
      std::map<std::string, int> col{{key(report::all_ids(s), c), -1}}, part{{key(rest, c), -1}};
      for (const auto& u : s.units) {
        col[key(u.organisation_ids, c)] += 1;
        if (!u.designated_city) part[key(u.organisation_ids, c)] += 1;
      }
      equations.push_back(col);
      if (!rest.empty()) equations.push_back(part);
    }
  };
  for (const auto& a : tree.areas()) table(tree.scope_of(a));
  for (const auto& o : tree.organisations()) table(report::organisation_scope(o));
  std::set<std::string> solved;
  auto learn = [&](const std::string& k, std::int64_t v) {
    known[k] = v;
    if (hidden.count(k)) solved.insert(k);
  };
  auto top = [&](const std::string& k) -> std::optional<std::int64_t> {
    auto c = ceiling.find(k);
    if (c == ceiling.end()) return std::nullopt;
    auto v = known.find(c->second);
    return v == known.end() ? std::nullopt : std::optional<std::int64_t>(v->second);
  };
  for (bool moved = true; moved;) {
    moved = false;
    for (const auto& k : hidden)  // 件数 合計 0 or 1 tells the 実人数 合計
      if (!known.count(k) && top(k) && *top(k) == floor[k]) learn(k, floor[k]), moved = true;
    for (const auto& e : equations) {
      std::vector<std::pair<std::string, int>> unknown;
      std::int64_t rest = 0;
      for (const auto& [k, a] : e) {
        if (a == 0) continue;
        if (auto it = known.find(k); it != known.end()) rest += a * it->second;
        else unknown.emplace_back(k, a);
      }
      if (unknown.empty()) continue;
      if (unknown.size() == 1) {
        learn(unknown[0].first, -rest / unknown[0].second);
        moved = true;
        continue;
      }
      // Σ a·x = −rest with floor ≤ x ≤ top: at the least or the most it
      // can be, every unknown sits at a bound.
      std::optional<std::int64_t> least = 0, most = 0;
      auto add = [](std::optional<std::int64_t>& sum, std::optional<std::int64_t> v) {
        sum = sum && v ? std::optional<std::int64_t>(*sum + *v) : std::nullopt;
      };
      for (const auto& [k, a] : unknown) {
        std::optional<std::int64_t> low = a * floor[k], high;
        if (auto t = top(k)) high = a * *t;
        add(least, a > 0 ? low : high);
        add(most, a > 0 ? high : low);
      }
      bool at_least = least && *least == -rest, at_most = most && *most == -rest;
      if (!at_least && !at_most) continue;
      for (const auto& [k, a] : unknown) learn(k, (a > 0) == at_least ? floor[k] : *top(k));
      moved = true;
    }
  }
  return solved;
}

}  // namespace

// The case of the issue: a station's 1 in 年齢不明 is hidden in its
// municipality's table; the neighbouring centre's own report printed its 2,
// and the municipality's 合計 row printed 3, so 3 − 2 gave the 1 away.
TEST(MhlwSuppression, ACellHiddenInTheAreaTableIsHiddenInTheChildReportsToo) {
  report::AreaTree tree({area("jp", std::nullopt, "national", "全国"), area("pref", "jp", "prefecture", "県"),
                         area("city", "pref", "municipality", "市"), area("north", "city", "district", "北地区")},
                        {org("centre", "city"), org("station", "north")});
  std::map<std::string, report::MhlwCounts> counts{{"centre", people({0, 3, 4, 5, 6, 2})},
                                                   {"station", people({0, 3, 3, 3, 3, 1})}};
  report::MhlwSuppression sup(tree, counts, 3);
  EXPECT_TRUE(sup.hidden_of({"station"}).people[5]);
  EXPECT_TRUE(sup.hidden_of({"centre"}).people[5]) << "the centre's 2 is below k anyway";
  // With k = 2 the centre's 2 is not small, yet it stays hidden: the
  // city's 年齢不明 (3) is printed, so showing 2 would give away the 1.
  report::MhlwSuppression k2(tree, counts, 2);
  EXPECT_TRUE(k2.hidden_of({"station"}).people[5]);
  EXPECT_TRUE(k2.hidden_of({"centre"}).people[5]);
  EXPECT_TRUE(attack(tree, counts, k2).empty());
}

TEST(MhlwSuppression, NothingSmallNothingHidden) {
  report::AreaTree tree({area("jp", std::nullopt, "national", "全国"), area("pref", "jp", "prefecture", "県")},
                        {org("a", "pref"), org("b", "pref")});
  std::map<std::string, report::MhlwCounts> counts{{"a", people({0, 3, 4, 5, 6, 0})}, {"b", people({5, 0, 0, 3, 3, 9})}};
  report::MhlwSuppression sup(tree, counts, 3);
  for (const auto& ids : std::vector<std::vector<std::string>>{{"a"}, {"b"}, {"a", "b"}})
    for (bool h : sup.hidden_of(ids).people) EXPECT_FALSE(h);
  for (const auto& ids : std::vector<std::vector<std::string>>{{"a"}, {"b"}, {"a", "b"}})
    for (bool h : sup.hidden_of(ids).contacts) EXPECT_FALSE(h);
}

// The reviewer's case: an NPO's one person (40代) in one phone call. Its
// 実人数 row was hidden, but its 件数 合計 of 1 was printed — one record is
// one person, so the 40代 was 1, and the city's 合計 gave the station's
// hidden 合計 by subtraction. A 件数 合計 below k is hidden like a small
// person count, with what would give it back.
TEST(MhlwSuppression, AnOrganisationsSmallContactTotalDoesNotGiveItsPersonsAway) {
  report::AreaTree tree({area("jp", std::nullopt, "national", "全国"), area("pref", "jp", "prefecture", "県"),
                         area("city", "pref", "municipality", "市")},
                        {org("centre", "city"), org("npo", "city"), org("station", "city")});
  std::map<std::string, report::MhlwCounts> counts{{"centre", people({3, 4, 5, 6, 7, 3}, {20, 5, 3, 10, 4})},
                                                   {"npo", people({0, 0, 0, 1, 0, 0}, {1, 0, 0, 0, 0})},
                                                   {"station", people({0, 1, 0, 1, 0, 0}, {6, 0, 0, 3, 1})}};
  report::MhlwSuppression sup(tree, counts, 3);
  auto npo = sup.hidden_of({"npo"});
  EXPECT_TRUE(npo.people[3] && npo.people[6]);
  EXPECT_TRUE(npo.contacts[5]) << "its 件数 合計 of 1";
  EXPECT_TRUE(npo.contacts[0]) << "and its 電話 1, which is that 合計 again";
  EXPECT_TRUE(attack(tree, counts, sup).empty());
}

// Two hidden organisations whose shown 合計 is 2: both are 1, as surely as
// a line with one hidden cell gives it away. One more cell is hidden.
TEST(MhlwSuppression, HiddenRowsThatCanOnlySitAtTheirFloorGetOneMoreHidden) {
  report::AreaTree tree({area("jp", std::nullopt, "national", "全国"), area("pref", "jp", "prefecture", "県")},
                        {org("a", "pref"), org("b", "pref"), org("c", "pref")});
  std::map<std::string, report::MhlwCounts> counts{{"a", people({0, 0, 0, 0, 0, 1}, {4, 0, 0, 0, 0})},
                                                   {"b", people({0, 0, 0, 0, 0, 1}, {4, 0, 0, 0, 0})},
                                                   {"c", people({5, 5, 5, 5, 5, 5}, {40, 0, 0, 0, 0})}};
  report::MhlwSuppression sup(tree, counts, 3);
  EXPECT_TRUE(sup.hidden_of({"a"}).people[6] && sup.hidden_of({"b"}).people[6]);
  EXPECT_TRUE(sup.hidden_of({"c"}).people[6]) << "c's 合計 is hidden too, or a + b = 2 would be 1 + 1";
  EXPECT_TRUE(attack(tree, counts, sup).empty());
}

// 300 random trees (国, prefectures, municipalities some of which are
// 指定都市, districts; organisations anywhere) with small random counts:
// every primary cell is hidden, and the attacker — with what the 件数 tell
// about persons — recovers none.
TEST(MhlwSuppression, RandomTreesTheSubtractionAttackRecoversNothing) {
  std::mt19937 rng(20261206);
  const char* dc_codes[] = {"011002", "041009", "141003", "271004"};
  for (int round = 0; round < 300; ++round) {
    std::vector<service::Area> areas{area("jp", std::nullopt, "national", "全国")};
    std::vector<std::string> ids{"jp"};
    int prefs = 1 + static_cast<int>(rng() % 3);
    for (int p = 0; p < prefs; ++p) {
      std::string pid = "p" + std::to_string(p);
      areas.push_back(area(pid, "jp", "prefecture", pid, "0" + std::to_string(p + 1)));
      ids.push_back(pid);
      int munis = static_cast<int>(rng() % 4);
      for (int m = 0; m < munis; ++m) {
        std::string mid = pid + "m" + std::to_string(m);
        bool dc = rng() % 3 == 0;
        areas.push_back(area(mid, pid, "municipality", mid,
                             dc ? std::optional<std::string>(dc_codes[rng() % 4]) : std::optional<std::string>("9" + std::to_string(m))));
        ids.push_back(mid);
        if (rng() % 2) {
          areas.push_back(area(mid + "d", mid, "district", mid + "d"));
          ids.push_back(mid + "d");
        }
      }
    }
    std::vector<service::Organisation> orgs;
    std::map<std::string, report::MhlwCounts> counts;
    int n = 1 + static_cast<int>(rng() % 7);
    for (int o = 0; o < n; ++o) {
      std::string oid = "o" + std::to_string(o);
      orgs.push_back(org(oid, ids[rng() % ids.size()]));
      std::array<std::int64_t, 6> bands{};
      for (auto& b : bands) b = rng() % 3 == 0 ? 0 : static_cast<std::int64_t>(rng() % 6);
      std::array<std::int64_t, 5> contacts{};  // one to three records per person
      for (auto b : bands)
        for (std::int64_t i = 0, records = b * (1 + static_cast<std::int64_t>(rng() % 3)); i < records; ++i) ++contacts[rng() % 5];
      counts[oid] = people(bands, contacts);
    }
    report::AreaTree tree(areas, orgs);
    report::MhlwSuppression sup(tree, counts, 3);
    for (const auto& o : orgs) {
      auto flags = sup.hidden_of({o.id});
      for (std::size_t b = 0; b < 6; ++b) {
        auto v = counts[o.id].people[b];
        if (v >= 1 && v < 3) {
          EXPECT_TRUE(flags.people[b]) << "round " << round;
        }
      }
    }
    auto solved = attack(tree, counts, sup);
    EXPECT_TRUE(solved.empty()) << "round " << round << ": " << (solved.empty() ? "" : *solved.begin());
  }
}
