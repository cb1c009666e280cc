#include "service/case_numbering.h"

#include "domain/date.h"
#include "domain/fiscal_year.h"
#include "domain/text_normalize.h"
#include "service/problem.h"

namespace tsunagu::service {

domain::CaseNumber assign_case_number(store::Connection& db, const std::string& case_id) {
  auto c = db.query_one("SELECT organisation_id, opened_on FROM cases WHERE id = ?", {case_id});
  if (!c) throw Problem(404, "not_found", "ケースが見つかりません。");
  auto opened = domain::parse_iso_date(c->text(1));
  if (!opened) throw Problem(500, "internal_error", "受付日が読み取れません。");
  std::string organisation_id = c->text(0);
  std::int64_t year = domain::fiscal_year_of(*opened);
  db.execute(
      "INSERT INTO case_number_counters (organisation_id, fiscal_year, last_seq) VALUES (?, ?, 0) "
      "ON CONFLICT (organisation_id, fiscal_year) DO NOTHING",
      {organisation_id, year});
  db.execute("UPDATE case_number_counters SET last_seq = last_seq + 1 WHERE organisation_id = ? AND fiscal_year = ?",
             {organisation_id, year});
  auto seq = db.query_one("SELECT last_seq FROM case_number_counters WHERE organisation_id = ? AND fiscal_year = ?",
                          {organisation_id, year});
  db.execute("UPDATE cases SET number_year = ?, number_seq = ? WHERE id = ?", {year, seq->integer(0), case_id});
  return {static_cast<int>(year), seq->integer(0)};
}

void fold_case_title(store::Connection& db, const std::string& case_id, const std::string& title) {
  db.execute("UPDATE cases SET title_folded = ? WHERE id = ?", {domain::normalize_for_search(title), case_id});
}

std::optional<std::string> case_number_text(std::optional<std::int64_t> year, std::optional<std::int64_t> seq) {
  if (!year || !seq) return std::nullopt;
  return domain::format_case_number({static_cast<int>(*year), *seq});
}

}  // namespace tsunagu::service
