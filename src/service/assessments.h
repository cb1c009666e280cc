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

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "store/db.h"

namespace tsunagu::service {

// The sentence every screen and API answer shows beside the classification.
inline constexpr const char* kOutingClassNote =
    "内閣府の調査の定義にあてはめた分類です。状況を説明するための情報で、支援を受けられるかどうかを決めるものではありません。";

// One assessment as the API shows it (with organisation_id for the check),
// or nullopt.
std::optional<nlohmann::json> find_assessment(store::Connection& db, const std::string& id);
// {items, next_cursor}: the case's assessments, newest assessed_on first.
nlohmann::json list_assessments(store::Connection& db, const std::string& case_id);
// Throws 400 validation_failed (field errors, or an outing level and time that do not classify).
nlohmann::json create_assessment(store::Connection& db, const Actor& actor, const std::string& case_id,
                                 const std::string& organisation_id, const nlohmann::json& body);
// Throws 404 not_found, 412 version_conflict (with "current"), 400 validation_failed.
nlohmann::json update_assessment(store::Connection& db, const Actor& actor, const std::string& id,
                                 std::int64_t expected_version, const nlohmann::json& body);
// Field-by-field comparison of two assessments of the case: `from` and `to`
// ids, or by default the previous and the latest one. {from, to, changes[],
// changed_count}; with fewer than two assessments `from` is null and changes
// is empty. Throws 400 validation_failed when only one of `from` and `to` is
// given, 404 not_found when an id is not an assessment of this case.
nlohmann::json compare_assessments(store::Connection& db, const std::string& case_id,
                                   const std::optional<std::string>& from, const std::optional<std::string>& to);

}  // namespace tsunagu::service
