// CSV text as staff upload it (a municipality's 住民基本台帳 export, a
// 地域包括支援センター's list): the browser decodes the file (UTF-8 or
// Shift_JIS) and sends the text in a JSON body; these read it. Used by
// population_import.cc and survey_further_lists.cc.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/input.h"

namespace tsunagu::service::csv {

// The largest CSV file an import reads, in bytes of text.
inline constexpr std::size_t kMaxCsvBytes = 2'000'000;
// The largest request body of a route that takes a CSV file: the file
// travels as a JSON string, where every line break and quote is written
// as two characters, so a file of kMaxCsvBytes needs up to twice that,
// plus the other fields. Routes set it (http::Route::max_body_bytes) so
// that a file the importer admits is never refused by the server first.
inline constexpr std::size_t kMaxCsvBodyBytes = 2 * kMaxCsvBytes + 64 * 1024;

// The body's `field` as CSV text: present, a non-empty string of at most
// `max_bytes`, without a leading UTF-8 BOM, and not mis-decoded (a U+FFFD
// replacement character means the file was read in the wrong encoding).
// Problems are added to `in` (the caller calls in.check()).
std::string read_text(Input& in, const nlohmann::json& body, const std::string& field, std::size_t max_bytes);

// One record of a CSV file: its fields (trimmed of spaces and tabs) and the
// line of the file it starts on (1-based, as a spreadsheet numbers rows
// when every record is one line).
struct Record {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

// The text's records as RFC 4180 reads them: quoted fields may hold commas,
// doubled quotes and line breaks; lines end in \r\n, \n or a lone \r (the
// old Mac Excel). Records whose fields are all blank (the ",,,," rows Excel
// leaves at the end of a sheet) are left out. At most `max_records` + 1,
// so that the caller can tell "too many".
std::vector<Record> records_of(const std::string& text, std::size_t max_records);

// A header cell as written by hand, for comparing whole names: spaces
// (half- and full-width) removed, full-width ASCII letters, digits and
// brackets made half-width, so that 「氏　名」, 「生年月日 」 and
// 「所要時間（分）」 compare equal to 氏名, 生年月日 and 所要時間(分).
std::string header_key(const std::string& cell);

// `s` without leading and trailing spaces, tabs and full-width spaces
// (U+3000): 「東町　」 as a cell typed in a Japanese spreadsheet.
std::string trim_wide(const std::string& s);

// The index of the first column of `header` whose header_key is one of
// `names`, trying the names in order (the first is preferred): whole names,
// so 集計日 is never taken for 計 nor 男性人口 for 人口.
std::optional<std::size_t> column_named(const std::vector<std::string>& header, std::initializer_list<const char*> names);

// Full-width digits (０–９) to ASCII; other bytes kept.
std::string ascii_digits(const std::string& s);

// Leading whole number of `s` from `from` and where it ends; nullopt when none.
std::optional<std::pair<long, std::size_t>> leading_number(const std::string& s, std::size_t from = 0);

}  // namespace tsunagu::service::csv
