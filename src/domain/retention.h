// How long personal data is kept after its work ended (保存期間), per
// organisation, and the rule for what has passed it.
//
// Each kind of record that ends has its own setting, in whole years after
// its end: a closed case after its closed_on (終結・中断の日), a 居場所
// participant after leaving (left_on) and a session after it was held
// (held_on), an anonymous consultation thread after it closed (closed_at:
// by staff, or after the organisation's days without messages), a
// supporter's own registration after they stopped (left_on: the day it was
// marked not active, 休止中 on the screen). A thread is
// deleted, not anonymised: it holds nothing but its words, and its counts
// live apart (service/consultation_counts.h). No setting (nullopt) means
// keep: an organisation may be bound by a longer rule of its municipality.
//
// What passes its time is anonymised, not deleted: names, contact details
// and free text go, the structured facts the statistics count (dates,
// channels, statuses, age bands) stay, so the figures of past years do not
// change (docs/operations/retention.md).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "domain/date.h"

namespace tsunagu::domain {

enum class RetentionKind { closed_cases, group_records, consultation_threads, supporters };

struct RetentionKindSpec {
  RetentionKind kind;
  std::string_view id;     // the API field: "closed_case_years", …
  std::string_view label;  // Japanese, for messages and the screen
};
inline constexpr std::array<RetentionKindSpec, 4> kRetentionKinds{{
    {RetentionKind::closed_cases, "closed_case_years", "終結・中断したケース（終結・中断の日から）"},
    {RetentionKind::group_records, "group_years", "居場所・グループの参加者と回の記録（参加終了・開催日から）"},
    {RetentionKind::consultation_threads, "thread_years", "匿名のオンライン相談（終了した日から）"},
    {RetentionKind::supporters, "supporter_years", "休止中のサポーターの登録情報（休止した日から）"},
}};

inline constexpr int kDefaultRetentionYears = 5;
// Fewer than a year would erase work that may well come back (a person
// returns after a pause); more than 100 is the same as keeping.
inline constexpr int kMinRetentionYears = 1;
inline constexpr int kMaxRetentionYears = 100;

bool valid_retention_years(std::int64_t years);

// The first day that is still kept: a record whose end day is before it
// has passed `years`. 5 years from 2031-06-10 → 2026-06-10, so a case closed
// on 2026-06-09 has passed and one closed on 2026-06-10 has not (民法第143条
// month arithmetic: 29 Feb counts to 28 Feb).
Date retention_cutoff(const Date& today, int years);

// Whether a record that ended on `ended_on` (YYYY-MM-DD) has passed
// `years` on `today`. No setting, no end day or an unreadable one: kept.
bool retention_passed(const std::optional<std::string>& ended_on, const std::optional<int>& years,
                      const Date& today);

// The text that replaces a case's title, and free text that cannot be
// empty, once anonymised.
inline constexpr std::string_view kAnonymisedTitle = "匿名化済みケース";
inline constexpr std::string_view kAnonymisedText = "（匿名化済み）";
// A supporter's name once anonymised: their rows stay for the figures
// (activities, hours, trainings), under this name.
inline constexpr std::string_view kAnonymisedSupporterName = "匿名化済みサポーター";

}  // namespace tsunagu::domain
