#include "report/export_csv.h"

#include <cstdio>

namespace tsunagu::report {

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
  return out;
}

namespace {

// Whether a spreadsheet could take the cell for a formula: it starts with
// = + - @ (or a tab or CR before one), or with their full-width forms
// ＝ ＋ － ＠, which Excel with a Japanese IME reads as the ASCII ones.
bool looks_like_formula(std::string_view s) {
  if (s.empty()) return false;
  if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') return true;
  for (std::string_view wide : {"\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0"})  // ＝ ＋ － ＠
    if (s.starts_with(wide)) return true;
  return false;
}

}  // namespace

std::string csv_text_field(std::string_view s) {
  if (looks_like_formula(s)) return csv_field("'" + std::string(s));
  return csv_field(s);
}

namespace {

// Numbers plainly (no digit grouping) so Excel reads them as numbers.
std::string cell_text(const Table& t, std::size_t r, std::size_t c) {
  if (t.is_hidden(r, c)) return std::string(kHiddenLabel);
  const Cell& cell = t.rows[r][c];
  if (std::holds_alternative<std::int64_t>(cell)) return std::to_string(std::get<std::int64_t>(cell));
  if (std::holds_alternative<double>(cell)) {
    char buf[64];
    bool rate = t.kind_at(r, c) == ColumnKind::rate;
    std::snprintf(buf, sizeof buf, rate ? "%.1f%%" : "%.1f", std::get<double>(cell) * (rate ? 100.0 : 1.0));
    return buf;
  }
  if (std::holds_alternative<std::string>(cell)) return csv_text_field(std::get<std::string>(cell));
  return "";
}

void line(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += fields[i];
  }
  out += "\r\n";
}

}  // namespace

std::string to_csv(const std::vector<Table>& tables) {
  std::string out(kUtf8Bom);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const Table& t = tables[i];
    if (i) out += "\r\n";
    line(out, {csv_text_field(t.title)});
    for (const auto& c : t.caption) line(out, {csv_text_field(c)});
    std::vector<std::string> header;
    for (const auto& c : t.columns) header.push_back(csv_text_field(c.label));
    line(out, header);
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      for (const auto& g : t.row_groups)
        if (g.row == r) line(out, {csv_text_field(g.label)});
      std::vector<std::string> fields;
      for (std::size_t c = 0; c < t.rows[r].size(); ++c) fields.push_back(cell_text(t, r, c));
      line(out, fields);
    }
    for (const auto& n : t.notes) line(out, {csv_text_field(n)});
  }
  return out;
}

}  // namespace tsunagu::report
