#include "report/mhlw_suppression.h"

#include <set>

#include "report/small_cells.h"

namespace tsunagu::report {

namespace {

std::string key_of(const std::vector<std::string>& ids) {
  std::string k;
  for (const auto& id : ids) k += id + "\n";
  return k;
}

// The cells of the system, one node (set of organisations) at a time.
class Nodes {
 public:
  explicit Nodes(const std::map<std::string, MhlwCounts>& counts) : counts_(counts) {}

  // The node of `ids`, added on first sight; nullopt for an empty set.
  std::optional<std::size_t> of(const std::vector<std::string>& ids) {
    if (ids.empty()) return std::nullopt;
    auto [it, added] = index_.try_emplace(key_of(ids), keys_.size());
    if (added) {
      keys_.push_back(it->first);
      std::array<std::int64_t, MhlwSuppression::kColumns> v{};
      for (const auto& id : ids)
        if (auto c = counts_.find(id); c != counts_.end())
          for (std::size_t b = 0; b < 6; ++b) v[b] += c->second.people[b];
      for (std::size_t b = 0; b < 6; ++b) v[6] += v[b];
      values_.push_back(v);
    }
    return it->second;
  }
  std::size_t size() const { return keys_.size(); }
  const std::string& key(std::size_t n) const { return keys_[n]; }
  std::int64_t value(std::size_t n, std::size_t c) const { return values_[n][c]; }

 private:
  const std::map<std::string, MhlwCounts>& counts_;
  std::map<std::string, std::size_t> index_;
  std::vector<std::string> keys_;
  std::vector<std::array<std::int64_t, MhlwSuppression::kColumns>> values_;
};

std::size_t cell(std::size_t node, std::size_t column) { return node * MhlwSuppression::kColumns + column; }

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
  system.values.resize(nodes.size() * kColumns);
  system.persons.assign(system.values.size(), true);
  for (std::size_t n = 0; n < nodes.size(); ++n)
    for (std::size_t c = 0; c < kColumns; ++c) system.values[cell(n, c)] = nodes.value(n, c);
  // Row equations first, then the sums, as small_cells.cc orders one table.
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    CellSystem::Line line;
    for (std::size_t c = 0; c + 1 < kColumns; ++c) line.details.push_back(cell(n, c));
    line.total = cell(n, kColumns - 1);
    system.lines.push_back(std::move(line));
  }
  for (const auto& [total, details] : sums)
    for (std::size_t c = 0; c < kColumns; ++c) {
      CellSystem::Line line;
      for (auto d : details) line.details.push_back(cell(d, c));
      line.total = cell(total, c);
      system.lines.push_back(std::move(line));
    }

  auto hidden = suppress_cells(system, k);
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    Flags f{};
    bool any = false;
    for (std::size_t c = 0; c < kColumns; ++c) any |= f[c] = hidden[cell(n, c)];
    if (any) hidden_[nodes.key(n)] = f;
  }
}

MhlwSuppression::Flags MhlwSuppression::hidden_of(const std::vector<std::string>& organisation_ids) const {
  auto it = hidden_.find(key_of(organisation_ids));
  return it == hidden_.end() ? Flags{} : it->second;
}

}  // namespace tsunagu::report
