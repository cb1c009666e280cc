#include "report/export_xlsx.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <xlsxwriter.h>

namespace tsunagu::report {

namespace {

// Code points of UTF-8 text, as byte ranges.
std::vector<std::string> code_points(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string cut(const std::string& s, std::size_t max_points) {
  auto cps = code_points(s);
  std::string out;
  for (std::size_t i = 0; i < cps.size() && i < max_points; ++i) out += cps[i];
  return out;
}

// Removes the temporary file however the export ends.
struct TempFile {
  std::string path;
  TempFile() {
    auto dir = std::filesystem::temp_directory_path() / "tsunagu-xlsx-XXXXXX";
    std::string templ = dir.string();
    int fd = mkstemp(templ.data());
    if (fd < 0) throw std::runtime_error("xlsx: cannot create a temporary file");
    close(fd);
    path = templ;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

void write_table(lxw_workbook* wb, lxw_worksheet* ws, const Table& t, lxw_format* title, lxw_format* header,
                 lxw_format* count, lxw_format* rate, lxw_format* number, lxw_format* hidden) {
  lxw_row_t row = 0;
  worksheet_write_string(ws, row++, 0, t.title.c_str(), title);
  for (const auto& c : t.caption) worksheet_write_string(ws, row++, 0, c.c_str(), nullptr);
  ++row;
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), t.columns[c].label.c_str(), header);
  ++row;
  for (std::size_t r = 0; r < t.rows.size(); ++r, ++row) {
    for (const auto& g : t.row_groups)
      if (g.row == r) worksheet_write_string(ws, row++, 0, g.label.c_str(), header);
    for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
      auto col = static_cast<lxw_col_t>(c);
      if (t.is_hidden(r, c)) {
        worksheet_write_string(ws, row, col, std::string(kHiddenLabel).c_str(), hidden);
        continue;
      }
      const Cell& cell = t.rows[r][c];
      ColumnKind kind = t.kind_at(r, c);
      lxw_format* f = kind == ColumnKind::rate ? rate : kind == ColumnKind::count ? count : number;
      if (std::holds_alternative<std::int64_t>(cell))
        worksheet_write_number(ws, row, col, static_cast<double>(std::get<std::int64_t>(cell)), f);
      else if (std::holds_alternative<double>(cell))
        worksheet_write_number(ws, row, col, std::get<double>(cell), f);
      else if (std::holds_alternative<std::string>(cell))
        worksheet_write_string(ws, row, col, std::get<std::string>(cell).c_str(), nullptr);
    }
  }
  ++row;
  for (const auto& n : t.notes) worksheet_write_string(ws, row++, 0, n.c_str(), nullptr);
  worksheet_set_column(ws, 0, 0, 28, nullptr);
  // Printed as MHLW's tables are: A4 landscape, as wide as one page.
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // 9 = A4 in the OOXML paper sizes
  worksheet_fit_to_pages(ws, 1, 0);
  if (t.columns.size() > 1) worksheet_set_column(ws, 1, static_cast<lxw_col_t>(t.columns.size() - 1), 12, nullptr);
  (void)wb;
}

}  // namespace

std::string sheet_name_for(const std::string& wanted, std::vector<std::string>& taken) {
  std::string clean;
  for (const auto& cp : code_points(wanted))
    clean += (cp.size() == 1 && std::string_view("[]:*?/\\").find(cp[0]) != std::string_view::npos) ? "_" : cp;
  if (clean.empty()) clean = "Sheet";
  std::string name = cut(clean, 31);
  for (int n = 2; std::find(taken.begin(), taken.end(), name) != taken.end(); ++n) {
    std::string suffix = "(" + std::to_string(n) + ")";
    name = cut(clean, 31 - suffix.size()) + suffix;
  }
  taken.push_back(name);
  return name;
}

std::string to_xlsx(const std::vector<Table>& tables) {
  TempFile tmp;
  lxw_workbook* wb = workbook_new(tmp.path.c_str());
  if (!wb) throw std::runtime_error("xlsx: cannot start the workbook");
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 14);
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_CENTER);
  format_set_bg_color(header, 0xE8EEF4);
  lxw_format* count = workbook_add_format(wb);
  format_set_num_format(count, "#,##0");
  lxw_format* rate = workbook_add_format(wb);
  format_set_num_format(rate, "0.0%");
  lxw_format* number = workbook_add_format(wb);
  format_set_num_format(number, "0.0");
  lxw_format* hidden = workbook_add_format(wb);
  format_set_align(hidden, LXW_ALIGN_RIGHT);

  std::vector<std::string> taken;
  for (const auto& t : tables) {
    std::string name = sheet_name_for(t.sheet_name.empty() ? t.title : t.sheet_name, taken);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    if (!ws) {
      workbook_close(wb);
      throw std::runtime_error("xlsx: cannot add sheet " + name);
    }
    write_table(wb, ws, t, title, header, count, rate, number, hidden);
  }
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("xlsx: cannot write the workbook");
  std::ifstream in(tmp.path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace tsunagu::report
