// How long small-cell suppression over every reachable MHLW table takes
// (report/mhlw_suppression.h) on a synthetic country: 国, 47 prefectures,
// their municipalities (1,721 like Japan's, 20 of them 指定都市), a few
// districts each, and organisations spread over all levels with small
// random person counts (the worst case: many cells hidden). A report for an
// analyst pays this once per request, on top of reading the figures.
//
//   cmake --build build --target bench_mhlw_suppression
//   build/bench_mhlw_suppression [organisations] [runs]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "domain/designated_city.h"
#include "report/mhlw_suppression.h"

using namespace tsunagu;

int main(int argc, char** argv) {
  int organisations = argc > 1 ? std::atoi(argv[1]) : 2000;
  int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  std::mt19937 rng(7);
  std::vector<service::Area> areas{{"jp", std::nullopt, "national", "全国", std::nullopt, std::nullopt, 1}};
  std::vector<std::string> ids;
  int municipalities = 0;
  for (int p = 1; p <= 47; ++p) {
    char code[8];
    std::snprintf(code, sizeof code, "%02d0000", p);
    std::string pid = "p" + std::to_string(p);
    areas.push_back({pid, "jp", "prefecture", pid, code, std::nullopt, 1});
    ids.push_back(pid);
    for (int m = 0; m < 36 + (p % 2); ++m, ++municipalities) {
      std::string mid = pid + "m" + std::to_string(m);
      char mcode[8];
      std::snprintf(mcode, sizeof mcode, "%02d%03d", p, 200 + m);
      areas.push_back({mid, pid, "municipality", mid, std::string(mcode), std::nullopt, 1});
      ids.push_back(mid);
      for (int d = 0; d < 3; ++d) {
        areas.push_back({mid + "d" + std::to_string(d), mid, "district", mid, std::nullopt, std::nullopt, 1});
        ids.push_back(mid + "d" + std::to_string(d));
      }
    }
  }
  for (const auto& dc : domain::kDesignatedCities) {
    std::string pid = "p" + std::to_string(std::atoi(std::string(dc.code.substr(0, 2)).c_str()));
    areas.push_back({"dc" + std::string(dc.code), pid, "municipality", std::string(dc.name), std::string(dc.code),
                     std::nullopt, 1});
    ids.push_back("dc" + std::string(dc.code));
  }
  std::vector<service::Organisation> orgs;
  std::map<std::string, report::MhlwCounts> counts;
  for (int o = 0; o < organisations; ++o) {
    std::string oid = "o" + std::to_string(o);
    orgs.push_back({oid, oid, "センター", std::nullopt, ids[rng() % ids.size()], 1});
    report::MhlwCounts c;
    for (auto& b : c.people) b = rng() % 4 == 0 ? 0 : static_cast<std::int64_t>(rng() % 40);
    // One to four records per person, over the five 相談方法.
    for (auto p : c.people)
      for (std::int64_t i = 0, n = p * (1 + static_cast<std::int64_t>(rng() % 4)); i < n; ++i) ++c.contacts[rng() % 5];
    counts[oid] = c;
  }
  report::AreaTree tree(areas, orgs);
  std::printf("%zu areas (%d municipalities + 20 指定都市), %d organisations\n", areas.size(), municipalities,
              organisations);
  for (int r = 0; r < runs; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    report::MhlwSuppression sup(tree, counts, 3);
    auto t1 = std::chrono::steady_clock::now();
    std::size_t hidden = 0;
    for (const auto& o : orgs) {
      auto flags = sup.hidden_of({o.id});
      for (bool h : flags.people) hidden += h;
      for (bool h : flags.contacts) hidden += h;
    }
    std::printf("run %d: %.1f ms (%zu hidden cells in organisation rows)\n", r + 1,
                std::chrono::duration<double, std::milli>(t1 - t0).count(), hidden);
  }
}
