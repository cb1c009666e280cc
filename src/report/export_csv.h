// CSV export of report tables, made for Excel in Japan: UTF-8 with a byte
// order mark (without it Excel reads the file as Shift_JIS and garbles
// every Japanese header), CRLF line ends, RFC 4180 quoting.
//
// Several tables go into one file one after another: the title, the
// caption lines, the header, the rows, the notes, then an empty line.
// Hidden cells are written as 「X」. Text that Excel would run as a formula
// (starting with = + - @, tab or CR) gets a leading apostrophe, the usual
// defence against CSV injection: area and organisation names are typed in
// by people.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/table.h"

namespace tsunagu::report {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// One field, quoted when it holds a comma, a quote, CR or LF (quotes
// doubled). No formula defence: see csv_text_field.
std::string csv_field(std::string_view s);
// A text field typed by people: formula defence, then csv_field.
std::string csv_text_field(std::string_view s);

// The whole file, BOM included.
std::string to_csv(const std::vector<Table>& tables);

}  // namespace tsunagu::report
