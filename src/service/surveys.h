// 実態把握調査 (issue 18): a survey of an organisation, the respondents it is
// sent to (民生委員・児童委員 with their districts), their anonymous cards,
// the response count, possible duplicates and staff's decisions on them,
// and the population of areas by age band (district rates). The rules are
// domain/survey.h; the estimators domain/estimators.h.
//
// Who sees what:
//   - the survey's organisation's coordinators and supervisors run it:
//     every respondent, every card, the duplicates and the figures;
//   - a respondent signed in as a surveyor (民生委員) sees the survey they
//     were sent and their own cards only, and writes cards only for their
//     own district, within the survey's period, while the card is a draft;
//   - analysts see the figures (response rates, district rates), never cards.
// Cards are anonymous (no name, no address, no case): they are not personal
// data and their reads are not audited; every write is.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/survey.h"
#include "service/actor.h"
#include "service/permission.h"
#include "store/db.h"

namespace tsunagu::domain {
// JSON of a questionnaire item (here, beside its only user: nlohmann finds
// to_json in the namespace of the type).
void to_json(nlohmann::json& j, const SurveyItem& i);
}  // namespace tsunagu::domain

namespace tsunagu::service {

// Coordinators and supervisors of the survey's organisation.
Policy survey_staff_policy();
// The staff above, and a surveyor on the surveys they answer (Reach::self:
// the record's target carries their user id when they are its respondent).
Policy survey_answer_policy();
// The staff above, and analysts (figures only).
Policy survey_figures_policy();

struct SurveyDistrict {
  std::string id, name;
};

struct Survey {
  std::string id, organisation_id, organisation_name;
  std::int64_t year = 0;
  std::string title, area_id, area_name, area_level, respondent_kind, starts_on, ends_on;
  std::vector<domain::SurveyItem> items;
  std::optional<std::string> note;
  std::vector<SurveyDistrict> districts;  // every district of the area, in code order
  std::int64_t version = 0;
  std::string created_at, updated_at;

  // The permission target for `actor`: the organisation, and the actor's
  // user id when the actor is one of the survey's respondents.
  Target target_for(store::Connection& db, const Actor& actor) const;
  const domain::SurveyItem* item(const std::string& key) const;
  bool has_district(const std::string& id) const;
};
void to_json(nlohmann::json& j, const Survey& s);

// The questionnaire every survey starts from (domain::survey_template()).
nlohmann::json survey_template_json();

std::optional<Survey> find_survey(store::Connection& db, const std::string& id);
// Staff: the organisation's surveys; a surveyor: the surveys they were sent.
// Newest year first.
std::vector<Survey> surveys_for(store::Connection& db, const Actor& actor);
// Body: {year, title, area_id (a municipality or prefecture), respondent_kind,
// starts_on, ends_on, note?, custom_items?: [{label, choices: [...],
// multiple?}] (「分からない」 is added to each), respondents?: [...] as
// add_respondents}. Throws 400 validation_failed (nothing written).
Survey create_survey(store::Connection& db, const Actor& actor, const nlohmann::json& body);

struct SurveyRespondent {
  std::string id, survey_id, organisation_id;
  std::optional<std::string> user_id, user_name;
  std::string label, district_id, district_name;
  bool no_one = false;
  std::int64_t sent = 0, drafts = 0;  // cards
  std::int64_t version = 0;

  Target target() const { return Target{organisation_id, user_id}; }
};
void to_json(nlohmann::json& j, const SurveyRespondent& r);

std::optional<SurveyRespondent> find_respondent(store::Connection& db, const std::string& id);
// The respondent record of `user_id` in the survey, if any.
std::optional<SurveyRespondent> respondent_of_user(store::Connection& db, const std::string& survey_id,
                                                   const std::string& user_id);
std::vector<SurveyRespondent> respondents_of(store::Connection& db, const std::string& survey_id);
// Body: {respondents: [{label, district_id, user_id?}]}, at most 5,000: a
// district of the survey's area; a user a surveyor of the organisation, at
// most once a survey. Throws 400 validation_failed (nothing written).
std::vector<SurveyRespondent> add_respondents(store::Connection& db, const Actor& actor, const Survey& s,
                                              const nlohmann::json& body);
// {no_one: bool}: 「該当者なし」 (counts as a response) or taken back.
// Throws 400 validation_failed, 409 survey_closed (a surveyor after the
// period), 412 version_conflict.
SurveyRespondent set_no_one(store::Connection& db, const Actor& actor, const Survey& s, const SurveyRespondent& r,
                            std::int64_t expected_version, const nlohmann::json& body);

struct SurveyCard {
  std::string id, survey_id, organisation_id, respondent_id, respondent_label;
  std::optional<std::string> respondent_user_id;
  std::string district_id, district_name, reported_on, age_band, gender, household;
  nlohmann::json answers;  // key → [answers]
  std::string state;
  std::optional<std::string> sent_at;
  std::int64_t version = 0;
  std::string created_at, updated_at;

  Target target() const { return Target{organisation_id, respondent_user_id}; }
};
void to_json(nlohmann::json& j, const SurveyCard& c);

std::optional<SurveyCard> find_card(store::Connection& db, const std::string& id);
// Staff: every card of the survey; a surveyor: their own (drafts included),
// newest first, at most 10,000.
std::vector<SurveyCard> cards_for(store::Connection& db, const Actor& actor, const Survey& s);
// Body: {respondent_id (staff; a surveyor writes as themself), district_id?
// (default: the respondent's), reported_on? (default: today), answers:
// {key: "choice" | ["choice", …]}, state?: 下書き | 送信済み (default 下書き)}.
// A sent card answers every item; a draft may leave items out. Throws 400
// validation_failed (district outside the survey's area or another
// respondent's district, day outside the period, answer not among the
// item's choices …). Nothing is written on error.
SurveyCard create_card(store::Connection& db, const Actor& actor, const Survey& s, const nlohmann::json& body);
// The same fields, those left out kept (answers replaced as a whole). A
// surveyor changes only their drafts. Throws 400 validation_failed, 409
// card_sent, 412 version_conflict.
SurveyCard update_card(store::Connection& db, const Actor& actor, const Survey& s, const SurveyCard& c,
                       std::int64_t expected_version, const nlohmann::json& body);

// Possible duplicates among the sent cards with staff's decision on each
// pair (未判断 when none): {items: [{card_a, card_b, district_name, age_band,
// gender, household, decision, note, decided_at}], persons, cards}.
nlohmann::json survey_duplicates(store::Connection& db, const Survey& s);
// {card_a, card_b, decision, note?}: records (or changes, or takes back to
// 未判断) the decision on a pair the list shows. Throws 400 validation_failed.
nlohmann::json decide_duplicate(store::Connection& db, const Actor& actor, const Survey& s,
                                const nlohmann::json& body);
// The 同一人物 decisions of a survey.
std::vector<domain::DuplicatePair> same_person_pairs(store::Connection& db, const std::string& survey_id);
// The sent cards that another sent card of the same person stands for
// (domain::representatives): figures count persons by leaving these out.
std::vector<std::string> cards_counted_twice(store::Connection& db, const std::string& survey_id);

// --- figures (survey_figures.cc) ---
// Response per district and overall, and (for staff) the reminders list:
// respondents who have not returned it.
nlohmann::json survey_responses(store::Connection& db, const Actor& actor, const Survey& s);
// Per district: persons (sent cards, 同一人物 counted once) by age band, the
// population of the band (the survey's year, else the latest year before
// it), the rate per 1,000, the response rate beside it and a caution below
// domain::kLowResponseRate. A district's rate divides by its residents aged
// 10 and over, so it is given only when all seven bands have a population
// (null with per_1000_reason otherwise); `denominator` says so in Japanese.
nlohmann::json district_rates(store::Connection& db, const Survey& s);
// Per item: the count of each answer among the persons, 分からない included.
nlohmann::json item_results(store::Connection& db, const Survey& s);
// Persons (sent cards, 同一人物 counted once) grouped by `columns`, a
// constant list of `n` survey_cards columns (never input): counted in the
// database, then the few cards another card stands for taken out.
std::map<std::vector<std::string>, std::int64_t> persons_by(store::Connection& db, const Survey& s,
                                                           const std::string& columns, std::size_t n);

// An area's population by age band for a year: {year, bands: [{age_band,
// population}], total}.
nlohmann::json area_population(store::Connection& db, const std::string& area_id, std::int64_t year);
// Who sets an area's population (decided in issue 18; docs/reports/surveys.md):
// administrators, and supervisors of an organisation of a prefecture or a
// municipality whose area contains the area (the area itself, its
// municipalities, their districts). Coordinators and analysts read it.
bool may_set_population(store::Connection& db, const Actor& actor, const std::string& area_id);
inline constexpr std::string_view kPopulationWriters =
    "この地域の人口を登録できるのは、地域を受け持つ都道府県・市町村の組織の管理者と、システム管理者です。";
// Body: {year, bands: [{age_band, population}]}: replaces the year's bands
// given. A population of zero or below is refused (a rate per resident
// needs residents). Throws 403 forbidden (not may_set_population), 400
// validation_failed.
nlohmann::json set_area_population(store::Connection& db, const Actor& actor, const std::string& area_id,
                                   const nlohmann::json& body);

// 住民基本台帳 CSV (population_import.cc): {year, csv} with the file's text
// (the browser decodes UTF-8 or Shift_JIS). A header line names the columns
// 地区 (name or code of a registered district), 年齢 (40, 40歳, 40～44歳,
// 100歳以上 …) and 人口 (or 総数・計); single years and five-year bands are
// summed into the card's bands (under 10 left out). Every band of every
// district must come out above zero, and every district one the actor may
// set (may_set_population). All or nothing: 400 validation_failed
// lists the lines that are wrong (the first 20).
nlohmann::json import_population_csv(store::Connection& db, const Actor& actor, const nlohmann::json& body);

// The Cabinet Office arithmetic on given figures: {groups: [{label,
// answered, narrow, semi, population}], rate_percent_digits?: 0–4} → per
// group and in total, 広義 (narrow + semi), 狭義 and 準: rate, Wilson 95 %
// interval, estimate and its interval. The total is stratified
// (domain::stratified_estimate): its rate is its estimate ÷ its population.
// rate_percent_digits rounds each rate to that many decimals of a percent
// before it is multiplied, as the 平成27年度 report did. Throws 400
// validation_failed.
nlohmann::json prevalence_estimate(const nlohmann::json& body);

// Capture–recapture (survey_linkage.cc) between the survey's persons, the
// cases of the organisations of the survey's area and the survey's further
// lists, linked inside the server on district, gender and age band (a
// birth year/month gives the band where the band is not known): counts,
// Chapman's estimate between the first two lists with its dependence
// warning, and with further lists every log-linear model side by side —
// never the key, a row or which card matched which case.
nlohmann::json capture_recapture(store::Connection& db, const Survey& s);
// The age band (10代 … 70代以上, the cards' scale) on day `on` of a person
// born on `birth_date` (YYYY-MM-DD); "" under 10 or when a date is wrong.
std::string band_on(const std::string& birth_date, const std::string& on);

// Further lists (survey_further_lists.cc): another body's list of the persons
// it knows of, entered as rows without names. {items: [{id, name, rows,
// created_at}], max_lists, max_rows}: names and row counts only.
nlohmann::json further_lists(store::Connection& db, const Survey& s);
// Body: {name, rows: [{district_id, gender, age_band?, birth_month?
// (YYYY-MM)}]} or {name, csv} (header: 地区 (name or code), 性別, 年代
// and/or 生年月; UTF-8, a BOM allowed). Every row a district of the
// survey's area, a gender and age band of the cards' lists; at most
// 10,000 rows and 3 further lists a survey. Throws 400 validation_failed
// (the first 20 problems; nothing written).
nlohmann::json add_further_list(store::Connection& db, const Actor& actor, const Survey& s, const nlohmann::json& body);
// Deletes a further list of `s` and its rows. Throws 404 not_found.
void delete_further_list(store::Connection& db, const Actor& actor, const Survey& s, const std::string& list_id);
// Capture–recapture on counts linked elsewhere (a further list, such as a
// 地域包括支援センター's, linked by the staff who hold it): {lists: [names],
// cells: [{pattern: "101", count}]} where pattern[i] is 1 when on list i.
// Two lists: two_list_estimate; three to five: log_linear_estimate. Throws
// 400 validation_failed, also when a list has fewer than 2 persons.
nlohmann::json capture_recapture_estimate(const nlohmann::json& body);
// Chapman's estimate between two lists (names, persons on each, on both)
// with Chao's interval, the dependence warning, and `reason` when there is
// no estimate (a list under 2 persons, nobody on both) or no interval (one
// list wholly inside the other), `caution` when fewer than 7 are on both.
// Never throws: the survey's linkage answers it for whatever it found.
nlohmann::json two_list_estimate(const nlohmann::json& names, std::int64_t n1, std::int64_t n2, std::int64_t m);
// Every log-linear model of 3–5 lists (`counts[h]`, h = 1 … 2^k − 1, bit i:
// on list i) sorted by AIC, `reason` when none converged and `caution`
// when fewer than 7 persons are on two lists or more.
nlohmann::json log_linear_estimate(const nlohmann::json& names, const std::vector<std::int64_t>& counts);

}  // namespace tsunagu::service
