#include "report/mhlw_suppression.h"

#include <algorithm>
#include <set>

#include "report/small_cells.h"

namespace tsunagu::report {

namespace {

std::string key_of(const std::vector<std::string>& ids) {
  std::string k;
  for (const auto& id : ids) k += id + "\n";
  return k;
}

// The cells of one node: the six 年代 and 実人数 合計, then the five 方法
// and 件数 合計.
constexpr std::size_t kBands = 6, kPeopleTotal = 6, kChannels = 5, kContactsFirst = 7, kContactsTotal = 12,
                      kCells = 13;
using Values = std::array<std::int64_t, kCells>;

// The cells of the system, one node (set of organisations) at a time.
class Nodes {
 public:
  explicit Nodes(const std::map<std::string, MhlwCounts>& counts) : counts_(counts) {}

  // The node of `ids`, added on first sight; nullopt for a set without any
  // record in the year, whose cells everyone knows to be zero.
  std::optional<std::size_t> of(const std::vector<std::string>& ids) {
    std::string key = key_of(ids);
    if (auto it = index_.find(key); it != index_.end()) return it->second;
    Values v{};
    for (const auto& id : ids)
      if (auto c = counts_.find(id); c != counts_.end()) {
        for (std::size_t b = 0; b < kBands; ++b) v[b] += c->second.people[b];
        for (std::size_t m = 0; m < kChannels; ++m) v[kContactsFirst + m] += c->second.contacts[m];
      }
    for (std::size_t b = 0; b < kBands; ++b) v[kPeopleTotal] += v[b];
    for (std::size_t m = 0; m < kChannels; ++m) v[kContactsTotal] += v[kContactsFirst + m];
    if (v[kPeopleTotal] == 0 && v[kContactsTotal] == 0) return index_[key] = std::nullopt;
    keys_.push_back(key);
    values_.push_back(v);
    return index_[key] = keys_.size() - 1;
  }
  std::size_t size() const { return keys_.size(); }
  const std::string& key(std::size_t n) const { return keys_[n]; }
  std::int64_t value(std::size_t n, std::size_t c) const { return values_[n][c]; }

 private:
  const std::map<std::string, MhlwCounts>& counts_;
  std::map<std::string, std::optional<std::size_t>> index_;
  std::vector<std::string> keys_;
  std::vector<Values> values_;
};

std::size_t cell(std::size_t node, std::size_t column) { return node * kCells + column; }

}  // namespace

std::map<std::string, MhlwCounts> every_organisation_counts(store::Connection& db, const AreaTree& tree,
                                                            int fiscal_year) {
  std::vector<std::string> everyone;
  for (const auto& o : tree.organisations()) everyone.push_back(o.id);
  return mhlw_counts(db, fiscal_year, everyone);
}

MhlwSuppression::MhlwSuppression(const AreaTree& tree, const std::map<std::string, MhlwCounts>& counts, int k) : k_(k) {
  Nodes nodes(counts);
  // Column equations: total node = detail nodes, per table (deduplicated:
  // the same sum reached twice is one equation).
  std::set<std::pair<std::size_t, std::vector<std::size_t>>> sums;
  auto add_sum = [&](std::optional<std::size_t> total, const std::vector<const MhlwUnit*>& units) {
    if (!total) return;
    std::set<std::size_t> details;
    for (const auto* u : units)
      if (auto n = nodes.of(u->organisation_ids); n && *n != *total) details.insert(*n);
    if (!details.empty()) sums.insert({*total, {details.begin(), details.end()}});
  };
  for (const auto& o : tree.organisations()) nodes.of({o.id});
  for (const auto* area : tree.areas_with_organisations()) {
    MhlwScope s = tree.scope_of(*area);
    std::vector<const MhlwUnit*> all, rest;
    std::vector<std::string> rest_ids;
    for (const auto& u : s.units) {
      all.push_back(&u);
      if (u.designated_city) continue;
      rest.push_back(&u);
      rest_ids.insert(rest_ids.end(), u.organisation_ids.begin(), u.organisation_ids.end());
    }
    add_sum(nodes.of(all_ids(s)), all);
    if (rest.size() != all.size()) {
      std::sort(rest_ids.begin(), rest_ids.end());
      add_sum(nodes.of(rest_ids), rest);
    }
  }

  CellSystem system;
  system.values.resize(nodes.size() * kCells);
  system.primary.assign(system.values.size(), false);
  system.floors.assign(system.values.size(), 0);
  system.ceilings.assign(system.values.size(), std::nullopt);
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    for (std::size_t c = 0; c < kCells; ++c) system.values[cell(n, c)] = nodes.value(n, c);
    for (std::size_t c = 0; c <= kPeopleTotal; ++c) system.primary[cell(n, c)] = true;
    system.primary[cell(n, kContactsTotal)] = true;
    // A row with records has at least one contact and one person, and no
    // more persons than contacts and messages.
    for (auto c : {kPeopleTotal, kContactsTotal}) system.floors[cell(n, c)] = std::min<std::int64_t>(1, nodes.value(n, c));
    system.ceilings[cell(n, kPeopleTotal)] = cell(n, kContactsTotal);
  }
  // Row equations first, then the sums, as small_cells.cc orders one table.
  auto row = [&](std::size_t n, std::size_t first, std::size_t count, std::size_t total) {
    CellSystem::Line line;
    for (std::size_t c = first; c < first + count; ++c) line.details.push_back(cell(n, c));
    line.total = cell(n, total);
    system.lines.push_back(std::move(line));
  };
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    row(n, 0, kBands, kPeopleTotal);
    row(n, kContactsFirst, kChannels, kContactsTotal);
  }
  for (const auto& [total, details] : sums)
    for (std::size_t c = 0; c < kCells; ++c) {
      CellSystem::Line line;
      for (auto d : details) line.details.push_back(cell(d, c));
      line.total = cell(total, c);
      system.lines.push_back(std::move(line));
    }

  auto hidden = suppress_cells(system, k);
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    Flags f;
    bool any = false;
    for (std::size_t c = 0; c <= kPeopleTotal; ++c) any |= f.people[c] = hidden[cell(n, c)];
    for (std::size_t c = 0; c <= kChannels; ++c) any |= f.contacts[c] = hidden[cell(n, kContactsFirst + c)];
    if (any) hidden_[nodes.key(n)] = f;
  }
}

MhlwSuppression::Flags MhlwSuppression::hidden_of(const std::vector<std::string>& organisation_ids) const {
  auto it = hidden_.find(key_of(organisation_ids));
  return it == hidden_.end() ? Flags{} : it->second;
}

}  // namespace tsunagu::report
