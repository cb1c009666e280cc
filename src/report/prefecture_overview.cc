#include "report/prefecture_overview.h"

#include "domain/date.h"
#include "domain/fiscal_year.h"

namespace tsunagu::report {
namespace {

nlohmann::json fiscal_year_or_null(const std::optional<std::string>& day) {
  if (!day) return nullptr;
  auto d = domain::parse_iso_date(day->substr(0, 10));
  if (!d) return nullptr;
  return domain::fiscal_year_of(*d);
}

// Areas of a municipality: itself and its districts.
constexpr char kInMunicipality[] = "(SELECT id FROM areas WHERE id = ? OR parent_id = ?)";

}  // namespace

nlohmann::json prefecture_overview(store::Connection& db, const std::string& prefecture_id) {
  auto items = nlohmann::json::array();
  for (const auto& m : db.query("SELECT id, name FROM areas WHERE parent_id = ? AND level = 'municipality' ORDER BY code, name",
                                {prefecture_id})) {
    const std::string id = m.text(0);
    auto programs = nlohmann::json::array();
    for (const auto& o : db.query(std::string("SELECT name, program_type FROM organisations WHERE program_type IS NOT NULL AND area_id IN ") +
                                      kInMunicipality + " ORDER BY name",
                                  {id, id}))
      programs.push_back({{"organisation_name", o.text(0)}, {"program_type", o.text(1)}});
    auto first_case = db.query_one(
        std::string("SELECT MIN(c.opened_on) FROM cases c JOIN organisations o ON o.id = c.organisation_id WHERE o.area_id IN ") +
            kInMunicipality,
        {id, id});
    auto survey = db.query_one(
        "SELECT MAX(s.year) FROM surveys s WHERE s.area_id = ? OR (s.area_id = ? AND EXISTS (SELECT 1 FROM survey_respondents r "
        "JOIN areas d ON d.id = r.district_id WHERE r.survey_id = s.id AND d.parent_id = ?))",
        {id, prefecture_id, id});
    auto platform = db.query_one(
        std::string("SELECT MAX(x.held_on) FROM meetings x JOIN organisations o ON o.id = x.organisation_id "
                    "WHERE x.kind = '市町村プラットフォーム連絡会' AND o.area_id IN ") +
            kInMunicipality,
        {id, id});
    const auto survey_year = survey ? survey->opt_integer(0) : std::nullopt;
    items.push_back({{"area_id", id},
                     {"area_name", m.text(1)},
                     {"contact_point", {{"present", !programs.empty()},
                                        {"organisations", programs},
                                        {"since_fiscal_year", fiscal_year_or_null(first_case ? first_case->opt_text(0) : std::nullopt)}}},
                     {"survey", {{"present", survey_year.has_value()},
                                 {"latest_year", survey_year ? nlohmann::json(*survey_year) : nlohmann::json(nullptr)}}},
                     {"platform", {{"present", platform && platform->opt_text(0).has_value()},
                                   {"latest_fiscal_year", fiscal_year_or_null(platform ? platform->opt_text(0) : std::nullopt)}}}});
  }
  return {{"prefecture_id", prefecture_id},
          {"items", items},
          {"note", "tsunagu に記録がある範囲です。記録がないことは、取組がないことを意味しません。"}};
}

}  // namespace tsunagu::report
