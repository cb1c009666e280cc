#include "report/requirement_evidence.h"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>

#include "domain/meeting.h"

namespace tsunagu::report {
namespace {

using domain::EvidenceCount;

constexpr std::string_view kPrivateGroups = "民間支援団体（当事者団体・NPO法人等）";
constexpr std::string_view kPlatformMeeting = "市町村プラットフォーム連絡会";

// ① 相談支援: contacts of the year, and of them visits.
std::vector<EvidenceCount> contacts(store::Connection& db, const OrganisationYear& s) {
  auto r = db.query_one(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN sub_kind = ? THEN 1 ELSE 0 END), 0) FROM contacts "
      "WHERE organisation_id = ? AND occurred_at >= ? AND occurred_at < ?",
      {std::string("訪問"), s.organisation_id, s.from_utc, s.to_utc});
  return {{"相談・支援記録", r->integer(0), "件"}, {"うち訪問", r->integer(1), "件"}};
}

// ③ ネットワークづくり: resource entries the organisation added that year.
std::vector<EvidenceCount> resources(store::Connection& db, const OrganisationYear& s) {
  auto r = db.query_one(
      "SELECT COUNT(*) FROM resources WHERE organisation_id = ? AND created_at >= ? AND created_at < ?",
      {s.organisation_id, s.from_utc, s.to_utc});
  return {{"社会資源の登録", r->integer(0), "件"}};
}

// ⑦ 民間団体との連携: referrals to private groups sent that year, 取消 excluded.
std::vector<EvidenceCount> private_group_referrals(store::Connection& db, const OrganisationYear& s) {
  auto r = db.query_one(
      "SELECT COUNT(*) FROM referrals WHERE organisation_id = ? AND category = ? AND state <> ? "
      "AND referred_on >= ? AND referred_on <= ?",
      {s.organisation_id, std::string(kPrivateGroups), std::string("取消"), domain::format_iso_date(s.first_day),
       domain::format_iso_date(s.last_day)});
  return {{"民間支援団体へのつなぎ", r->integer(0), "件"}};
}

// Meetings of the year by kind, organised by or shared with the organisation.
std::map<std::string, std::int64_t> meetings_by_kind(store::Connection& db, const OrganisationYear& s) {
  std::map<std::string, std::int64_t> out;
  for (const auto& r : db.query(
           "SELECT m.kind, COUNT(*) FROM meetings m WHERE m.held_on >= ? AND m.held_on <= ? AND "
           "(m.organisation_id = ? OR EXISTS (SELECT 1 FROM meeting_organisations mo "
           "WHERE mo.meeting_id = m.id AND mo.organisation_id = ?)) GROUP BY m.kind",
           {domain::format_iso_date(s.first_day), domain::format_iso_date(s.last_day), s.organisation_id,
            s.organisation_id}))
    out[r.text(0)] = r.integer(1);
  return out;
}

// ③ ネットワークづくり: 市町村プラットフォーム連絡会.
std::vector<EvidenceCount> platform_meetings(store::Connection& db, const OrganisationYear& s) {
  return {{std::string(kPlatformMeeting), meetings_by_kind(db, s)[std::string(kPlatformMeeting)], "回"}};
}

// ⑩ 支援体制の充実: ケース会議・事例検討・支援会議・重層的支援会議.
std::vector<EvidenceCount> team_meetings(store::Connection& db, const OrganisationYear& s) {
  auto meetings = meetings_by_kind(db, s);
  std::vector<EvidenceCount> team;
  for (auto kind : domain::kMeetingKindValues)
    if (kind != kPlatformMeeting) team.push_back({std::string(kind), meetings[std::string(kind)], "回"});
  return team;
}

// Sessions held (実施) in the year by the organisation's groups of the given
// kinds, one line a kind (docs/reports/groups.md says which row counts which
// kinds).
std::vector<EvidenceCount> group_sessions(store::Connection& db, const OrganisationYear& s,
                                          std::initializer_list<std::string_view> kinds) {
  std::map<std::string, std::int64_t> held;
  for (const auto& r : db.query(
           "SELECT g.kind, COUNT(*) FROM group_sessions x JOIN groups g ON g.id = x.group_id "
           "WHERE x.organisation_id = ? AND x.state = ? AND x.held_on >= ? AND x.held_on <= ? GROUP BY g.kind",
           {s.organisation_id, std::string("実施"), domain::format_iso_date(s.first_day),
            domain::format_iso_date(s.last_day)}))
    held[r.text(0)] = r.integer(1);
  std::vector<EvidenceCount> out;
  for (auto k : kinds) out.push_back({std::string(k) + "の開催", held[std::string(k)], "回"});
  return out;
}

// ② 居場所づくり.
std::vector<EvidenceCount> ibasho_sessions(store::Connection& db, const OrganisationYear& s) {
  return group_sessions(db, s, {"居場所"});
}

// ④ 当事者会・家族会の開催 (with 家族教室, CRAFT and peer activities).
std::vector<EvidenceCount> peer_and_family_sessions(store::Connection& db, const OrganisationYear& s) {
  return group_sessions(db, s, {"当事者会", "家族会", "家族教室", "CRAFT プログラム", "ピア活動"});
}

// ⑤ 住民向け講演会・研修会の開催 (and 相談会).
std::vector<EvidenceCount> public_sessions(store::Connection& db, const OrganisationYear& s) {
  return group_sessions(db, s, {"講演会・研修会", "相談会"});
}

// ⑧ 実態把握調査: surveys of the organisation whose period overlaps the
// year, and the cards returned to them (sent, whoever typed them).
std::vector<EvidenceCount> surveys(store::Connection& db, const OrganisationYear& s) {
  const std::string first = domain::format_iso_date(s.first_day), last = domain::format_iso_date(s.last_day);
  auto r = db.query_one(
      "SELECT COUNT(*), COALESCE(SUM((SELECT COUNT(*) FROM survey_cards c WHERE c.survey_id = v.id AND c.state = ?)), 0) "
      "FROM surveys v WHERE v.organisation_id = ? AND v.starts_on <= ? AND v.ends_on >= ?",
      {std::string("送信済み"), s.organisation_id, last, first});
  return {{"実態把握調査の実施", r->integer(0), "件"}, {"回収した調査票", r->integer(1), "枚"}};
}

// ⑥ サポーター派遣・養成: dispatches carried out (実施 or 報告済み) in the
// year, and sessions of 養成講座 and フォローアップ研修 held.
std::vector<EvidenceCount> supporter_work(store::Connection& db, const OrganisationYear& s) {
  auto d = db.query_one(
      "SELECT COUNT(*) FROM dispatches WHERE organisation_id = ? AND state IN ('実施', '報告済み') "
      "AND starts_at >= ? AND starts_at < ?",
      {s.organisation_id, domain::format_iso_date(s.first_day),
       domain::format_iso_date(domain::add_days(s.last_day, 1))});
  auto t = db.query_one(
      "SELECT COUNT(*) FROM training_sessions x JOIN training_courses c ON c.id = x.course_id "
      "WHERE x.organisation_id = ? AND c.kind IN ('養成講座', 'フォローアップ研修') AND x.held_on >= ? AND x.held_on <= ?",
      {s.organisation_id, domain::format_iso_date(s.first_day), domain::format_iso_date(s.last_day)});
  return {{"サポーターの派遣（実施）", d->integer(0), "件"}, {"サポーター養成・フォローアップ研修の開催", t->integer(0), "回"}};
}

// ⑪ 支援者養成（関係機関の職員養成研修）: sessions of 関係機関向け研修 held in
// the year, and the agency staff who attended them.
std::vector<EvidenceCount> agency_training(store::Connection& db, const OrganisationYear& s) {
  auto r = db.query_one(
      "SELECT COUNT(*), COALESCE(SUM(x.external_attendees), 0) FROM training_sessions x "
      "JOIN training_courses c ON c.id = x.course_id WHERE x.organisation_id = ? AND c.kind = '関係機関向け研修' "
      "AND x.held_on >= ? AND x.held_on <= ?",
      {s.organisation_id, domain::format_iso_date(s.first_day), domain::format_iso_date(s.last_day)});
  return {{"関係機関向け研修の開催", r->integer(0), "回"}, {"関係機関の職員の参加", r->integer(1), "人"}};
}

}  // namespace

// The registration: one row a source. Rows of one activity are listed in
// this order.
std::span<const EvidenceSource> evidence_sources() {
  static constexpr EvidenceSource kSources[] = {
      {1, 0, contacts},
      {2, 21, ibasho_sessions},
      {3, 0, resources},
      {3, 7, platform_meetings},
      {4, 21, peer_and_family_sessions},
      {5, 21, public_sessions},
      {6, 26, supporter_work},
      {7, 0, private_group_referrals},
      {8, 25, surveys},
      {10, 7, team_meetings},
      {11, 26, agency_training},
  };
  static_assert(std::ranges::all_of(kSources, [](const EvidenceSource& s) { return s.activity >= 1 && s.activity <= 12; }),
                "an activity is numbered 1..12");
  return kSources;
}

std::array<domain::ActivityEvidence, 12> count_evidence(store::Connection& db, const OrganisationYear& scope) {
  std::array<domain::ActivityEvidence, 12> ev{};
  std::map<int, bool> migrated;
  for (const auto& source : evidence_sources()) {
    if (source.since_migration) {
      auto [it, fresh] = migrated.try_emplace(source.since_migration, false);
      if (fresh) it->second = has_migration(db, source.since_migration);
      if (!it->second) continue;
    }
    auto& slot = ev.at(source.activity - 1);
    if (!slot) slot.emplace();
    for (auto& e : source.count(db, scope)) slot->push_back(std::move(e));
  }
  return ev;
}

bool has_migration(store::Connection& db, int version) {
  return db.query_one("SELECT 1 FROM schema_migrations WHERE version = ?", {std::int64_t{version}}).has_value();
}

}  // namespace tsunagu::report
