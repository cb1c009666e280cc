// Further lists of a survey's capture–recapture (service/surveys.h): rows
// without names entered by the survey's staff, as JSON or as CSV text.
// Everything is checked before anything is written; the rows never leave
// the server (survey_linkage.cc links them and answers counts only).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/age_band.h"
#include "domain/date.h"
#include "domain/list_row_cells.h"
#include "domain/survey.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/csv_text.h"
#include "service/input.h"
#include "service/problem.h"
#include "service/secrets.h"
#include "service/surveys.h"

namespace tsunagu::service {
namespace {

constexpr std::size_t kMaxRows = 10'000, kMaxErrors = 20;
constexpr std::int64_t kMaxFurtherLists = 3;  // cards + case records + 3 = the estimators' 5

struct FurtherRow {
  std::string district_id, gender, age_band;
  std::optional<std::string> birth_month;  // YYYY-MM
};

// Reads one row's cells; problems are added to `errors` under `where`
// (a field path, or 「n行目」 of the CSV). `district` is an id (JSON) or a
// name or code (CSV): it must be a district of the survey's area.
struct RowReader {
  const Survey& s;
  std::map<std::string, std::string> districts;  // id, name and code → id
  std::vector<FieldError> errors;

  RowReader(store::Connection& db, const Survey& survey) : s(survey) {
    for (const auto& d : s.districts) {
      districts[d.id] = d.id;
      districts[d.name] = d.id;
    }
    for (const auto& r : db.query("SELECT id, code FROM areas WHERE level = 'district' AND code IS NOT NULL", {}))
      if (s.has_district(r.text(0))) districts[r.text(1)] = r.text(0);
  }

  void fail(const std::string& field, const std::string& where, const std::string& detail) {
    if (errors.size() < kMaxErrors) errors.push_back({field, where + detail});
  }

  std::optional<FurtherRow> read(const std::string& district_cell, const std::string& gender_cell, const std::string& band_cell,
                                 const std::string& birth, const std::string& prefix, const std::string& where,
                                 bool csv) {
    const auto before = errors.size();
    const auto field = [&](const char* name) { return csv ? prefix : prefix + "." + name; };
    FurtherRow row;
    const std::string district = csv::trim_wide(district_cell), gender = domain::survey_gender_of(csv::header_key(gender_cell));
    auto d = districts.find(district);
    if (district.empty()) fail(field("district_id"), where, "地区を指定してください。");
    else if (d == districts.end())
      fail(field("district_id"), where, "地区「" + utf8_prefix(district, 60) + "」は、この調査の地域（" + s.area_name + "）の地区ではありません。");
    else row.district_id = d->second;
    if (!domain::kSurveyGender.contains(gender))
      fail(field("gender"), where, "性別「" + utf8_prefix(gender, 30) + "」は選べません（男性・女性・その他・分からない）。");
    row.gender = gender;
    if (!csv::trim_wide(birth).empty()) {
      const auto month = domain::birth_month_of(csv::header_key(birth));
      if (!month || month->first < 1900 || month->first > s.year)
        fail(field("birth_month"), where, "生年月「" + utf8_prefix(birth, 30) + "」を読み取れません（1985-04、1985/4、1985年4月、平成2年3月、S60.4 など）。");
      else
        row.birth_month = std::to_string(month->first) + (month->second < 10 ? "-0" : "-") + std::to_string(month->second);
    }
    const std::string band = csv::header_key(band_cell);
    if (band.empty()) {
      row.age_band = row.birth_month ? band_on(*row.birth_month + "-01", s.ends_on) : std::string(domain::kDontKnow);
      if (row.age_band.empty()) fail(field("birth_month"), where, "生年月から数えて10歳未満の方は、調査の対象外です。");
    } else if (auto b = domain::survey_age_band_of(band)) {
      row.age_band = *b;
    } else {
      fail(field("age_band"), where, "年代「" + utf8_prefix(band_cell, 30) + "」は選べません（10代〜60代、70代以上、分からない。40代・40歳 の形で）。");
    }
    if (errors.size() != before) return std::nullopt;
    return row;
  }
};

std::string cell(const nlohmann::json& o, const char* key) {
  return o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string();
}

std::vector<FurtherRow> rows_from_json(RowReader& reader, const nlohmann::json& list) {
  std::vector<FurtherRow> rows;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string field = "rows[" + std::to_string(i) + "]";
    if (!list[i].is_object()) {
      reader.fail(field, "", "行は {district_id, gender, age_band, birth_month} の形で指定してください。");
      continue;
    }
    const auto& o = list[i];
    if (auto r = reader.read(cell(o, "district_id"), cell(o, "gender"), cell(o, "age_band"), cell(o, "birth_month"), field, "", false))
      rows.push_back(*r);
  }
  return rows;
}

std::vector<FurtherRow> rows_from_csv(RowReader& reader, const std::vector<csv::Record>& records) {
  std::vector<FurtherRow> rows;
  const auto& header = records.at(0).fields;
  const auto district = csv::column_named(header, {"地区", "地区名", "地区コード", "コード"});
  const auto gender = csv::column_named(header, {"性別", "性"});
  const auto band = csv::column_named(header, {"年代", "年齢層", "年齢"});
  const auto birth = csv::column_named(header, {"生年月", "生年月日"});
  if (!district || !gender || (!band && !birth)) {
    reader.fail("csv", "", "1行目に「地区」、「性別」と、「年代」または「生年月」の列が必要です（名前・住所の列は使いません）。");
    return rows;
  }
  for (std::size_t n = 1; n < records.size(); ++n) {
    const auto& f = records[n].fields;
    const auto at = [&f](std::optional<std::size_t> c) { return c && *c < f.size() ? f[*c] : std::string(); };
    if (auto r = reader.read(at(district), at(gender), at(band), at(birth), "csv", std::to_string(records[n].line) + "行目: ", true))
      rows.push_back(*r);
  }
  return rows;
}

nlohmann::json list_json(const store::Row& r) {
  return {{"id", r.text(0)}, {"name", r.text(1)}, {"rows", r.integer(2)}, {"created_at", r.text(3)}};
}

}  // namespace

std::string band_on(const std::string& birth_date, const std::string& on) {
  auto b = domain::parse_iso_date(birth_date);
  auto d = domain::parse_iso_date(on);
  if (!b || !d) return "";
  auto age = domain::age_on(*b, *d);
  if (!age || *age < 10) return "";
  if (*age >= 70) return "70代以上";
  return std::to_string(*age / 10 * 10) + "代";
}

nlohmann::json further_lists(store::Connection& db, const Survey& s) {
  auto items = nlohmann::json::array();
  for (const auto& r : db.query("SELECT id, name, row_count, created_at FROM survey_further_lists WHERE survey_id = ? ORDER BY created_at, id",
                                {s.id}))
    items.push_back(list_json(r));
  return {{"items", items}, {"max_lists", kMaxFurtherLists}, {"max_rows", kMaxRows}};
}

nlohmann::json add_further_list(store::Connection& db, const Actor& actor, const Survey& s, const nlohmann::json& body) {
  Input in(body);
  const auto name = in.text("name", "名簿の名前", {.required = true, .max = 40});
  const bool has_rows = body.contains("rows") && !body["rows"].is_null();
  const bool has_csv = body.contains("csv") && !body["csv"].is_null();
  std::vector<csv::Record> records;
  if (has_rows == has_csv) {
    in.fail("rows", "名簿の行（rows）か CSV（csv）のどちらか一方を指定してください。");
  } else if (has_rows && (!body["rows"].is_array() || body["rows"].empty())) {
    in.fail("rows", "名簿の行を1行以上指定してください。");
  } else if (has_rows && body["rows"].size() > kMaxRows) {
    in.fail("rows", "名簿は" + std::to_string(kMaxRows) + "行までにしてください。");
  } else if (has_csv) {
    const auto text = csv::read_text(in, body, "csv", csv::kMaxCsvBytes);
    if (!text.empty()) records = csv::records_of(text, kMaxRows + 1);  // the header and the rows
    if (records.size() > kMaxRows + 1) in.fail("csv", "名簿は" + std::to_string(kMaxRows) + "行までにしてください。");
  }
  const auto count = db.query_one("SELECT COUNT(*) FROM survey_further_lists WHERE survey_id = ?", {s.id})->integer(0);
  if (count >= kMaxFurtherLists)
    in.fail("name", "追加の名簿は" + std::to_string(kMaxFurtherLists) + "つまでです。使わない名簿を削除してから登録してください。");
  in.check();
  RowReader reader(db, s);
  const auto rows = has_rows ? rows_from_json(reader, body["rows"]) : rows_from_csv(reader, records);
  if (reader.errors.empty() && rows.empty()) reader.fail(has_rows ? "rows" : "csv", "", "取り込める行がありません。");
  if (!reader.errors.empty()) throw invalid(reader.errors);
  const std::string id = random_id(), now = now_utc();
  db.execute("INSERT INTO survey_further_lists (id, survey_id, organisation_id, name, row_count, created_by, created_at) "
             "VALUES (?,?,?,?,?,?,?)",
             {id, s.id, s.organisation_id, name, static_cast<std::int64_t>(rows.size()), actor.user_id, now});
  std::int64_t n = 0;
  for (const auto& r : rows)
    db.execute("INSERT INTO survey_further_list_rows (list_id, row_no, district_id, gender, age_band, birth_month) VALUES (?,?,?,?,?,?)",
               {id, ++n, r.district_id, r.gender, r.age_band,
                r.birth_month ? store::Value(*r.birth_month) : store::Value{}});
  audit(db, actor, {"create", "survey_further_list", id, name + " " + std::to_string(rows.size()) + "行"});
  return list_json(*db.query_one("SELECT id, name, row_count, created_at FROM survey_further_lists WHERE id = ?", {id}));
}

void delete_further_list(store::Connection& db, const Actor& actor, const Survey& s, const std::string& list_id) {
  auto r = db.query_one("SELECT name FROM survey_further_lists WHERE id = ? AND survey_id = ?", {list_id, s.id});
  if (!r) throw not_found();
  db.execute("DELETE FROM survey_further_list_rows WHERE list_id = ?", {list_id});
  db.execute("DELETE FROM survey_further_lists WHERE id = ?", {list_id});
  audit(db, actor, {"delete", "survey_further_list", list_id, r->text(0)});
}

}  // namespace tsunagu::service
