#include "report/outcomes.h"

#include "domain/outcome.h"
#include "domain/outing.h"
#include "store/tokyo_day_sql.h"

namespace tsunagu::report {
namespace {

using domain::ProgressDirection;

// Column order of a movement row: 前進, 変化なし, 一時的に戻る.
std::size_t movement_column(ProgressDirection d) {
  switch (d) {
    case ProgressDirection::kForward: return 0;
    case ProgressDirection::kSame: return 1;
    default: return 2;
  }
}

std::vector<Column> movement_columns(const std::string& first_label, const std::string& unit_label) {
  return {{"label", first_label, ColumnKind::text},
          {"forward", "前進", ColumnKind::count, true},
          {"same", "変化なし", ColumnKind::count, true},
          {"back_for_now", "一時的に戻る", ColumnKind::count, true},
          {"total", unit_label, ColumnKind::count, true}};
}

std::vector<Cell> movement_row(const std::string& label, const std::array<std::int64_t, 3>& n) {
  return {label, n[0], n[1], n[2], n[0] + n[1] + n[2]};
}

// The "first against latest" of the axes and of 外出状況, written once: a
// WITH clause defining first_and_latest(item, first_level, latest_level),
// one row per `item` (a goal, a case) of `table` with two or more records
// up to the year's last day, the latest of them in the year. First and
// latest are ordered by `day`, then created_at and id, so they are two
// different records even on one day. `filter` ("column IS NOT NULL AND "
// or "") narrows the records; the names are constants of this file, never
// input. Binds: first_and_latest_binds().
std::string first_and_latest_sql(const char* table, const char* item, const char* level, const char* day,
                                 const char* filter) {
  const std::string i = item, d = day;
  return "WITH r AS (SELECT " + i + " AS item, " + level + " AS level, " + d + " AS on_day, "
         "ROW_NUMBER() OVER (PARTITION BY " + i + " ORDER BY " + d + ", created_at, id) AS first_rank, "
         "ROW_NUMBER() OVER (PARTITION BY " + i + " ORDER BY " + d + " DESC, created_at DESC, id DESC) AS last_rank, "
         "COUNT(*) OVER (PARTITION BY " + i + ") AS n "
         "FROM " + table + " WHERE organisation_id = ? AND " + filter + d + " <= ?), "
         "first_and_latest AS (SELECT f.item, f.level AS first_level, l.level AS latest_level FROM r f "
         "JOIN r l ON l.item = f.item AND l.last_rank = 1 "
         "WHERE f.first_rank = 1 AND f.n >= 2 AND l.on_day >= ?) ";
}

std::vector<store::Value> first_and_latest_binds(const OrganisationYear& s) {
  return {s.organisation_id, domain::format_iso_date(s.last_day), domain::format_iso_date(s.first_day)};
}

Table axes_table(store::Connection& db, const OrganisationYear& s) {
  // One row per (axis, first level, latest level): at most 3 × 5 × 5 rows
  // whatever the size of the database; directions are decided in C++ by the
  // domain rule.
  auto rows = db.query(first_and_latest_sql("plan_progress", "goal_id", "level", "recorded_on", "") +
                           "SELECT g.axis, p.first_level, p.latest_level, COUNT(*) FROM first_and_latest p "
                           "JOIN plan_goals g ON g.id = p.item "
                           "GROUP BY g.axis, p.first_level, p.latest_level",
                       first_and_latest_binds(s));
  std::map<std::string, std::array<std::int64_t, 3>> by_axis;
  for (const auto& r : rows)
    by_axis[r.text(0)][movement_column(domain::movement(static_cast<int>(r.integer(1)),
                                                        static_cast<int>(r.integer(2))))] += r.integer(3);
  Table t;
  t.id = "outcome_axes";
  t.title = "三つの自立の軸：目標の歩み（最初の記録と最新の記録）";
  t.sheet_name = "三つの軸の歩み";
  t.caption = scope_caption(s);
  t.notes = {"支援計画の目標ごとに、年度末までの最初の記録と最新の記録を比べています（記録が2回以上あり、うち1回以上が今年度のもの）。",
             "戻ることも支援の自然な経過です。就労率は指標にしていません。"};
  t.columns = movement_columns("軸", "比べた目標の数");
  std::array<std::int64_t, 3> sum{};
  for (auto axis : domain::kOutcomeAxisValues) {
    auto n = by_axis[std::string(axis)];
    for (std::size_t i = 0; i < 3; ++i) sum[i] += n[i];
    t.rows.push_back(movement_row(std::string(axis), n));
  }
  t.rows.push_back(movement_row("合計", sum));
  t.total_column = 4;
  t.total_row = 3;
  return t;
}

Table outing_table(store::Connection& db, const OrganisationYear& s) {
  auto rows = db.query(first_and_latest_sql("assessments", "case_id", "outing_level", "assessed_on",
                                           "outing_level IS NOT NULL AND ") +
                           "SELECT first_level, latest_level, COUNT(*) FROM first_and_latest "
                           "GROUP BY first_level, latest_level",
                       first_and_latest_binds(s));
  std::array<std::int64_t, 3> n{};
  for (const auto& r : rows) {
    auto first = domain::kOutingLevel.index_of(r.text(0));
    auto latest = domain::kOutingLevel.index_of(r.text(1));
    if (!first || !latest) continue;
    auto d = domain::outing_movement(static_cast<int>(*first), static_cast<int>(*latest));
    if (d) n[movement_column(*d)] += r.integer(2);
  }
  Table t;
  t.id = "outcome_outing";
  t.title = "外出状況の変化（最初のアセスメントと最新のアセスメント）";
  t.sheet_name = "外出状況の変化";
  t.caption = scope_caption(s);
  t.notes = {"外出状況が記録されたアセスメントが2回以上あり、うち1回以上が今年度のケースです。"};
  t.columns = movement_columns("項目", "比べたケースの数");
  t.rows.push_back(movement_row("外出状況", n));
  t.total_column = 4;
  return t;
}

Table stage_table(store::Connection& db, const OrganisationYear& s) {
  auto rows = db.query(
      "SELECT direction, COUNT(*), COUNT(DISTINCT case_id) FROM stage_changes "
      "WHERE organisation_id = ? AND changed_on >= ? AND changed_on <= ? GROUP BY direction",
      {s.organisation_id, domain::format_iso_date(s.first_day), domain::format_iso_date(s.last_day)});
  Table t;
  t.id = "outcome_stage_moves";
  t.title = "段階の移り変わり（今年度の記録）";
  t.sheet_name = "段階の移り変わり";
  t.caption = scope_caption(s);
  t.notes = {"前へ進むことも戻ることも、本人のペースによる自然な動きです。",
             "1つのケースが複数の動きをすることがあるため、ケースの数は合計しません。"};
  t.columns = {{"direction", "動き", ColumnKind::text},
               {"moves", "記録の件数", ColumnKind::count},
               {"cases", "ケースの数", ColumnKind::count, true}};
  for (auto direction : {"前へ", "戻る", "同じ", "最初の段階", "モデルの切り替え"}) {
    std::int64_t moves = 0, cases = 0;
    for (const auto& r : rows)
      if (r.text(0) == direction) moves = r.integer(1), cases = r.integer(2);
    t.rows.push_back({std::string(direction), moves, cases});
  }
  return t;
}

Table met_table(store::Connection& db, const OrganisationYear& s) {
  auto r = db.query_one(
      "SELECT COUNT(*), COALESCE(SUM(met), 0) FROM (SELECT case_id, MAX(subject_met) AS met FROM contacts "
      "WHERE organisation_id = ? AND occurred_at >= ? AND occurred_at < ? GROUP BY case_id) t",
      {s.organisation_id, s.from_utc, s.to_utc});
  std::int64_t all = r->integer(0), met = r->integer(1);
  Table t;
  t.id = "outcome_met";
  t.title = "本人に会えたケース（今年度に相談・支援記録のあるケース）";
  t.sheet_name = "本人に会えたケース";
  t.caption = scope_caption(s);
  t.notes = {"家族だけとのつながりが続くことも、大切な支援です。"};
  t.columns = {{"label", "項目", ColumnKind::text},
               {"met", "本人に会えた", ColumnKind::count, true},
               {"family_only", "家族等のみ", ColumnKind::count, true},
               {"total", "合計", ColumnKind::count, true},
               {"met_rate", "本人に会えた割合", ColumnKind::rate}};
  t.rows.push_back({std::string("ケースの数"), met, all - met, all, rate_cell(met, all)});
  t.total_column = 3;
  return t;
}

Table continuity_table(store::Connection& db, const OrganisationYear& s) {
  std::string sql = std::string("SELECT gap, COUNT(*) FROM (SELECT case_id, occurred_at, day_no - ") +
                    "LAG(day_no) OVER (PARTITION BY case_id ORDER BY occurred_at, id) AS gap FROM (SELECT case_id, id, "
                    "occurred_at, " + store::kTokyoDayFromParts + " AS day_no FROM (SELECT case_id, id, occurred_at, " +
                    store::kTokyoDayParts +
                    " FROM contacts WHERE organisation_id = ? AND occurred_at < ?) p) d) g "
                    "WHERE gap IS NOT NULL AND occurred_at >= ? GROUP BY gap";
  std::vector<std::pair<std::int64_t, std::int64_t>> histogram;
  std::int64_t gaps = 0;
  for (const auto& r : db.query(sql, {s.organisation_id, s.to_utc, s.from_utc})) {
    histogram.emplace_back(r.integer(0), r.integer(1));
    gaps += r.integer(1);
  }
  // Cases with at least one gap: a contact in the year and an earlier one
  // (in the year or before it).
  auto cases = db.query_one(
      "SELECT COUNT(*) FROM (SELECT case_id FROM contacts WHERE organisation_id = ? AND occurred_at < ? "
      "GROUP BY case_id HAVING MAX(occurred_at) >= ? AND "
      "(SUM(CASE WHEN occurred_at >= ? THEN 1 ELSE 0 END) >= 2 OR MIN(occurred_at) < ?)) t",
      {s.organisation_id, s.to_utc, s.from_utc, s.from_utc, s.from_utc});
  auto median = domain::median_from_histogram(std::move(histogram));
  Table t;
  t.id = "outcome_continuity";
  t.title = "つながりの継続（相談・支援記録の間隔）";
  t.sheet_name = "つながりの継続";
  t.caption = scope_caption(s);
  t.notes = {"今年度の各記録について、同じケースの前回の記録からの日数（日本時間の暦日）を数え、その中央値を示します。"};
  t.columns = {{"label", "項目", ColumnKind::text},
               {"intervals", "間隔の数", ColumnKind::count},
               {"cases", "ケースの数", ColumnKind::count, true},
               {"median_days", "間隔の中央値（日）", ColumnKind::number}};
  t.rows.push_back({std::string("相談・支援記録の間隔"), gaps, cases->integer(0),
                    median ? Cell{*median} : Cell{std::monostate{}}});
  return t;
}

}  // namespace

std::vector<Table> outcome_tables(store::Connection& db, const OrganisationYear& scope) {
  return {axes_table(db, scope), outing_table(db, scope), stage_table(db, scope), met_table(db, scope),
          continuity_table(db, scope)};
}

void hide_derived_cells(std::vector<Table>& tables) {
  for (auto& t : tables) {
    if (t.id == "outcome_met" && !t.rows.empty() && t.is_hidden(0, t.column_index("met")))
      hide_cell(t, 0, t.column_index("met_rate"));
    if (t.id == "outcome_continuity" && !t.rows.empty() && t.is_hidden(0, t.column_index("cases")))
      hide_cell(t, 0, t.column_index("median_days"));
  }
}

}  // namespace tsunagu::report
