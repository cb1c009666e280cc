#include "report/ledger_export.h"

#include <map>
#include <vector>

#include "domain/case_number.h"
#include "report/export_csv.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/ledger_columns.h"

namespace tsunagu::report {
namespace {

void add_row(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    out += csv_text_field(cells[i]);
  }
  out += "\r\n";
}

}  // namespace

service::Policy ledger_export_policy() {
  return service::policy({{domain::Role::supervisor, service::Reach::own_organisation}});
}

LedgerExport export_ledger(store::Connection& db, const service::Actor& actor) {
  LedgerExport done;
  done.csv = std::string(kUtf8Bom);
  add_row(done.csv, {service::ledger::kLedgerHeader.begin(), service::ledger::kLedgerHeader.end()});

  // The consultations, by case, in time order.
  std::map<std::string, std::vector<std::vector<std::string>>> by_case;
  for (const auto& r : db.query(
           "SELECT t.case_id, t.occurred_at, t.channel, t.sub_kind, t.counterpart, t.subject_met, t.duration_minutes, "
           "u.display_name, t.note FROM contacts t JOIN cases c ON c.id = t.case_id "
           "LEFT JOIN users u ON u.id = t.staff_user_id WHERE c.organisation_id = ? ORDER BY t.case_id, t.occurred_at, t.id",
           {actor.organisation_id})) {
    service::TimePoint at;
    std::string minute = service::parse_utc(r.text(1), at) ? service::tokyo_minute_of(at) : std::string();
    by_case[r.text(0)].push_back({minute.substr(0, 10), minute.size() > 11 ? minute.substr(11) : "", r.text(2),
                                  r.is_null(3) ? "" : r.text(3), r.text(4), r.integer(5) != 0 ? "はい" : "いいえ",
                                  r.is_null(6) ? "" : std::to_string(r.integer(6)), r.is_null(7) ? "" : r.text(7),
                                  r.is_null(8) ? "" : r.text(8)});
  }
  for (const auto& r : db.query(
           "SELECT c.id, c.number_year, c.number_seq, c.title, c.intake_route, c.opened_on, p.naming, p.name, p.furigana, "
           "p.sex, p.birth_date, p.age_band FROM cases c LEFT JOIN persons p ON p.id = c.subject_person_id "
           "WHERE c.organisation_id = ? ORDER BY c.opened_on, c.number_year, c.number_seq, c.id",
           {actor.organisation_id})) {
    auto text = [&](std::size_t i) { return r.is_null(i) ? std::string() : r.text(i); };
    std::string number = r.is_null(1) || r.is_null(2)
                             ? r.text(0)
                             : domain::format_case_number({static_cast<int>(r.integer(1)), r.integer(2)});
    // An anonymous 本人 has no name to write; a 仮名 is written as the name it goes by.
    std::vector<std::string> head{number,  text(3), text(4),  text(5),
                                  text(6) == "anonymous" ? "" : text(7), text(8), text(9), text(10),
                                  text(10).empty() ? text(11) : ""};
    auto found = by_case.find(r.text(0));
    if (found == by_case.end()) {
      std::vector<std::string> row = head;
      row.resize(service::ledger::kColumnCount);
      add_row(done.csv, row);
    } else {
      for (const auto& contact : found->second) {
        std::vector<std::string> row = head;
        row.insert(row.end(), contact.begin(), contact.end());
        add_row(done.csv, row);
        ++done.contacts;
      }
    }
    service::audit(db, actor, {"read", "case", r.text(0), "台帳の書き出し"});
    ++done.cases;
  }
  return done;
}

}  // namespace tsunagu::report
