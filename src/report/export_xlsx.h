// xlsx export of report tables (libxlsxwriter): one sheet per table, named
// in Japanese (Table::sheet_name, made valid and unique here), with the
// title, the caption lines (fiscal year in both calendars, the area), the
// header, the rows and the notes. Counts and rates are written as numbers
// (formats "#,##0" and "0.0%") so that staff can keep calculating in
// Excel; hidden cells are the text 「X」.
#pragma once

#include <string>
#include <vector>

#include "report/table.h"

namespace tsunagu::report {

// The bytes of the .xlsx file. Throws std::runtime_error when the library
// fails (disk full in the temporary directory).
std::string to_xlsx(const std::vector<Table>& tables);

// A valid, unique sheet name: characters []:*?/\ replaced by "_", cut to 31
// characters (Excel's limit, counted in UTF-16 units; ours are in the BMP,
// so code points), "(2)", "(3)" … appended on a clash. `taken` is updated.
std::string sheet_name_for(const std::string& wanted, std::vector<std::string>& taken);

}  // namespace tsunagu::report
