#include "report/small_cells.h"

#include <limits>
#include <utility>

namespace tsunagu::report {

bool sees_suppressed_figures(domain::Role role) {
  return role == domain::Role::analyst || role == domain::Role::admin;
}

namespace {

using Pos = std::pair<std::size_t, std::size_t>;

struct Line {
  std::vector<Pos> details;
  std::optional<Pos> total;
};

std::int64_t count_of(const Cell& c) {
  if (std::holds_alternative<std::int64_t>(c)) return std::get<std::int64_t>(c);
  if (std::holds_alternative<double>(c)) return static_cast<std::int64_t>(std::get<double>(c));
  return 0;
}

// The equations of the table: rows against total_column, columns against
// total_row. Without a total there is no equation, hence no line.
std::vector<Line> lines_of(const Table& t) {
  std::vector<std::size_t> detail_cols, detail_rows;
  std::vector<std::size_t> person_cols;
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (!t.columns[c].persons) continue;
    person_cols.push_back(c);
    if (c != t.total_column) detail_cols.push_back(c);
  }
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    if (r != t.total_row) detail_rows.push_back(r);
  std::vector<Line> lines;
  if (t.total_column && t.columns.at(*t.total_column).persons) {
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      Line l;
      for (auto c : detail_cols) l.details.emplace_back(r, c);
      l.total = Pos{r, *t.total_column};
      lines.push_back(std::move(l));
    }
  }
  if (t.total_row) {
    for (auto c : person_cols) {
      Line l;
      for (auto r : detail_rows) l.details.emplace_back(r, c);
      l.total = Pos{*t.total_row, c};
      lines.push_back(std::move(l));
    }
  }
  return lines;
}

}  // namespace

namespace {

// Whether the hidden details of a line with a shown total can take only one
// set of values: all at their floors, or all at their shown ceilings.
std::int64_t floor_of(const CellSystem& s, std::size_t p) { return s.floors.empty() ? 0 : s.floors[p]; }

// The cell bounding `p` from above, if any.
const std::optional<std::size_t>* ceiling_of(const CellSystem& s, std::size_t p) {
  return s.ceilings.empty() || !s.ceilings[p] ? nullptr : &s.ceilings[p];
}

bool pinned_by_bounds(const CellSystem& s, const CellSystem::Line& line, const std::vector<bool>& hidden) {
  std::int64_t above_floor = 0;
  bool below_ceiling = false;
  for (auto p : line.details) {
    if (!hidden[p]) continue;
    above_floor += s.values[p] - floor_of(s, p);
    const auto* c = ceiling_of(s, p);
    if (!c || hidden[**c] || s.values[**c] > s.values[p]) below_ceiling = true;
  }
  return above_floor == 0 || !below_ceiling;
}

}  // namespace

std::vector<bool> suppress_cells(const CellSystem& s, int k) {
  std::vector<bool> hidden(s.values.size(), false);
  if (k <= 1) return hidden;
  // 1. Primary suppression.
  for (std::size_t i = 0; i < s.values.size(); ++i)
    if (s.primary[i] && s.values[i] >= 1 && s.values[i] < k) hidden[i] = true;

  // Whether hiding `p` leaves its line room to move: above its floor and
  // below its ceiling (a cell without bounds: non-zero).
  auto has_room = [&](std::size_t p) {
    const auto* c = ceiling_of(s, p);
    return s.values[p] > floor_of(s, p) && (!c || s.values[**c] > s.values[p]);
  };
  // 2–3. Complementary suppression until every line is safe. The loop ends
  // after a pass that hid nothing, so every line is checked against the
  // final hidden set (a ceiling hidden later only makes a line safer).
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& line : s.lines) {
      int n = 0;
      for (auto p : line.details) n += hidden[p];
      bool total_hidden = line.total && hidden[*line.total];
      n += total_hidden;
      if (n == 0) continue;
      if (n != 1 && (total_hidden || !line.total || !pinned_by_bounds(s, line, hidden))) continue;
      std::optional<std::size_t> pick;
      auto better = [&](std::size_t p) {
        if (!pick) return true;
        bool a_room = has_room(p), b_room = has_room(*pick);
        if (a_room != b_room) return a_room;  // one that unpins the line first
        return s.values[p] < s.values[*pick];
      };
      for (auto p : line.details)
        if (!hidden[p] && better(p)) pick = p;
      if (!pick && line.total && !hidden[*line.total]) pick = line.total;
      if (!pick) continue;  // a line of one member: nothing else to hide
      hidden[*pick] = true;
      changed = true;
    }
  }
  return hidden;
}

void suppress_small_cells(Table& t, int k) {
  t.hidden.assign(t.rows.size(), {});
  for (std::size_t r = 0; r < t.rows.size(); ++r) t.hidden[r].assign(t.rows[r].size(), false);
  if (k <= 1) return;
  // One cell per table cell, numbered row by row; only person cells can be
  // hidden first.
  CellSystem s;
  std::vector<std::size_t> first(t.rows.size() + 1, 0);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    first[r + 1] = first[r] + t.rows[r].size();
    for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
      s.values.push_back(count_of(t.rows[r][c]));
      s.primary.push_back(c < t.columns.size() && t.columns[c].persons);
    }
  }
  auto index = [&](Pos p) { return first[p.first] + p.second; };
  for (const auto& l : lines_of(t)) {
    CellSystem::Line line;
    for (auto p : l.details) line.details.push_back(index(p));
    if (l.total) line.total = index(*l.total);
    s.lines.push_back(std::move(line));
  }
  auto hidden = suppress_cells(s, k);
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    for (std::size_t c = 0; c < t.rows[r].size(); ++c)
      if (hidden[index({r, c})]) {
        t.hidden[r][c] = true;
        // Erase what is hidden, so no later step can print it.
        t.rows[r][c] = std::monostate{};
      }
}

}  // namespace tsunagu::report
