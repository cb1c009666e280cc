#include "report/mhlw_scope.h"

#include <algorithm>
#include <set>

#include "domain/area_level.h"
#include "domain/designated_city.h"

namespace tsunagu::report {

using service::Area;

std::string area_level_label(std::string_view level) {
  for (const auto& l : domain::kAreaLevels)
    if (l.id == level) return std::string(l.label);
  return std::string(level);
}

AreaTree::AreaTree(std::vector<Area> areas, std::vector<service::Organisation> organisations)
    : areas_(std::move(areas)), organisations_(std::move(organisations)) {
  for (std::size_t i = 0; i < areas_.size(); ++i) index_[areas_[i].id] = i;
  std::sort(organisations_.begin(), organisations_.end(),
            [](const auto& a, const auto& b) { return std::tie(a.name, a.id) < std::tie(b.name, b.id); });
  for (const auto& o : organisations_) {
    std::vector<std::string> chain;
    std::set<std::string> seen;  // a malformed tree must not loop
    for (const Area* a = find(o.area_id); a && seen.insert(a->id).second; a = a->parent_id ? find(*a->parent_id) : nullptr)
      chain.push_back(a->id);
    chains_.push_back(std::move(chain));
  }
}

AreaTree AreaTree::load(store::Connection& db) {
  return AreaTree(service::list_areas(db), service::list_organisations(db));
}

const Area* AreaTree::find(const std::string& id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &areas_[it->second];
}

MhlwScope AreaTree::scope_of(const Area& scope) const {
  auto key = [](const Area* a) { return domain::mhlw_row_key(a->level, a->code, a->name); };
  // The areas that get a row: the children, and the 指定都市 further down.
  std::vector<const Area*> rows;
  for (const auto& a : areas_) {
    if (!a.parent_id) continue;
    if (*a.parent_id == scope.id) {
      rows.push_back(&a);
    } else if (domain::is_designated_city(a.level, a.code)) {
      std::set<std::string> seen;
      for (const Area* up = find(*a.parent_id); up && seen.insert(up->id).second;
           up = up->parent_id ? find(*up->parent_id) : nullptr)
        if (up->id == scope.id) {
          rows.push_back(&a);
          break;
        }
    }
  }
  std::sort(rows.begin(), rows.end(), [&](const Area* x, const Area* y) {
    auto kx = key(x), ky = key(y);
    return kx != ky ? kx < ky : x->id < y->id;
  });
  MhlwScope s{scope.name, area_level_label(scope.level), {}};
  std::map<std::string, std::size_t> unit_of;
  for (const Area* a : rows) {
    unit_of[a->id] = s.units.size();
    s.units.push_back({a->name, {}, domain::is_designated_city(a->level, a->code), "area:" + a->id});
  }
  for (std::size_t o = 0; o < organisations_.size(); ++o) {
    const auto& chain = chains_[o];
    auto at = std::find(chain.begin(), chain.end(), scope.id);
    if (at == chain.end()) continue;  // not under the scope
    if (at == chain.begin()) {
      s.units.push_back({organisations_[o].name, {organisations_[o].id}, false, "organisation:" + organisations_[o].id});
      continue;
    }
    // The row: a 指定都市 on the way up, else the child of the scope.
    std::string row = *(at - 1);
    for (auto it = chain.begin(); it != at; ++it)
      if (auto u = unit_of.find(*it); u != unit_of.end() && s.units[u->second].designated_city) row = *it;
    s.units[unit_of.at(row)].organisation_ids.push_back(organisations_[o].id);
  }
  for (auto& u : s.units) std::sort(u.organisation_ids.begin(), u.organisation_ids.end());
  // The 指定都市 block last, after the organisations on the scope itself.
  std::stable_partition(s.units.begin(), s.units.end(), [](const MhlwUnit& u) { return !u.designated_city; });
  return s;
}

std::vector<const Area*> AreaTree::areas_with_organisations() const {
  std::set<std::string> ids;
  for (const auto& chain : chains_) ids.insert(chain.begin(), chain.end());
  std::vector<const Area*> out;
  for (const auto& a : areas_)
    if (ids.count(a.id)) out.push_back(&a);
  return out;
}

MhlwScope organisation_scope(const service::Organisation& o) {
  return MhlwScope{o.name, "組織", {{o.name, {o.id}, false, "organisation:" + o.id}}};
}

std::vector<std::string> all_ids(const MhlwScope& s) {
  std::vector<std::string> ids;
  for (const auto& u : s.units) ids.insert(ids.end(), u.organisation_ids.begin(), u.organisation_ids.end());
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace tsunagu::report
