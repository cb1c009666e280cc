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
  // The areas from `start` up to the root (a malformed tree must not loop).
  auto up_from = [&](const std::string& start) {
    std::vector<std::string> chain;
    std::set<std::string> seen;
    for (const Area* a = find(start); a && seen.insert(a->id).second; a = a->parent_id ? find(*a->parent_id) : nullptr)
      chain.push_back(a->id);
    return chain;
  };
  for (std::size_t i = 0; i < areas_.size(); ++i) {
    const Area& a = areas_[i];
    if (a.parent_id) children_[*a.parent_id].push_back(i);
    if (domain::is_designated_city(a.level, a.code)) {
      auto chain = up_from(a.id);
      for (std::size_t k = 2; k < chain.size(); ++k) designated_below_[chain[k]].push_back(i);  // not its own parent: a child already
    }
  }
  for (std::size_t o = 0; o < organisations_.size(); ++o) {
    chains_.push_back(up_from(organisations_[o].area_id));
    for (std::size_t k = 0; k < chains_.back().size(); ++k) members_[chains_.back()[k]].emplace_back(o, k);
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
  if (auto it = children_.find(scope.id); it != children_.end())
    for (auto i : it->second) rows.push_back(&areas_[i]);
  if (auto it = designated_below_.find(scope.id); it != designated_below_.end())
    for (auto i : it->second) rows.push_back(&areas_[i]);
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
  std::vector<std::pair<std::size_t, std::size_t>> none;
  auto members = members_.find(scope.id);
  for (auto [o, at] : members == members_.end() ? none : members->second) {
    const auto& chain = chains_[o];
    if (at == 0) {
      s.units.push_back({organisations_[o].name, {organisations_[o].id}, false, "organisation:" + organisations_[o].id});
      continue;
    }
    // The row: a 指定都市 on the way up, else the child of the scope.
    std::string row = chain[at - 1];
    for (std::size_t k = 0; k < at; ++k)
      if (auto u = unit_of.find(chain[k]); u != unit_of.end() && s.units[u->second].designated_city) row = chain[k];
    s.units[unit_of.at(row)].organisation_ids.push_back(organisations_[o].id);
  }
  for (auto& u : s.units) std::sort(u.organisation_ids.begin(), u.organisation_ids.end());
  // The 指定都市 block last, after the organisations on the scope itself.
  std::stable_partition(s.units.begin(), s.units.end(), [](const MhlwUnit& u) { return !u.designated_city; });
  return s;
}

std::vector<const Area*> AreaTree::areas_with_organisations() const {
  std::vector<const Area*> out;
  for (const auto& a : areas_)
    if (members_.count(a.id)) out.push_back(&a);
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
