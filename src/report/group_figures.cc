#include "report/group_figures.h"

#include <map>

#include "domain/fiscal_year.h"

namespace tsunagu::report {
namespace {

domain::Date day(const std::string& iso) { return *domain::parse_iso_date(iso); }

Cell count(std::int64_t v) { return Cell{v}; }

std::vector<Column> month_columns(const std::string& first_label) {
  return {{"label", first_label, ColumnKind::text},
          {"held", "開催回数", ColumnKind::count},
          {"cancelled", "中止", ColumnKind::count},
          {"participants", "実人数", ColumnKind::count, true},
          {"visits", "延べ人数（登録者）", ColumnKind::count},
          {"anonymous_visits", "延べ人数（匿名の人数）", ColumnKind::count},
          {"all_visits", "延べ人数（合計）", ColumnKind::count},
          {"first_time", "初めての参加（登録者）", ColumnKind::count, true},
          {"anonymous_first_time", "初めての参加（匿名）", ColumnKind::count}};
}

std::vector<Cell> month_row(const std::string& label, const domain::GroupMonth& m) {
  return {label,
          count(m.sessions_held),
          count(m.sessions_cancelled),
          count(m.participants),
          count(m.visits),
          count(m.anonymous_visits),
          count(m.visits + m.anonymous_visits),
          count(m.first_time),
          count(m.anonymous_first_time)};
}

std::vector<std::string> caption(const service::Group& g, int fiscal_year) {
  return {domain::fiscal_year_label(fiscal_year), "対象: " + g.name + "（" + g.kind + "・" + g.organisation_name + "）"};
}

}  // namespace

domain::GroupFigures group_figures(store::Connection& db, const std::string& group_id, const domain::Date& first_day,
                                   const domain::Date& last_day) {
  auto from = domain::format_iso_date(first_day), to = domain::format_iso_date(last_day);
  domain::GroupTally tally;
  for (const auto& r : db.query(
           "SELECT held_on, state FROM group_sessions WHERE group_id = ? AND held_on >= ? AND held_on <= ?",
           {group_id, from, to}))
    tally.session(day(r.text(0)), r.text(1));
  // A participant's first visit ever to the group (kept on the participant
  // by every attendance write) decides first-time visitors.
  for (const auto& r : db.query(
           "SELECT a.participant_id, a.held_on, p.side, COALESCE(p.municipality_area_id, ''), p.first_present_on "
           "FROM group_attendance a JOIN group_participants p ON p.id = a.participant_id "
           "WHERE a.group_id = ? AND a.status = '出席' AND a.held_on >= ? AND a.held_on <= ?",
           {group_id, from, to}))
    tally.present(r.text(0), day(r.text(1)), r.text(2), r.text(3), day(r.text(4)));
  for (const auto& r : db.query(
           "SELECT held_on, side, visit, count FROM group_headcounts WHERE group_id = ? AND held_on >= ? AND held_on <= ?",
           {group_id, from, to}))
    tally.headcount(day(r.text(0)), r.text(1), r.text(2), r.integer(3));
  return tally.result();
}

std::vector<Table> group_year_tables(store::Connection& db, const service::Group& g, int fiscal_year,
                                     const domain::GroupFigures& f) {
  std::vector<Table> out;
  Table months;
  months.id = "group_months";
  months.title = "月ごとの開催と参加";
  months.sheet_name = "月別";
  months.caption = caption(g, fiscal_year);
  months.notes = {"※ 実人数は登録した参加者の人数です。匿名の人数は延べ人数にだけ数え、実人数には含めません。",
                  "※ 年度合計の実人数は、年度中に1回以上参加した人の数です（月の実人数の合計ではありません）。"};
  months.columns = month_columns("月");
  auto first = domain::fiscal_year_first_day(fiscal_year);
  for (int i = 0; i < 12; ++i) {
    auto d = domain::add_months(first, i);
    auto it = f.months.find(domain::month_key(d));
    months.rows.push_back(month_row(std::to_string(d.m) + "月", it == f.months.end() ? domain::GroupMonth{} : it->second));
  }
  months.rows.push_back(month_row("年度合計", f.total));
  out.push_back(std::move(months));

  Table sides;
  sides.id = "group_sides";
  sides.title = "本人・家族の別";
  sides.sheet_name = "本人・家族";
  sides.caption = caption(g, fiscal_year);
  sides.columns = {{"label", "区分", ColumnKind::text},
                   {"participants", "実人数", ColumnKind::count, true},
                   {"visits", "延べ人数（登録者）", ColumnKind::count},
                   {"anonymous_visits", "延べ人数（匿名の人数）", ColumnKind::count}};
  auto at = [](const std::map<std::string, int>& m, std::string_view k) {
    auto it = m.find(std::string(k));
    return static_cast<std::int64_t>(it == m.end() ? 0 : it->second);
  };
  for (auto side : domain::kParticipantSideValues)
    sides.rows.push_back({std::string(side), count(at(f.participants_by_side, side)), count(at(f.visits_by_side, side)),
                          count(at(f.anonymous_by_side, side))});
  out.push_back(std::move(sides));

  Table places;
  places.id = "group_municipalities";
  places.title = "お住まいの市町村（登録者の実人数）";
  places.sheet_name = "市町村別";
  places.caption = caption(g, fiscal_year);
  places.notes = {"※ 匿名の人数は住所を聞かないため、この表には含めません。"};
  places.columns = {{"label", "市町村", ColumnKind::text}, {"participants", "実人数", ColumnKind::count, true}};
  std::map<std::string, std::string> names;
  for (const auto& r : db.query("SELECT id, name FROM areas WHERE level = 'municipality'")) names[r.text(0)] = r.text(1);
  std::int64_t unknown = 0;
  for (const auto& [id, n] : f.participants_by_municipality) {
    auto it = names.find(id);
    if (id.empty() || it == names.end()) unknown += n;
    else places.rows.push_back({it->second, count(n)});
  }
  places.rows.push_back({std::string("不明・未記入"), count(unknown)});
  out.push_back(std::move(places));

  Table back;
  back.id = "group_returning";
  back.title = "続けて参加した人";
  back.sheet_name = "継続参加";
  back.caption = caption(g, fiscal_year);
  back.notes = {"※ 年度中に2回以上参加した登録者の割合です。来ない回があっても、その人のペースです。"};
  back.columns = {{"label", "項目", ColumnKind::text},
                  {"participants", "実人数", ColumnKind::count, true},
                  {"returning", "うち2回以上参加", ColumnKind::count, true},
                  {"returning_rate", "2回以上参加の割合", ColumnKind::rate}};
  back.rows.push_back({std::string("登録者"), count(f.total.participants), count(f.returning),
                       rate_cell(f.returning, f.total.participants)});
  out.push_back(std::move(back));
  return out;
}

void hide_group_derived_cells(std::vector<Table>& tables) {
  for (auto& t : tables)
    if (t.id == "group_returning" && !t.rows.empty() &&
        (t.is_hidden(0, t.column_index("participants")) || t.is_hidden(0, t.column_index("returning"))))
      hide_cell(t, 0, t.column_index("returning_rate"));
}

Table organisation_groups_table(store::Connection& db, const std::string& organisation_id, int fiscal_year) {
  Table t;
  t.id = "organisation_groups";
  t.title = "居場所・グループの開催と参加";
  t.sheet_name = "グループ別";
  t.caption = {domain::fiscal_year_label(fiscal_year)};
  t.notes = {"※ 実人数は登録した参加者の人数、匿名の人数は延べ人数にだけ数えます。"};
  t.columns = month_columns("グループ");
  t.columns.insert(t.columns.begin() + 1, Column{"kind", "種類", ColumnKind::text});
  // The same counting rules as GroupTally, as aggregates over every group
  // at once (200 groups × 5 years stay well under 100 ms: bench/groups_figures.sh).
  auto from = domain::format_iso_date(domain::fiscal_year_first_day(fiscal_year));
  auto to = domain::format_iso_date(domain::fiscal_year_last_day(fiscal_year));
  std::map<std::string, domain::GroupMonth> by_group;
  for (const auto& r : db.query(
           "SELECT group_id, state, COUNT(*) FROM group_sessions WHERE organisation_id = ? AND held_on >= ? AND held_on <= ? "
           "GROUP BY group_id, state",
           {organisation_id, from, to})) {
    auto& m = by_group[r.text(0)];
    auto n = static_cast<int>(r.integer(2));
    if (r.text(1) == "実施") m.sessions_held += n;
    else if (r.text(1) == "中止") m.sessions_cancelled += n;
    else m.sessions_planned += n;
  }
  for (const auto& r : db.query(
           "SELECT group_id, COUNT(*), COUNT(DISTINCT participant_id) FROM group_attendance "
           "WHERE group_id IN (SELECT id FROM groups WHERE organisation_id = ?) AND status = '出席' "
           "AND held_on >= ? AND held_on <= ? GROUP BY group_id",
           {organisation_id, from, to})) {
    auto& m = by_group[r.text(0)];
    m.visits = static_cast<int>(r.integer(1));
    m.participants = static_cast<int>(r.integer(2));
  }
  for (const auto& r : db.query(
           "SELECT group_id, COUNT(*) FROM group_participants WHERE organisation_id = ? AND first_present_on >= ? "
           "AND first_present_on <= ? GROUP BY group_id",
           {organisation_id, from, to}))
    by_group[r.text(0)].first_time = static_cast<int>(r.integer(1));
  for (const auto& r : db.query(
           "SELECT group_id, SUM(count), SUM(CASE WHEN visit = '初めて' THEN count ELSE 0 END) FROM group_headcounts "
           "WHERE organisation_id = ? AND held_on >= ? AND held_on <= ? GROUP BY group_id",
           {organisation_id, from, to})) {
    auto& m = by_group[r.text(0)];
    m.anonymous_visits = static_cast<int>(r.integer(1));
    m.anonymous_first_time = static_cast<int>(r.integer(2));
  }
  for (const auto& r : db.query("SELECT id, name, kind FROM groups WHERE organisation_id = ? ORDER BY name, id",
                                {organisation_id})) {
    auto row = month_row(r.text(1), by_group[r.text(0)]);
    row.insert(row.begin() + 1, r.text(2));
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace tsunagu::report
