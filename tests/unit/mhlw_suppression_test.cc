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
report::MhlwCounts people(std::array<std::int64_t, 6> bands) {
  report::MhlwCounts c;
  c.people = bands;
  return c;
}

// The attacker: cells are (organisations, column); everything printed is
// known; every equation of every reachable table is solved while it has
// one unknown. Returns the hidden cells it worked out.
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
      if (auto it = counts.find(id); it != counts.end())
        for (std::size_t b = 0; b < 6; ++b)
          if (c == 6 || c == b) v += it->second.people[b];
    return v;
  };
  std::map<std::string, std::int64_t> known;
  std::set<std::string> hidden;
  std::vector<std::map<std::string, int>> equations;
  auto show = [&](const std::vector<std::string>& ids) {
    auto flags = sup.hidden_of(ids);
    for (std::size_t c = 0; c < 7; ++c) {
      if (ids.empty() || !flags[c]) known[key(ids, c)] = value(ids, c);
      else hidden.insert(key(ids, c));
    }
    std::map<std::string, int> row{{key(ids, 6), -1}};
    for (std::size_t c = 0; c < 6; ++c) row[key(ids, c)] += 1;
    equations.push_back(row);
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
    for (std::size_t c = 0; c < 7; ++c) {
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
  for (bool moved = true; moved;) {
    moved = false;
    for (const auto& e : equations) {
      std::vector<std::pair<std::string, int>> unknown;
      std::int64_t rest = 0;
      for (const auto& [k, a] : e) {
        if (a == 0) continue;
        if (auto it = known.find(k); it != known.end()) rest += a * it->second;
        else unknown.emplace_back(k, a);
      }
      if (unknown.size() != 1) continue;
      known[unknown[0].first] = -rest / unknown[0].second;
      if (hidden.count(unknown[0].first)) solved.insert(unknown[0].first);
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
  EXPECT_TRUE(sup.hidden_of({"station"})[5]);
  EXPECT_TRUE(sup.hidden_of({"centre"})[5]) << "the centre's 2 is below k anyway";
  // With k = 2 the centre's 2 is not small, yet it stays hidden: the
  // city's 年齢不明 (3) is printed, so showing 2 would give away the 1.
  report::MhlwSuppression k2(tree, counts, 2);
  EXPECT_TRUE(k2.hidden_of({"station"})[5]);
  EXPECT_TRUE(k2.hidden_of({"centre"})[5]);
  EXPECT_TRUE(attack(tree, counts, k2).empty());
}

TEST(MhlwSuppression, NothingSmallNothingHidden) {
  report::AreaTree tree({area("jp", std::nullopt, "national", "全国"), area("pref", "jp", "prefecture", "県")},
                        {org("a", "pref"), org("b", "pref")});
  std::map<std::string, report::MhlwCounts> counts{{"a", people({0, 3, 4, 5, 6, 0})}, {"b", people({5, 0, 0, 3, 3, 9})}};
  report::MhlwSuppression sup(tree, counts, 3);
  for (const auto& ids : std::vector<std::vector<std::string>>{{"a"}, {"b"}, {"a", "b"}})
    for (bool h : sup.hidden_of(ids)) EXPECT_FALSE(h);
}

// 300 random trees (国, prefectures, municipalities some of which are
// 指定都市, districts; organisations anywhere) with small random counts:
// every primary cell is hidden, and the attacker recovers none.
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
      counts[oid] = people(bands);
    }
    report::AreaTree tree(areas, orgs);
    report::MhlwSuppression sup(tree, counts, 3);
    for (const auto& o : orgs) {
      auto flags = sup.hidden_of({o.id});
      for (std::size_t b = 0; b < 6; ++b) {
        auto v = counts[o.id].people[b];
        if (v >= 1 && v < 3) {
          EXPECT_TRUE(flags[b]) << "round " << round;
        }
      }
    }
    auto solved = attack(tree, counts, sup);
    EXPECT_TRUE(solved.empty()) << "round " << round << ": " << (solved.empty() ? "" : *solved.begin());
  }
}
