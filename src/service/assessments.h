// Assessments (アセスメント), repeated over a case's life with full history.
//
// Each one records 外出状況 and since when, the exclusion facts of the
// Cabinet Office survey, the 多軸評価 ①〜⑥ (①②③⑤ and ⑥ only as a clinician
// reported them — never inferred), the three sides, 生活上の困難, distress of
// the person and of the family, strengths and interests, and きっかけ.
//
// The server derives 狭義 / 準 / 該当なし and 広義 with
// domain::classify_outing and stores the result with its reasons. THE
// CLASSIFICATION IS DESCRIPTIVE: it says how the Cabinet Office survey would
// count the answer and never decides whether or how someone is supported.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

// The sentence every screen and API answer shows beside the classification.
inline constexpr const char* kOutingClassNote =
    "内閣府の調査の定義にあてはめた分類です。状況を説明するための情報で、支援を受けられるかどうかを決めるものではありません。";

// The free-text fields, in storage order, with their labels and limits:
// the one list the row mapper, the writer and the JSON follow.
struct AssessmentText {
  const char* name;
  const char* label;
  std::size_t max;
};
inline constexpr std::array<AssessmentText, 13> kAssessmentTexts{{
    {"mental_background", "背景精神障害（多軸評価①・医師等の所見として）", 2000},
    {"developmental", "発達障害（多軸評価②・医師等の所見として）", 2000},
    {"personality", "パーソナリティ傾向（多軸評価③・医師等の所見として）", 2000},
    {"environment", "環境（多軸評価⑤）", 2000},
    {"side_physical", "生理的・身体的な側面", 2000},
    {"side_psychological", "精神的・心理的な側面", 2000},
    {"side_social", "社会環境的な側面", 2000},
    {"distress", "本人の心理的な苦しさ", 2000},
    {"family_distress", "家族のつらさ", 2000},
    {"strengths", "できること", 2000},
    {"interests", "興味関心", 2000},
    {"note", "メモ", 4000},
    {"outing_note", "外出状況の補足", 1000},
}};

struct Assessment {
  std::string id, case_id, organisation_id, assessed_on;
  std::optional<std::string> outing_level, outing_since, outing_duration_band;
  // The band the since-date falls in (else outing_duration_band), so lists
  // can show 期間 either way.
  std::optional<std::string> outing_duration;
  bool employed = false, physical_illness = false, homemaker_or_childcare = false, talked_with_non_family = false;
  std::optional<std::string> outing_class;
  bool outing_broad = false;
  std::vector<std::string> outing_reasons;
  std::optional<std::string> withdrawal_phase, support_group;
  std::optional<std::string> support_group_description;  // of support_group
  std::vector<std::string> life_difficulties, triggers;
  std::array<std::optional<std::string>, kAssessmentTexts.size()> texts;  // in kAssessmentTexts order
  std::string recorded_by;
  std::optional<std::string> recorded_by_name;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};
// With outing_class_note (kOutingClassNote) beside the classification.
void to_json(nlohmann::json& j, const Assessment& a);

std::optional<Assessment> find_assessment(store::Connection& db, const std::string& id);
// The case's assessments, newest assessed_on first.
std::vector<Assessment> list_assessments(store::Connection& db, const std::string& case_id);
// Throws 400 validation_failed (field errors, or an outing level and time that do not classify).
Assessment create_assessment(store::Connection& db, const Actor& actor, const std::string& case_id,
                             const std::string& organisation_id, const nlohmann::json& body);
// Throws 404 not_found, 412 version_conflict (with "current"), 400 validation_failed.
Assessment update_assessment(store::Connection& db, const Actor& actor, const std::string& id,
                             std::int64_t expected_version, const nlohmann::json& body);
// Field-by-field comparison of two assessments of the case: `from` and `to`
// ids, or by default the previous and the latest one. {from, to, changes[],
// changed_count, outing_class_note}; with fewer than two assessments `from`
// is null and changes is empty. Throws 400 validation_failed when only one
// of `from` and `to` is given, 404 not_found when an id is not an
// assessment of this case.
nlohmann::json compare_assessments(store::Connection& db, const std::string& case_id,
                                   const std::optional<std::string>& from, const std::optional<std::string>& to);

}  // namespace tsunagu::service
