// Which organisations make up each row of an MHLW area table (the rows of
// docs/reports/counting-rules.md §8), decided once here for the report and
// for small-cell suppression over every table a viewer can reach
// (report/mhlw_suppression.h), so both see the same rows.
//
// Rows of an area S: each area directly under S (all organisations of its
// subtree), ordered by domain::mhlw_row_key (prefectures by JIS code); each
// organisation sitting on S itself, by name; then the 指定都市 strictly
// below S as a block of their own, by code (domain/designated_city.h: MHLW
// prints them apart from the prefectures, whose rows then leave them out).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "service/areas.h"
#include "service/organisations.h"

namespace tsunagu::report {

struct MhlwUnit {
  std::string label;                          // area or organisation name
  std::vector<std::string> organisation_ids;  // whose figures add up to the row (sorted)
  bool designated_city = false;               // a row of the 指定都市 block
  std::string ref;                            // "area:<id>" or "organisation:<id>"
};

struct MhlwScope {
  std::string label;       // 「みどり県」, 「みどり市ひきこもり地域支援センター」
  std::string kind_label;  // 「国」, 「都道府県」, 「市区町村」, 「地区」, 「組織」
  std::vector<MhlwUnit> units;
};

// The area tree and the organisations on it, loaded once.
class AreaTree {
 public:
  AreaTree(std::vector<service::Area> areas, std::vector<service::Organisation> organisations);
  static AreaTree load(store::Connection& db);

  const service::Area* find(const std::string& id) const;
  const std::vector<service::Area>& areas() const { return areas_; }
  const std::vector<service::Organisation>& organisations() const { return organisations_; }
  // The scope of area `a` with its rows (above).
  MhlwScope scope_of(const service::Area& a) const;
  // The areas that have at least one organisation in their subtree: the
  // only ones whose tables hold anything but zeros.
  std::vector<const service::Area*> areas_with_organisations() const;

 private:
  std::vector<service::Area> areas_;
  std::vector<service::Organisation> organisations_;
  std::map<std::string, std::size_t> index_;
  // For each organisation: its area, then each area above it, up to the root.
  std::vector<std::vector<std::string>> chains_;
  // Built once, so that the scope of every area (report/mhlw_suppression.h
  // asks for all of them) costs only its own rows:
  std::map<std::string, std::vector<std::size_t>> children_;          // area → areas directly under it
  std::map<std::string, std::vector<std::size_t>> designated_below_;  // area → 指定都市 strictly below it
  // area → (organisation, position of the area in its chain) for every
  // organisation in the area's subtree.
  std::map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> members_;
};

// The one-row scope of an organisation.
MhlwScope organisation_scope(const service::Organisation& o);

// Every organisation of a scope, sorted.
std::vector<std::string> all_ids(const MhlwScope& s);

std::string area_level_label(std::string_view level);

}  // namespace tsunagu::report
