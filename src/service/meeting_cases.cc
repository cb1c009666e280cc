// The cases discussed in a meeting and what was shared about each: the
// sharing rule of the meeting's kind, the snapshot participants see, and
// the 支援会議 as the sharing basis of a referral.
#include <algorithm>

#include "domain/meeting.h"
#include "service/audit.h"
#include "service/case_parts.h"
#include "service/clock.h"
#include "service/consents.h"
#include "service/json_optional.h"
#include "service/meetings.h"
#include "service/problem.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr char kSelect[] =
    "SELECT c.id, c.meeting_id, c.case_id, c.organisation_id, o.name, c.shared_parts, c.consent_id, c.note, "
    "c.shared_at FROM meeting_cases c JOIN organisations o ON o.id = c.organisation_id";

MeetingCase from_row(const store::Row& r) {
  MeetingCase c;
  c.id = r.text(0);
  c.meeting_id = r.text(1);
  c.case_id = r.text(2);
  c.organisation_id = r.text(3);
  c.organisation_name = r.text(4);
  auto parts = nlohmann::json::parse(r.text(5), nullptr, false);
  if (parts.is_array())
    for (const auto& p : parts)
      if (p.is_string()) c.shared_parts.push_back(p.get<std::string>());
  c.consent_id = r.opt_text(6);
  c.note = r.opt_text(7);
  c.shared_at = r.text(8);
  return c;
}

}  // namespace

std::vector<MeetingCase> meeting_cases(store::Connection& db, const std::string& meeting_id) {
  std::vector<MeetingCase> out;
  for (const auto& r : db.query(std::string(kSelect) + " WHERE c.meeting_id = ? ORDER BY c.shared_at, c.id", {meeting_id}))
    out.push_back(from_row(r));
  return out;
}

std::vector<MeetingCase> meeting_cases_of_case(store::Connection& db, const std::string& case_id) {
  std::vector<MeetingCase> out;
  for (const auto& r : db.query(std::string(kSelect) + " WHERE c.case_id = ? ORDER BY c.shared_at, c.id", {case_id}))
    out.push_back(from_row(r));
  return out;
}

std::optional<MeetingCase> find_meeting_case(store::Connection& db, const std::string& id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE c.id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(*r);
}

MeetingCaseInput read_meeting_case(store::Connection& db, const Actor& actor, const std::string& kind,
                                   const nlohmann::json& item, const std::string& field, Input& in) {
  MeetingCaseInput out;
  auto at = [&](const char* name) { return field.empty() ? std::string(name) : field + "." + name; };
  if (!item.is_object()) {
    in.fail(field.empty() ? "case_id" : field, "検討したケースの指定が読み取れません。");
    return out;
  }
  Input sub(item);
  auto case_id = sub.opt_text("case_id", "ケース", {.required = true, .max = 64});
  auto ref = case_id ? find_case_ref(db, *case_id) : std::nullopt;
  // Another organisation's case is answered like a missing one.
  if (!case_id || !ref || ref->organisation_id != actor.organisation_id)
    in.fail(at("case_id"), "検討したケースが見つかりません（自組織のケースを選んでください）。");
  else
    out.case_id = *case_id;
  if (item.contains("shared_parts") && !(item["shared_parts"].is_array() && item["shared_parts"].empty()))
    read_parts(item, "shared_parts", "共有した範囲", in, out.parts);
  if (item.contains("note") && !item["note"].is_null() &&
      (!item["note"].is_string() || utf8_length(item["note"].get<std::string>()) > 2000))
    in.fail(at("note"), "検討の内容は2000文字以内の文字列で入力してください。");
  else if (item.contains("note") && item["note"].is_string() && !item["note"].get<std::string>().empty())
    out.note = item["note"].get<std::string>();
  if (item.contains("consent_id") && item["consent_id"].is_string()) out.consent_id = item["consent_id"].get<std::string>();
  if (out.parts.empty() || out.case_id.empty()) return out;

  // Sharing: a 支援会議 by its law; every other kind on the person's consent.
  std::optional<Consent> consent = out.consent_id ? find_consent(db, *out.consent_id) : std::nullopt;
  // Only 本人同意 (本人's own or a legal representative's) opens 本人's case.
  bool consent_ok = consent && consent->case_id == out.case_id && consent->active() && consent->subject_basis();
  if (consent_ok)
    for (const auto& p : out.parts)
      if (std::find(consent->scope.begin(), consent->scope.end(), p) == consent->scope.end()) {
        in.fail(at("shared_parts"), "「" + std::string(shared_part_label(p)) + "」は同意の範囲に含まれていません。");
        return out;
      }
  if (!domain::may_share_in_meeting(kind, consent_ok)) {
    if (!out.consent_id)
      in.fail(at("consent_id"), kind + "でケースの情報を共有するには、本人同意の記録が必要です。"
                                     "同意の記録を選ぶか、共有する範囲を空にしてください。");
    else if (!consent || consent->case_id != out.case_id)
      in.fail(at("consent_id"), "このケースの本人同意の記録が見つかりません。");
    else if (!consent->subject_basis())
      in.fail(at("consent_id"), std::string(*domain::consent_basis_refusal(consent->giver, "")));
    else
      in.fail(at("consent_id"), "この同意は撤回されています。撤回された同意で情報を共有することはできません。");
  }
  if (!domain::meeting_needs_consent(kind).value_or(true)) out.consent_id.reset();  // the law is the basis
  return out;
}

MeetingCase insert_meeting_case(store::Connection& db, const Actor& actor, const Meeting& m,
                                const MeetingCaseInput& c) {
  std::string id = random_id(), now = now_utc();
  // What the participants are shown is fixed here, at the moment of sharing.
  db.execute(
      "INSERT INTO meeting_cases (id, meeting_id, case_id, organisation_id, shared_parts, consent_id, note, content, "
      "shared_at, shared_by) VALUES (?,?,?,?,?,?,?,?,?,?)",
      {id, m.id, c.case_id, actor.organisation_id, nlohmann::json(c.parts).dump(), store::text_or_null(c.consent_id),
       store::text_or_null(c.note), case_parts_content(db, c.case_id, c.parts).dump(), now, actor.user_id});
  audit(db, actor, {"create", "meeting_case", id, "meeting " + m.id + " case " + c.case_id + " (" + m.kind + ")"});
  return *find_meeting_case(db, id);
}

MeetingCase add_meeting_case(store::Connection& db, const Actor& actor, const Meeting& m, const nlohmann::json& body) {
  Input in(body);
  auto c = read_meeting_case(db, actor, m.kind, body, "", in);
  if (!c.case_id.empty() &&
      db.query_one("SELECT 1 FROM meeting_cases WHERE meeting_id = ? AND case_id = ?", {m.id, c.case_id}))
    in.fail("case_id", "このケースは、すでにこの会議で検討したケースとして記録されています。");
  in.check();
  return insert_meeting_case(db, actor, m, c);
}

nlohmann::json meeting_case_shared(store::Connection& db, const Actor& actor, const Meeting& m,
                                   const MeetingCase& mc) {
  nlohmann::json out = {{"meeting_id", m.id},
                        {"meeting_case_id", mc.id},
                        {"kind", m.kind},
                        {"legal_basis", nj(m.legal_basis)},
                        {"organisation_name", mc.organisation_name},
                        {"shared_parts", mc.shared_parts},
                        {"shared_at", mc.shared_at}};
  if (mc.organisation_id == actor.organisation_id) {
    out["case_id"] = mc.case_id;
    out["consent_id"] = nj(mc.consent_id);
    out["content"] = case_parts_content(db, mc.case_id, mc.shared_parts);
    out["current"] = true;
    audit(db, actor, {"read", "meeting_share", mc.id, "owner preview"});
    return out;
  }
  auto row = db.query_one("SELECT content FROM meeting_cases WHERE id = ?", {mc.id});
  auto content = row ? nlohmann::json::parse(row->text(0), nullptr, false) : nlohmann::json::object();
  // Shared before the parts lost their record ids (case_parts.h).
  out["content"] = content.is_discarded() ? nlohmann::json::object() : without_record_ids(std::move(content));
  out["current"] = false;
  out["notice"] = "会議で共有された時点の内容です。それ以外のケースの情報は表示されません。";
  audit(db, actor, {"read", "meeting_share", mc.id, "meeting " + m.id});
  return out;
}

void check_meeting_basis_of_referral(store::Connection& db, Input& in, const std::optional<std::string>& meeting_id,
                                     const std::string& case_id,
                                     const std::optional<std::string>& receiving_organisation_id,
                                     const std::vector<std::string>& parts, const std::string& receiver) {
  auto m = meeting_id ? find_meeting(db, *meeting_id) : std::nullopt;
  if (!m) {
    in.fail("meeting_id", "支援会議の記録が見つかりません。支援会議で共有する場合は、会議を記録してから選んでください。");
    return;
  }
  std::optional<MeetingCase> discussed;
  for (auto& c : meeting_cases(db, m->id))
    if (c.case_id == case_id) discussed = c;
  bool within = discussed && std::all_of(parts.begin(), parts.end(), [&](const std::string& p) {
                  return std::find(discussed->shared_parts.begin(), discussed->shared_parts.end(), p) !=
                         discussed->shared_parts.end();
                });
  bool participated = receiving_organisation_id && m->involves(*receiving_organisation_id);
  switch (domain::check_meeting_referral(m->kind, discussed.has_value(), participated, within)) {
    case domain::MeetingReferralCheck::kAllowed: return;
    case domain::MeetingReferralCheck::kNotSupportMeeting:
      in.fail("meeting_id", "選んだ会議は" + m->kind + "です。同意なしに共有できるのは、法に基づく支援会議だけです。");
      return;
    case domain::MeetingReferralCheck::kCaseNotDiscussed:
      in.fail("meeting_id", "このケースは、選んだ支援会議で検討したケースとして記録されていません。");
      return;
    case domain::MeetingReferralCheck::kReceiverNotParticipant:
      in.fail("meeting_id", receiver + "は、選んだ支援会議の参加機関ではありません。支援会議の構成員にだけ、同意なしに共有できます。");
      return;
    case domain::MeetingReferralCheck::kPartNotShared:
      in.fail("shared_parts", "支援会議で共有した範囲を超えて共有することはできません。");
      return;
  }
}

}  // namespace tsunagu::service
