#include "service/ledger_import.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "domain/written_date.h"
#include "service/audit.h"
#include "service/cases.h"
#include "service/clock.h"
#include "service/contacts.h"
#include "service/csv_text.h"
#include "service/ledger_columns.h"
#include "service/problem.h"

namespace tsunagu::service {
namespace {

using ledger::Column;
using Json = nlohmann::json;

// Problems reported at most: enough to see what is wrong with a column,
// not a page per row of a ledger saved in the wrong layout.
constexpr std::size_t kMaxErrors = 50;

struct Row {
  std::size_t line = 0;
  std::array<std::string, ledger::kColumnCount> cells;
  const std::string& operator[](Column c) const { return cells[static_cast<std::size_t>(c)]; }
};

// A row's consultation, read and checked.
struct Consultation {
  const Row* row = nullptr;
  std::string occurred_at;  // UTC, as contacts store it
  domain::Date day;
  ledger::Channel channel;
  std::string counterpart;
  bool subject_met = false;
  std::optional<long> minutes;
  std::string staff_user_id;
};

// One case: the rows that share a 台帳番号 (or 氏名 and 生年月日).
struct Case {
  std::string number;
  std::vector<const Row*> rows;
  std::vector<Consultation> consultations;
  Json body;
};


// A cell as the export wrote it: report::csv_text_field puts a quote before
// a text that a spreadsheet would take for a formula ('=…, '-…); the
// person wrote the text without it.
std::string unguarded(const std::string& cell) {
  if (cell.size() > 1 && cell[0] == '\'' && std::string_view("=+-@\t\r").find(cell[1]) != std::string_view::npos)
    return cell.substr(1);
  return cell;
}

class Reader {
 public:
  Reader(store::Connection& db, const Actor& actor) : actor_(actor), today_(*domain::parse_iso_date(today_tokyo())) {
    // Staff are written by name in ledgers; 「鈴木 けい」 and 「鈴木けい」 are one person.
    for (const auto& r : db.query("SELECT id, display_name FROM users WHERE organisation_id = ? AND active = 1 "
                                  "AND role IN ('coordinator', 'supervisor')",
                                  {actor.organisation_id}))
      staff_[csv::header_key(r.text(1))] = r.text(0);
  }

  void fail(std::size_t line, std::optional<Column> c, std::string detail) {
    if (errors.size() >= kMaxErrors) return;
    std::string where = std::to_string(line) + "行目";
    if (c) where += " " + std::string(ledger::label(*c));
    errors.push_back({std::move(where), std::move(detail)});
  }

  std::optional<domain::Date> date(const Row& r, Column c) {
    if (r[c].empty()) return std::nullopt;
    auto d = domain::parse_written_date(r[c]);
    if (!d) fail(r.line, c, "「" + r[c] + "」を日付として読めません（例: 2023/4/1、令和5年4月1日、R5.4.1）。");
    else if (today_ < *d) fail(r.line, c, "まだ来ていない日付です（" + r[c] + "）。");
    return d;
  }

  std::optional<Consultation> consultation(const Row& r) {
    Consultation x;
    x.row = &r;
    auto day = date(r, Column::date);
    if (!day) return std::nullopt;
    x.day = *day;
    int minute = 0;
    if (!r[Column::time].empty()) {
      auto t = domain::parse_written_time(r[Column::time]);
      if (!t) fail(r.line, Column::time, "「" + r[Column::time] + "」を時刻として読めません（例: 14:30、14時30分）。");
      else minute = *t;
    }
    // The Tokyo wall-clock time of the ledger, as UTC.
    auto at = std::chrono::sys_days(std::chrono::days(domain::days_since_epoch(*day))) + std::chrono::minutes(minute) -
              std::chrono::hours(9);
    x.occurred_at = format_utc(std::chrono::time_point_cast<std::chrono::system_clock::duration>(at));
    if (format_utc(now()) < x.occurred_at) fail(r.line, Column::time, "まだ来ていない時刻です。");
    if (auto ch = ledger::channel_of(r[Column::channel])) {
      x.channel = *ch;
      if (!r[Column::sub_kind].empty()) x.channel.sub_kind = r[Column::sub_kind];
    } else {
      fail(r.line, Column::channel,
           r[Column::channel].empty() ? "相談方法を入れてください（電話・メール・SNS・来所・訪問など）。"
                                      : "「" + r[Column::channel] + "」は相談方法として読めません（電話・メール・SNS・来所・訪問など）。");
    }
    if (auto who = ledger::counterpart_of(r[Column::counterpart])) {
      x.counterpart = *who;
    } else {
      fail(r.line, Column::counterpart,
           r[Column::counterpart].empty() ? "相談者（本人・母・関係機関など）を入れてください。"
                                          : "「" + r[Column::counterpart] + "」は相談者として読めません（本人・父・母・きょうだい・関係機関など）。");
    }
    // Without the column: a visit to the 窓口 by 本人 is a meeting with them.
    x.subject_met = x.counterpart == "本人" && x.channel.channel == "来所";
    if (!r[Column::subject_met].empty()) {
      if (auto met = ledger::yes_no_of(r[Column::subject_met])) x.subject_met = *met;
      else fail(r.line, Column::subject_met, "「はい」か「いいえ」で入れてください。");
    }
    if (!r[Column::minutes].empty()) {
      const std::string m = domain::half_width(r[Column::minutes]);
      auto n = csv::leading_number(m);
      if (!n || n->second != m.size() || n->first > 24 * 60) fail(r.line, Column::minutes, "所要時間は分の数（0〜1440）で入れてください。");
      else x.minutes = n->first;
    }
    x.staff_user_id = actor_.user_id;
    if (!r[Column::staff].empty()) {
      auto s = staff_.find(csv::header_key(r[Column::staff]));
      if (s == staff_.end())
        fail(r.line, Column::staff, "「" + r[Column::staff] + "」さんが、この組織の相談員・所長等に見つかりません（表示名で入れてください）。");
      else x.staff_user_id = s->second;
    }
    return x;
  }

  // The case's own fields: from the first of its rows that has each.
  void case_body(Case& k) {
    auto first = [&](Column c) -> const Row* {
      for (const Row* r : k.rows)
        if (!(*r)[c].empty()) return r;
      return nullptr;
    };
    auto text = [&](Column c) { const Row* r = first(c); return r ? (*r)[c] : std::string(); };
    const Row& head = *k.rows.front();
    Json subject = {{"naming", "anonymous"}};
    if (const Row* r = first(Column::name)) {
      subject = {{"naming", "named"}, {"name", (*r)[Column::name]}};
      if (auto f = text(Column::furigana); !f.empty()) subject["furigana"] = f;
    }
    if (const Row* r = first(Column::sex)) {
      if (auto s = ledger::sex_of((*r)[Column::sex])) subject["sex"] = *s;
      else fail(r->line, Column::sex, "「" + (*r)[Column::sex] + "」は性別として読めません（男性・女性・その他・回答しない・不明）。");
    }
    if (const Row* r = first(Column::birth_date)) {
      if (auto d = date(*r, Column::birth_date)) subject["birth_date"] = domain::format_iso_date(*d);
    } else if (const Row* a = first(Column::age_band)) {
      // A ledger may hold both; the birth date says more, so the band is left.
      if (auto b = ledger::age_band_of((*a)[Column::age_band])) subject["age_band"] = *b;
      else fail(a->line, Column::age_band, "「" + (*a)[Column::age_band] + "」は年代として読めません（例: 40代、45歳、不明）。");
    }
    std::optional<domain::Date> opened;
    if (const Row* r = first(Column::opened_on)) opened = date(*r, Column::opened_on);
    for (const auto& c : k.consultations)
      if (!opened || c.day < *opened) opened = c.day;
    if (!opened) fail(head.line, Column::opened_on, "受付日か相談日を入れてください。");
    std::string route;
    if (const Row* r = first(Column::route)) {
      if (auto v = ledger::route_of((*r)[Column::route])) route = *v;
      else fail(r->line, Column::route, "「" + (*r)[Column::route] + "」は相談経路として読めません（本人・家族・関係機関・民生委員・地域住民・学校・その他）。");
    } else {
      route = k.consultations.empty() ? "その他" : ledger::route_from_counterpart(k.consultations.front().counterpart);
    }
    std::string title = text(Column::title);
    if (title.empty()) title = subject.contains("name") ? subject["name"].get<std::string>() + "さん" : "";
    if (title.empty()) title = k.number.empty() ? "台帳 " + std::to_string(head.line) + "行目" : "台帳 " + k.number;
    k.body = {{"title", title}, {"intake_route", route}, {"subject", subject}};
    if (opened) k.body["opened_on"] = domain::format_iso_date(*opened);
    if (!k.consultations.empty()) k.body["staff_ids"] = Json::array({k.consultations.back().staff_user_id});
  }

  std::vector<FieldError> errors;

 private:
  const Actor& actor_;
  domain::Date today_;
  std::map<std::string, std::string> staff_;
};

// What create_case and create_contact call a field, as the ledger's column.
std::optional<Column> column_of_field(const std::string& field) {
  static const std::map<std::string, Column> kFields = {
      {"title", Column::title},           {"intake_route", Column::route},        {"opened_on", Column::opened_on},
      {"subject.name", Column::name},     {"subject.furigana", Column::furigana}, {"subject.sex", Column::sex},
      {"subject.birth_date", Column::birth_date}, {"subject.age_band", Column::age_band},
      {"occurred_at", Column::date},      {"channel", Column::channel},           {"sub_kind", Column::sub_kind},
      {"counterpart", Column::counterpart}, {"duration_minutes", Column::minutes}, {"note", Column::note},
      {"staff_user_id", Column::staff},   {"staff_ids", Column::staff}};
  auto f = kFields.find(field);
  if (f == kFields.end()) return std::nullopt;
  return f->second;
}

// Runs `write`; a refusal of the service is said of the ledger's row.
template <typename F>
void at_row(std::size_t line, F&& write) {
  try {
    write();
  } catch (const Problem& p) {
    if (p.status != 400) throw;
    std::vector<FieldError> errors;
    for (const auto& e : p.errors) {
      auto c = column_of_field(e.field);
      errors.push_back({std::to_string(line) + "行目" + (c ? " " + std::string(ledger::label(*c)) : ""), e.detail});
    }
    if (errors.empty()) errors.push_back({std::to_string(line) + "行目", p.detail});
    throw invalid(std::move(errors));
  }
}

}  // namespace

Policy ledger_import_policy() {
  return policy({{domain::Role::coordinator, Reach::own_organisation}, {domain::Role::supervisor, Reach::own_organisation}});
}

LedgerImport import_ledger(store::Connection& db, const SealKey& key, const Actor& actor, const std::string& text) {
  const auto records = csv::records_of(text, kLedgerMaxRows + 1);
  if (records.size() < 2) throw invalid({{"1行目", "見出しの行と、1行以上の記録が必要です。"}});
  if (records.size() > kLedgerMaxRows + 1)
    throw invalid({{"", "一度に取り込めるのは" + std::to_string(kLedgerMaxRows) + "行までです。年度ごとなどに分けてください。"}});

  Reader reader(db, actor);
  std::array<std::optional<std::size_t>, ledger::kColumnCount> where;
  const auto& header = records.front().fields;
  for (std::size_t i = 0; i < header.size(); ++i) {
    auto c = ledger::column_named(header[i]);
    if (!c) continue;
    auto& w = where[static_cast<std::size_t>(*c)];
    if (w) reader.fail(1, *c, "同じ意味の列が2つあります（「" + header[*w] + "」と「" + header[i] + "」）。どちらか一方にしてください。");
    else w = i;
  }
  auto has = [&](Column c) { return where[static_cast<std::size_t>(c)].has_value(); };
  if (!has(Column::date) && !has(Column::opened_on))
    reader.fail(1, std::nullopt, "相談日（または受付日）の列が見つかりません。見出しの行に「相談日」と書いてください。");
  if (has(Column::date) && !has(Column::channel)) reader.fail(1, Column::channel, "相談方法の列が見つかりません。");
  if (has(Column::date) && !has(Column::counterpart)) reader.fail(1, Column::counterpart, "相談者の列が見つかりません。");
  if (!reader.errors.empty()) throw invalid(reader.errors);

  std::vector<Row> rows;
  rows.reserve(records.size() - 1);
  for (std::size_t n = 1; n < records.size(); ++n) {
    Row r;
    r.line = records[n].line;
    for (std::size_t c = 0; c < ledger::kColumnCount; ++c)
      if (where[c] && *where[c] < records[n].fields.size()) r.cells[c] = unguarded(records[n].fields[*where[c]]);
    rows.push_back(std::move(r));
  }

  // Rows to cases, in the order they first appear.
  std::vector<Case> cases;
  std::map<std::string, std::size_t> by_key;
  for (const Row& r : rows) {
    std::string k = !r[Column::number].empty() ? "#" + r[Column::number]
                    : !r[Column::name].empty() ? "@" + csv::header_key(r[Column::name]) + "\x1f" + r[Column::birth_date]
                                               : "row" + std::to_string(r.line);
    auto [it, added] = by_key.emplace(k, cases.size());
    if (added) cases.push_back(Case{r[Column::number], {}, {}, {}});
    Case& c = cases[it->second];
    c.rows.push_back(&r);
    // A row without a 相談日 is the case alone, when the ledger has 受付日.
    if (!r[Column::date].empty()) {
      if (auto x = reader.consultation(r)) c.consultations.push_back(std::move(*x));
    } else if (!has(Column::opened_on)) {
      reader.fail(r.line, Column::date, "相談日を入れてください。");
    }
  }
  for (auto& c : cases) reader.case_body(c);
  if (!reader.errors.empty()) throw invalid(reader.errors);

  LedgerImport done;
  for (auto& c : cases) {
    std::string case_id;
    at_row(c.rows.front()->line, [&] { case_id = create_case(db, key, actor, c.body).summary.id; });
    ++done.cases;
    if (c.body["subject"]["naming"] == "named") ++done.named;
    for (const auto& x : c.consultations) {
      Json body = {{"occurred_at", x.occurred_at},     {"channel", x.channel.channel}, {"counterpart", x.counterpart},
                   {"subject_met", x.subject_met},     {"staff_user_id", x.staff_user_id}};
      if (x.channel.sub_kind) body["sub_kind"] = *x.channel.sub_kind;
      if (x.minutes) body["duration_minutes"] = *x.minutes;
      if (const auto& note = (*x.row)[Column::note]; !note.empty()) body["note"] = note;
      at_row(x.row->line, [&] { create_contact(db, actor, case_id, body); });
      ++done.contacts;
    }
  }
  audit(db, actor,
        {"create", "ledger_import", "",
         "ケース" + std::to_string(done.cases) + "件・相談記録" + std::to_string(done.contacts) + "件"});
  return done;
}

}  // namespace tsunagu::service
