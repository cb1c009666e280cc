#include "report/organisation_year.h"

#include <charconv>

#include "domain/fiscal_year.h"
#include "service/clock.h"
#include "service/problem.h"

namespace tsunagu::report {
std::optional<std::string> query_value(const std::map<std::string, std::string>& q, const char* key) {
  auto it = q.find(key);
  if (it == q.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

std::string utc_start_of_tokyo_day(const domain::Date& day) {
  return domain::format_iso_date(domain::add_days(day, -1)) + "T15:00:00.000Z";
}

OrganisationYear read_organisation_year(store::Connection& db, const std::map<std::string, std::string>& query,
                                        const service::Actor& actor) {
  std::vector<service::FieldError> errors;
  OrganisationYear s;
  auto today = *domain::parse_iso_date(service::today_tokyo());
  s.fiscal_year = domain::fiscal_year_of(today);
  if (auto fy = query_value(query, "fiscal_year")) {
    int v = 0;
    auto [end, ec] = std::from_chars(fy->data(), fy->data() + fy->size(), v);
    if (fy->size() != 4 || ec != std::errc() || end != fy->data() + fy->size() || v < kMinReportYear ||
        v > kMaxReportYear)
      errors.push_back({"fiscal_year", "年度は西暦4桁（" + std::to_string(kMinReportYear) + "〜" +
                                           std::to_string(kMaxReportYear) + "）で指定してください。"});
    else
      s.fiscal_year = v;
  }
  s.organisation_id = query_value(query, "organisation").value_or(actor.organisation_id);
  if (s.organisation_id.size() > 64) errors.push_back({"organisation", "組織の指定が正しくありません。"});
  if (!errors.empty()) throw service::invalid(errors);

  auto org = db.query_one("SELECT name, program_type, no_contact_days FROM organisations WHERE id = ?",
                          {s.organisation_id});
  if (!org) throw service::not_found();
  s.organisation_name = org->text(0);
  s.program_type = org->opt_text(1);
  s.no_contact_days = org->integer(2);
  s.first_day = domain::fiscal_year_first_day(s.fiscal_year);
  s.last_day = domain::fiscal_year_last_day(s.fiscal_year);
  s.from_utc = utc_start_of_tokyo_day(s.first_day);
  s.to_utc = utc_start_of_tokyo_day(domain::add_days(s.last_day, 1));
  return s;
}

nlohmann::json scope_json(const OrganisationYear& s) {
  auto wareki = domain::wareki_fiscal_year_label(s.fiscal_year);
  return {{"organisation",
           {{"id", s.organisation_id},
            {"name", s.organisation_name},
            {"program_type", s.program_type ? nlohmann::json(*s.program_type) : nlohmann::json(nullptr)}}},
          {"fiscal_year", s.fiscal_year},
          {"fiscal_year_label", domain::fiscal_year_label(s.fiscal_year)},
          {"wareki", wareki ? nlohmann::json(*wareki) : nlohmann::json(nullptr)},
          {"from", domain::format_iso_date(s.first_day)},
          {"to", domain::format_iso_date(s.last_day)}};
}

std::vector<std::string> scope_caption(const OrganisationYear& s) {
  return {domain::fiscal_year_label(s.fiscal_year), "対象: " + s.organisation_name};
}

}  // namespace tsunagu::report
