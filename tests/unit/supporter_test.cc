// Supporters (issue 17 point 10): qualification validity, the dispatch state
// machine, overlapping times, and the candidate rules.
#include "domain/supporter.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

Date d(const char* s) { return *parse_iso_date(s); }

TEST(SupporterQualification, ValidFromGrantUpToExpiryIncluded) {
  Qualification q{"訪問同行", d("2026-04-01"), d("2027-03-31")};
  EXPECT_EQ(validity_on(q, d("2026-03-31")), Validity::kNotYetValid);
  EXPECT_EQ(validity_on(q, d("2026-04-01")), Validity::kValid);
  EXPECT_EQ(validity_on(q, d("2027-03-31")), Validity::kExpiring);
  EXPECT_EQ(validity_on(q, d("2027-04-01")), Validity::kExpired);
}

TEST(SupporterQualification, ExpiringFromNDaysBefore) {
  Qualification q{"訪問同行", d("2026-01-01"), d("2026-12-31")};
  EXPECT_EQ(validity_on(q, add_days(d("2026-12-31"), -kExpiryWarningDays)), Validity::kValid);
  EXPECT_EQ(validity_on(q, add_days(d("2026-12-31"), -kExpiryWarningDays + 1)), Validity::kExpiring);
  EXPECT_EQ(validity_on(q, d("2026-12-01"), 10), Validity::kValid);
}

TEST(SupporterQualification, WithoutExpiryStaysValid) {
  Qualification q{"居場所の運営", d("2020-01-01"), std::nullopt};
  EXPECT_EQ(validity_on(q, d("2040-01-01")), Validity::kValid);
}

TEST(SupporterQualification, QualifiedOnlyForTheActivityAndTheDay) {
  std::vector<Qualification> qs{{"訪問同行", d("2026-04-01"), d("2026-09-30")}};
  EXPECT_TRUE(qualified_for(qs, "訪問同行", d("2026-09-30")));
  EXPECT_FALSE(qualified_for(qs, "訪問同行", d("2026-10-01")));
  EXPECT_FALSE(qualified_for(qs, "電話・オンライン", d("2026-05-01")));
  EXPECT_FALSE(qualified_for({}, "訪問同行", d("2026-05-01")));
}

TEST(SupporterQualification, StatusesTakeTheBestQualification) {
  std::vector<Qualification> qs{{"訪問同行", d("2025-04-01"), d("2026-03-31")},
                                {"訪問同行", d("2026-04-01"), d("2027-03-31")},
                                {"居場所の運営", d("2025-04-01"), d("2026-05-10")},
                                {"家族会の運営", d("2024-04-01"), d("2025-03-31")}};
  auto s = activity_statuses({"訪問同行", "居場所の運営", "家族会の運営", "電話・オンライン"}, qs, d("2026-05-01"));
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].status, "有効");
  EXPECT_EQ(s[0].expires_on, d("2027-03-31"));
  EXPECT_EQ(s[1].status, "期限が近い");
  EXPECT_EQ(s[2].status, "期限切れ");
  EXPECT_EQ(s[3].status, "未取得");
  EXPECT_EQ(s[3].expires_on, std::nullopt);
}

TEST(DispatchState, MovesBelongToTheirSide) {
  const auto& m = dispatch_state_machine();
  EXPECT_EQ(m.initial, "依頼");
  EXPECT_EQ(check_move(m, "依頼", "承諾", Party::kReceiver, ""), MoveCheck::kAllowed);
  EXPECT_EQ(check_move(m, "依頼", "承諾", Party::kSender, ""), MoveCheck::kWrongParty);
  EXPECT_EQ(check_move(m, "依頼", "辞退", Party::kReceiver, ""), MoveCheck::kAllowed);
  EXPECT_EQ(check_move(m, "依頼", "取消", Party::kSender, ""), MoveCheck::kReasonRequired);
  EXPECT_EQ(check_move(m, "依頼", "取消", Party::kSender, "本人の体調"), MoveCheck::kAllowed);
  EXPECT_EQ(check_move(m, "承諾", "実施", Party::kSender, ""), MoveCheck::kAllowed);
  EXPECT_EQ(check_move(m, "承諾", "実施", Party::kReceiver, ""), MoveCheck::kAllowed);
  EXPECT_EQ(check_move(m, "承諾", "辞退", Party::kReceiver, ""), MoveCheck::kReasonRequired);
  EXPECT_EQ(check_move(m, "実施", "報告済み", Party::kReceiver, ""), MoveCheck::kAllowed);
  EXPECT_EQ(check_move(m, "依頼", "実施", Party::kSender, ""), MoveCheck::kNotAllowed);
  EXPECT_EQ(check_move(m, "実施", "取消", Party::kSender, "x"), MoveCheck::kNotAllowed);
  for (auto s : {"辞退", "報告済み", "取消"}) EXPECT_TRUE(is_final(m, s)) << s;
  EXPECT_TRUE(dispatch_holds_time("依頼"));
  EXPECT_TRUE(dispatch_holds_time("承諾"));
  EXPECT_TRUE(dispatch_holds_time("実施"));
  EXPECT_FALSE(dispatch_holds_time("辞退"));
  EXPECT_FALSE(dispatch_holds_time("取消"));
  EXPECT_FALSE(dispatch_holds_time("報告済み"));
}

TEST(DispatchTime, HalfOpenRangesOverlap) {
  EXPECT_TRUE(time_ranges_overlap("2026-05-01T10:00", "2026-05-01T12:00", "2026-05-01T11:00", "2026-05-01T13:00"));
  EXPECT_FALSE(time_ranges_overlap("2026-05-01T10:00", "2026-05-01T12:00", "2026-05-01T12:00", "2026-05-01T13:00"));
  EXPECT_TRUE(time_ranges_overlap("2026-05-01T10:00", "2026-05-01T12:00", "2026-05-01T09:00", "2026-05-01T18:00"));
  EXPECT_FALSE(time_ranges_overlap("2026-05-01T10:00", "2026-05-01T12:00", "2026-05-02T10:00", "2026-05-02T12:00"));
}

CandidateProfile supporter(std::string id, std::string kind, std::optional<std::string> sex, int age_low) {
  CandidateProfile p;
  p.id = std::move(id);
  p.kind = std::move(kind);
  p.sex = std::move(sex);
  p.age_low = age_low;
  p.age_high = age_low + 9;
  p.area_id = "sakura";
  p.activities = {"訪問同行"};
  p.qualifications = {{"訪問同行", d("2026-01-01"), d("2027-03-31")}};
  return p;
}

TEST(DispatchCandidates, WishesRaiseAndExplain) {
  DispatchSubject subject{"男性", 20, 29, {"sakura", "midori"}};
  auto peer = supporter("peer", "サポーター", "男性", 30);
  peer.kind = "ピアサポーター";
  auto older = supporter("older", "サポーター", "女性", 60);
  auto c = rank_candidates({older, peer}, "訪問同行", d("2026-06-01"), subject, {true, true, true});
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].id, "peer");
  EXPECT_FALSE(c[0].excluded);
  EXPECT_EQ(c[0].score, kCandidateActivityPoints + kCandidateAreaPoints + kCandidateSameSexPoints + kCandidateSameGenerationPoints + kCandidatePeerPoints);
  EXPECT_EQ(c[1].id, "older");
  EXPECT_FALSE(c[1].excluded);  // a wish lowers, never excludes: staff talk it through
  EXPECT_EQ(c[1].cautions.size(), 3u);
}

TEST(DispatchCandidates, ExcludedWhenUnqualifiedBusyOrResting) {
  DispatchSubject subject{};
  auto expired = supporter("expired", "サポーター", "女性", 40);
  auto busy = supporter("busy", "サポーター", "女性", 40);
  busy.busy = true;
  auto resting = supporter("resting", "サポーター", "女性", 40);
  resting.active = false;
  auto ok = supporter("ok", "サポーター", "女性", 40);
  auto c = rank_candidates({expired, busy, resting, ok}, "訪問同行", d("2027-04-01"), subject, {});
  // On 2027-04-01 every qualification has expired.
  for (const auto& x : c) EXPECT_TRUE(x.excluded) << x.id;
  c = rank_candidates({busy, resting, ok}, "訪問同行", d("2026-06-01"), subject, {});
  EXPECT_EQ(c[0].id, "ok");
  EXPECT_FALSE(c[0].excluded);
  EXPECT_TRUE(c[1].excluded);
  EXPECT_TRUE(c[2].excluded);
  auto other = rank_candidates({ok}, "電話・オンライン", d("2026-06-01"), subject, {});
  EXPECT_TRUE(other[0].excluded);
  EXPECT_NE(other[0].cautions[0].find("資格がありません"), std::string::npos);
}

TEST(DispatchCandidates, ExpiringQualificationIsFlagged) {
  DispatchSubject subject{};
  auto s = supporter("s", "サポーター", "女性", 40);
  auto c = rank_candidates({s}, "訪問同行", d("2027-03-01"), subject, {});
  EXPECT_FALSE(c[0].excluded);
  EXPECT_EQ(c[0].score, kCandidateActivityPoints - kCandidateExpiringPenalty);
}

}  // namespace
}  // namespace tsunagu::domain
