// Supporters and peer supporters (サポーター, ピアサポーター, seed 002 and 004):
// what they are, the trainings that qualify them, and the dispatch (派遣)
// that sends them to 本人.
//
// The rules that decide whether someone may be sent live here, free of I/O,
// so that the dispatch, the candidate list and the supporter's own page
// agree:
//   - a qualification names the activity it covers; it is valid on a day
//     from the day it was granted up to its expiry (included), or forever
//     without one; a supporter may be sent for an activity only on a day
//     when a qualification for that activity is valid;
//   - a qualification is "expiring" from N days before its expiry, so the
//     supporter and the coordinator see it coming (kExpiryWarningDays);
//   - candidates are only suggested, each with its reasons and cautions;
//     nobody is sent without a person choosing;
//   - the dispatch state machine: 依頼 → 承諾 / 辞退 → 実施 → 報告済み, or 取消.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/enumeration.h"
#include "domain/state_machine.h"

namespace tsunagu::domain {

inline constexpr std::array<std::string_view, 4> kSupporterKindValues{"サポーター", "ピアサポーター", "ピアスタッフ",
                                                                      "ボランティア"};
inline constexpr EnumSpec kSupporterKind{"supporter_kind", "サポーターの種別", kSupporterKindValues};

// What a supporter does, and what a dispatch is for.
inline constexpr std::array<std::string_view, 5> kSupporterActivityValues{"訪問同行", "居場所の運営", "電話・オンライン",
                                                                          "家族会の運営", "同行支援"};
inline constexpr EnumSpec kSupporterActivity{"supporter_activity", "サポーターの活動", kSupporterActivityValues};

// 支援者の相談の場: regular supervision where supporters share what weighs on
// them (seed 004); kept with its sessions and attendance like a course,
// granting no qualification.
inline constexpr std::array<std::string_view, 4> kTrainingKindValues{"養成講座", "フォローアップ研修",
                                                                     "関係機関向け研修", "支援者の相談の場"};
inline constexpr EnumSpec kTrainingKind{"training_kind", "研修・相談の場の種類", kTrainingKindValues};

inline constexpr std::array<std::string_view, 6> kDispatchStateValues{"依頼", "承諾", "辞退", "実施", "報告済み", "取消"};
inline constexpr EnumSpec kDispatchState{"dispatch_state", "派遣の状況", kDispatchStateValues};

// 依頼 → 承諾 | 辞退 (the supporter, Party::kReceiver) | 取消 (the
// coordinator, Party::kSender, with a reason); 承諾 → 実施 (either side:
// kAny) | 辞退 (the supporter, with a reason) | 取消 (coordinator, reason);
// 実施 → 報告済み (the supporter's report). 辞退, 報告済み, 取消 are final.
const StateMachine& dispatch_state_machine();

// States in which a dispatch holds the supporter's time (no other dispatch
// may overlap it).
bool dispatch_holds_time(std::string_view state);

// The peer kinds: 当事者経験 declared by their kind.
bool is_peer_kind(std::string_view kind);

// Days before expiry from which a qualification shows as expiring.
inline constexpr int kExpiryWarningDays = 60;

struct Qualification {
  std::string activity;
  Date granted_on;
  std::optional<Date> expires_on;
};

enum class Validity { kValid, kExpiring, kExpired, kNotYetValid };

// The state of one qualification on `day`.
Validity validity_on(const Qualification& q, const Date& day, int warning_days = kExpiryWarningDays);

// True when one of `quals` covers `activity` and is valid (or expiring) on `day`.
bool qualified_for(const std::vector<Qualification>& quals, std::string_view activity, const Date& day);

// For the supporter's own page and the register: each activity the
// supporter does, whether it is covered today, expiring, expired or missing.
struct ActivityStatus {
  std::string activity;
  std::string status;  // 有効 / 期限が近い / 期限切れ / 未取得
  std::optional<Date> expires_on;  // of the best qualification, when any
};
std::vector<ActivityStatus> activity_statuses(const std::vector<std::string>& activities,
                                              const std::vector<Qualification>& quals, const Date& today,
                                              int warning_days = kExpiryWarningDays);

// Half-open time ranges "YYYY-MM-DDTHH:MM" (Asia/Tokyo, fixed width, so
// text order is time order) overlap.
bool time_ranges_overlap(std::string_view a_start, std::string_view a_end, std::string_view b_start,
                         std::string_view b_end);

// 本人's wishes for the dispatch (from the case: 同性, 同世代, ピア).
struct DispatchWishes {
  bool same_sex = false, same_generation = false, peer = false;
};

// What is known of 本人 for the wishes and the area.
struct DispatchSubject {
  std::optional<std::string> sex;       // 男性 / 女性 / その他 / 不明
  std::optional<int> age_low, age_high; // from the birth date or the band
  std::vector<std::string> area_ids;    // 本人's district and its ancestors
};

struct CandidateProfile {
  std::string id;
  std::string kind;
  std::optional<std::string> sex;
  std::optional<int> age_low, age_high;
  std::optional<std::string> area_id;
  std::vector<std::string> activities;
  std::vector<Qualification> qualifications;
  bool active = true;
  bool busy = false;  // another dispatch holds an overlapping time
};

struct Candidate {
  std::string id;
  int score = 0;
  bool excluded = false;
  std::vector<std::string> reasons;   // why they fit
  std::vector<std::string> cautions;  // why lowered or excluded
};

inline constexpr int kCandidateActivityPoints = 20;
inline constexpr int kCandidateAreaPoints = 15;
inline constexpr int kCandidateSameSexPoints = 15;
inline constexpr int kCandidateSameGenerationPoints = 10;
inline constexpr int kCandidatePeerPoints = 15;
inline constexpr int kCandidateExpiringPenalty = 5;

// Candidates for one dispatch, best first (excluded last, each with its
// reason): excluded when inactive, not qualified for the activity on the
// day, or busy at that time. Ties keep the input order.
std::vector<Candidate> rank_candidates(const std::vector<CandidateProfile>& supporters, std::string_view activity,
                                       const Date& day, const DispatchSubject& subject, const DispatchWishes& wishes);

}  // namespace tsunagu::domain
