#include "report/requirements.h"

#include "domain/contact.h"
#include "domain/meeting.h"

namespace tsunagu::report {
namespace {

using domain::EvidenceCount;

constexpr std::string_view kPrivateGroups = "民間支援団体（当事者団体・NPO法人等）";
constexpr std::string_view kPlatformMeeting = "市町村プラットフォーム連絡会";

std::vector<EvidenceCount> contact_evidence(store::Connection& db, const OrganisationYear& s) {
  auto r = db.query_one(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN sub_kind = ? THEN 1 ELSE 0 END), 0) FROM contacts "
      "WHERE organisation_id = ? AND occurred_at >= ? AND occurred_at < ?",
      {std::string("訪問"), s.organisation_id, s.from_utc, s.to_utc});
  return {{"相談・支援記録", r->integer(0), "件"}, {"うち訪問", r->integer(1), "件"}};
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

// Sessions held (実施) in the year by the organisation's groups, by kind
// (docs/reports/groups.md says which row counts which kinds).
std::map<std::string, std::int64_t> group_sessions_by_kind(store::Connection& db, const OrganisationYear& s) {
  std::map<std::string, std::int64_t> out;
  for (const auto& r : db.query(
           "SELECT g.kind, COUNT(*) FROM group_sessions x JOIN groups g ON g.id = x.group_id "
           "WHERE x.organisation_id = ? AND x.state = ? AND x.held_on >= ? AND x.held_on <= ? GROUP BY g.kind",
           {s.organisation_id, std::string("実施"), domain::format_iso_date(s.first_day),
            domain::format_iso_date(s.last_day)}))
    out[r.text(0)] = r.integer(1);
  return out;
}

std::vector<EvidenceCount> sessions_of(std::map<std::string, std::int64_t>& held,
                                       std::initializer_list<std::string_view> kinds) {
  std::vector<EvidenceCount> out;
  for (auto k : kinds) out.push_back({std::string(k) + "の開催", held[std::string(k)], "回"});
  return out;
}

std::array<domain::ActivityEvidence, 12> evidence(store::Connection& db, const OrganisationYear& s) {
  std::array<domain::ActivityEvidence, 12> ev{};
  ev[0] = contact_evidence(db, s);
  auto resources = db.query_one(
      "SELECT COUNT(*) FROM resources WHERE organisation_id = ? AND created_at >= ? AND created_at < ?",
      {s.organisation_id, s.from_utc, s.to_utc});
  std::vector<EvidenceCount> network{{"社会資源の登録", resources->integer(0), "件"}};
  auto referrals = db.query_one(
      "SELECT COUNT(*) FROM referrals WHERE organisation_id = ? AND category = ? AND state <> ? "
      "AND referred_on >= ? AND referred_on <= ?",
      {s.organisation_id, std::string(kPrivateGroups), std::string("取消"), domain::format_iso_date(s.first_day),
       domain::format_iso_date(s.last_day)});
  ev[6] = std::vector<EvidenceCount>{{"民間支援団体へのつなぎ", referrals->integer(0), "件"}};
  if (has_migration(db, 7)) {
    auto meetings = meetings_by_kind(db, s);
    network.push_back({std::string(kPlatformMeeting), meetings[std::string(kPlatformMeeting)], "回"});
    std::vector<EvidenceCount> team;
    for (auto kind : domain::kMeetingKindValues)
      if (kind != kPlatformMeeting) team.push_back({std::string(kind), meetings[std::string(kind)], "回"});
    ev[9] = std::move(team);
  }
  ev[2] = std::move(network);
  if (has_migration(db, 21)) {
    auto held = group_sessions_by_kind(db, s);
    ev[1] = sessions_of(held, {"居場所"});
    ev[3] = sessions_of(held, {"当事者会", "家族会", "家族教室", "CRAFT プログラム", "ピア活動"});
    ev[4] = sessions_of(held, {"講演会・研修会", "相談会"});
  }
  return ev;
}

Table make_table(const OrganisationYear& s, const std::vector<domain::RequirementRow>& rows) {
  Table t;
  t.id = "program_requirements";
  t.title = "取組の実施状況（事業類型別の必須・任意）";
  t.sheet_name = "取組の実施状況";
  t.caption = scope_caption(s);
  t.caption.push_back("事業類型: " + s.program_type.value_or("未設定"));
  t.notes = {"◎は必須事業、○は任意事業、–は対象外（実施主体・事業別の取組一覧）。",
             "「記録なし」は、その取組を記録する機能がまだないことを示します（0件ではありません）。",
             "「要確認」は、必須事業で今年度の記録が見つからない取組です。"};
  t.columns = {{"number", "番号", ColumnKind::text},  {"activity", "取組", ColumnKind::text},
               {"mark", "区分", ColumnKind::text},    {"evidence", "根拠となる記録", ColumnKind::text},
               {"count", "件数", ColumnKind::count},  {"state", "実績", ColumnKind::text},
               {"check", "確認", ColumnKind::text}};
  for (const auto& r : rows) {
    std::string mark = r.requirement ? std::string(domain::symbol(*r.requirement)) : "";
    std::string check = r.required_without_evidence ? "要確認" : "";
    auto base = [&](std::string label, Cell count) {
      return std::vector<Cell>{std::string(domain::circled_number(r.number)), std::string(r.activity), mark,
                               std::move(label), std::move(count),
                               std::string(domain::evidence_state_label(r.state)), check};
    };
    if (!r.evidence || r.evidence->empty()) {
      t.rows.push_back(base(std::string(domain::kNoRecordFeature), std::monostate{}));
      continue;
    }
    for (const auto& e : *r.evidence) t.rows.push_back(base(e.label, e.count));
  }
  return t;
}

}  // namespace

bool has_migration(store::Connection& db, int version) {
  return db.query_one("SELECT 1 FROM schema_migrations WHERE version = ?", {std::int64_t{version}}).has_value();
}

RequirementReport requirement_report(store::Connection& db, const OrganisationYear& scope) {
  RequirementReport out;
  std::optional<std::string_view> type;
  if (scope.program_type) type = *scope.program_type;
  out.rows = domain::requirement_rows(type, evidence(db, scope));
  out.table = make_table(scope, out.rows);
  return out;
}

nlohmann::json to_json(const OrganisationYear& scope, const RequirementReport& r) {
  auto j = scope_json(scope);
  auto items = nlohmann::json::array();
  for (const auto& row : r.rows) {
    nlohmann::json evidence = nullptr;
    if (row.evidence) {
      evidence = nlohmann::json::array();
      for (const auto& e : *row.evidence)
        evidence.push_back({{"label", e.label}, {"count", e.count}, {"unit", e.unit}});
    }
    items.push_back({{"number", row.number},
                     {"symbol", domain::circled_number(row.number)},
                     {"activity", row.activity},
                     {"mark", row.requirement ? nlohmann::json(domain::symbol(*row.requirement))
                                              : nlohmann::json(nullptr)},
                     {"evidence", std::move(evidence)},
                     {"state", domain::evidence_state_label(row.state)},
                     {"required_without_evidence", row.required_without_evidence}});
  }
  j["activities"] = std::move(items);
  j["tables"] = nlohmann::json::array({r.table});
  return j;
}

}  // namespace tsunagu::report
