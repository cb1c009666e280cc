#include "report/table.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace tsunagu::report {

std::string_view kind_id(ColumnKind k) {
  switch (k) {
    case ColumnKind::text: return "text";
    case ColumnKind::count: return "count";
    case ColumnKind::rate: return "rate";
    case ColumnKind::number: return "number";
  }
  return "text";
}

bool Table::is_hidden(std::size_t r, std::size_t c) const {
  return r < hidden.size() && c < hidden[r].size() && hidden[r][c];
}

std::size_t Table::column_index(std::string_view key) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].key == key) return i;
  throw std::out_of_range("no column " + std::string(key));
}

bool Table::any_hidden() const {
  for (const auto& row : hidden)
    for (bool h : row)
      if (h) return true;
  return false;
}

ColumnKind Table::kind_at(std::size_t r, std::size_t c) const {
  ColumnKind k = c < columns.size() ? columns[c].kind : ColumnKind::text;
  if (k == ColumnKind::text) return k;
  for (auto rr : rate_rows)
    if (rr == r) return ColumnKind::rate;
  return k;
}

nlohmann::json cell_json(const Cell& c) {
  if (std::holds_alternative<std::int64_t>(c)) return std::get<std::int64_t>(c);
  if (std::holds_alternative<double>(c)) return std::get<double>(c);
  if (std::holds_alternative<std::string>(c)) return std::get<std::string>(c);
  return nullptr;
}

void to_json(nlohmann::json& j, const Table& t) {
  auto columns = nlohmann::json::array();
  for (const auto& c : t.columns)
    columns.push_back({{"key", c.key}, {"label", c.label}, {"kind", kind_id(c.kind)}, {"persons", c.persons}});
  auto rows = nlohmann::json::array();
  auto hidden = nlohmann::json::array();
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    auto row = nlohmann::json::array();
    auto flags = nlohmann::json::array();
    for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
      bool h = t.is_hidden(r, c);
      row.push_back(h ? nlohmann::json(nullptr) : cell_json(t.rows[r][c]));
      flags.push_back(h);
    }
    rows.push_back(std::move(row));
    hidden.push_back(std::move(flags));
  }
  j = {{"id", t.id},           {"title", t.title}, {"sheet_name", t.sheet_name},
       {"caption", t.caption}, {"notes", t.notes}, {"columns", std::move(columns)},
       {"rows", std::move(rows)}, {"hidden", std::move(hidden)}, {"rate_rows", t.rate_rows},
       {"hidden_label", kHiddenLabel}};
  auto groups = nlohmann::json::array();
  for (const auto& g : t.row_groups) groups.push_back({{"row", g.row}, {"label", g.label}});
  j["row_groups"] = std::move(groups);
  j["row_refs"] = t.row_refs;
}

namespace {

std::string grouped(std::int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return v < 0 ? "-" + out : out;
}

}  // namespace

std::string display_text(const Table& t, std::size_t r, std::size_t c) {
  if (t.is_hidden(r, c)) return std::string(kHiddenLabel);
  const Cell& cell = t.rows.at(r).at(c);
  ColumnKind kind = t.kind_at(r, c);
  if (std::holds_alternative<std::string>(cell)) return std::get<std::string>(cell);
  if (std::holds_alternative<std::int64_t>(cell)) {
    auto v = std::get<std::int64_t>(cell);
    return kind == ColumnKind::text ? std::to_string(v) : grouped(v);
  }
  if (std::holds_alternative<double>(cell)) {
    double v = std::get<double>(cell);
    char buf[64];
    if (kind == ColumnKind::rate) std::snprintf(buf, sizeof buf, "%.1f%%", v * 100.0);
    else std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
  }
  return "";
}

Cell rate_cell(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return std::monostate{};
  return static_cast<double>(part) / static_cast<double>(whole);
}

void hide_cell(Table& t, std::size_t r, std::size_t c) {
  if (t.hidden.size() < t.rows.size()) t.hidden.resize(t.rows.size());
  if (t.hidden[r].size() < t.columns.size()) t.hidden[r].resize(t.columns.size(), false);
  t.hidden[r][c] = true;
  t.rows[r][c] = std::monostate{};
}

}  // namespace tsunagu::report
