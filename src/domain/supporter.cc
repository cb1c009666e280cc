#include "domain/supporter.h"

#include <algorithm>
#include <cstdlib>

namespace tsunagu::domain {
namespace {

constexpr Move kDispatchMoves[] = {
    {"依頼", "承諾", false, Party::kReceiver}, {"依頼", "辞退", false, Party::kReceiver},
    {"依頼", "取消", true, Party::kSender},    {"承諾", "実施", false, Party::kAny},
    {"承諾", "辞退", true, Party::kReceiver},  {"承諾", "取消", true, Party::kSender},
    {"実施", "報告済み", false, Party::kReceiver},
};

constexpr StateMachine kMachine{"dispatch_state", kDispatchStateValues, "依頼", kDispatchMoves};

bool same_generation(const DispatchSubject& s, const CandidateProfile& c) {
  if (!s.age_low || !s.age_high || !c.age_low || !c.age_high) return false;
  int a = *s.age_low + *s.age_high, b = *c.age_low + *c.age_high;  // twice the midpoints
  return std::abs(a - b) <= 20;
}

}  // namespace

const StateMachine& dispatch_state_machine() { return kMachine; }

bool dispatch_holds_time(std::string_view state) { return state == "依頼" || state == "承諾" || state == "実施"; }

bool is_peer_kind(std::string_view kind) { return kind == "ピアサポーター" || kind == "ピアスタッフ"; }

Validity validity_on(const Qualification& q, const Date& day, int warning_days) {
  if (day < q.granted_on) return Validity::kNotYetValid;
  if (!q.expires_on) return Validity::kValid;
  if (*q.expires_on < day) return Validity::kExpired;
  if (days_since_epoch(*q.expires_on) - days_since_epoch(day) < warning_days) return Validity::kExpiring;
  return Validity::kValid;
}

bool qualified_for(const std::vector<Qualification>& quals, std::string_view activity, const Date& day) {
  return std::any_of(quals.begin(), quals.end(), [&](const Qualification& q) {
    auto v = validity_on(q, day);
    return q.activity == activity && (v == Validity::kValid || v == Validity::kExpiring);
  });
}

std::vector<ActivityStatus> activity_statuses(const std::vector<std::string>& activities,
                                              const std::vector<Qualification>& quals, const Date& today,
                                              int warning_days) {
  std::vector<ActivityStatus> out;
  for (const auto& a : activities) {
    // The best of the qualifications for the activity: valid beats expiring
    // beats expired; among equals the one that lasts longest.
    int best = -1;
    std::optional<Date> best_expiry;
    for (const auto& q : quals) {
      if (q.activity != a) continue;
      auto v = validity_on(q, today, warning_days);
      int rank = v == Validity::kValid ? 3 : v == Validity::kExpiring ? 2 : v == Validity::kExpired ? 1 : 0;
      bool longer = !q.expires_on || (best_expiry && *q.expires_on > *best_expiry);
      if (rank > best || (rank == best && longer)) {
        best = rank;
        best_expiry = q.expires_on;
      }
    }
    std::string status = best == 3 ? "有効" : best == 2 ? "期限が近い" : best == 1 ? "期限切れ" : "未取得";
    out.push_back({a, status, best >= 1 ? best_expiry : std::nullopt});
  }
  return out;
}

bool time_ranges_overlap(std::string_view a_start, std::string_view a_end, std::string_view b_start,
                         std::string_view b_end) {
  return a_start < b_end && b_start < a_end;
}

std::vector<Candidate> rank_candidates(const std::vector<CandidateProfile>& supporters, std::string_view activity,
                                       const Date& day, const DispatchSubject& subject, const DispatchWishes& wishes) {
  std::vector<Candidate> out;
  for (const auto& s : supporters) {
    Candidate c{s.id, 0, false, {}, {}};
    if (!s.active) {
      c.excluded = true;
      c.cautions.push_back("現在は活動を休んでいます");
    }
    if (qualified_for(s.qualifications, activity, day)) {
      c.reasons.push_back("「" + std::string(activity) + "」の資格がその日に有効です");
      bool expiring = std::any_of(s.qualifications.begin(), s.qualifications.end(), [&](const Qualification& q) {
        return q.activity == activity && validity_on(q, day) == Validity::kExpiring;
      }) && !std::any_of(s.qualifications.begin(), s.qualifications.end(), [&](const Qualification& q) {
        return q.activity == activity && validity_on(q, day) == Validity::kValid;
      });
      if (expiring) {
        c.score -= kCandidateExpiringPenalty;
        c.cautions.push_back("資格の期限が近づいています（フォローアップ研修の案内を）");
      }
    } else {
      c.excluded = true;
      c.cautions.push_back("その日に有効な「" + std::string(activity) + "」の資格がありません");
    }
    if (s.busy) {
      c.excluded = true;
      c.cautions.push_back("同じ時間に別の派遣が入っています");
    }
    if (std::find(s.activities.begin(), s.activities.end(), activity) != s.activities.end()) {
      c.score += kCandidateActivityPoints;
      c.reasons.push_back("ふだん「" + std::string(activity) + "」をしています");
    }
    if (s.area_id && std::find(subject.area_ids.begin(), subject.area_ids.end(), *s.area_id) != subject.area_ids.end()) {
      c.score += kCandidateAreaPoints;
      c.reasons.push_back("本人と同じ地域で活動しています");
    }
    if (wishes.same_sex) {
      if (subject.sex && s.sex && *subject.sex == *s.sex && (*s.sex == "男性" || *s.sex == "女性")) {
        c.score += kCandidateSameSexPoints;
        c.reasons.push_back("本人の希望（同性）に合います");
      } else {
        c.cautions.push_back("同性かどうかわかりません、または異なります");
      }
    }
    if (wishes.same_generation) {
      if (same_generation(subject, s)) {
        c.score += kCandidateSameGenerationPoints;
        c.reasons.push_back("本人の希望（同世代）に合います");
      } else {
        c.cautions.push_back("同世代かどうかわかりません、または離れています");
      }
    }
    if (wishes.peer) {
      if (is_peer_kind(s.kind)) {
        c.score += kCandidatePeerPoints;
        c.reasons.push_back("本人の希望（ピア）に合います");
      } else {
        c.cautions.push_back("ピアの立場ではありません");
      }
    }
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    if (a.excluded != b.excluded) return !a.excluded;
    return a.score > b.score;
  });
  return out;
}

}  // namespace tsunagu::domain
