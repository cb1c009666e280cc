#include "service/referrals.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "domain/case_status.h"
#include "domain/date.h"
#include "domain/referral_category.h"
#include "domain/referral_state.h"
#include "domain/validation.h"
#include "service/audit.h"
#include "service/case_numbering.h"
#include "service/case_parts.h"
#include "service/clock.h"
#include "domain/consent_giver.h"
#include "service/consents.h"
#include "service/input.h"
#include "service/meetings.h"
#include "service/organisations.h"
#include "service/problem.h"
#include "service/referral_view.h"
#include "service/resources.h"
#include "service/secrets.h"

#include "service/json_optional.h"

namespace tsunagu::service {
namespace {

constexpr std::string_view kConsentBasis = "本人同意";
constexpr std::string_view kMeetingBasis = "支援会議";
constexpr std::string_view kExceptionBasis = "個人情報保護法第27条第1項";
constexpr std::array<std::string_view, 3> kBasisValues{kConsentBasis, kMeetingBasis, kExceptionBasis};

constexpr char kSelect[] =
    "SELECT f.id, f.case_id, f.organisation_id, so.name, f.resource_id, r.name, f.receiving_organisation_id, "
    "ro.name, f.category, f.purpose, f.accompanied, f.shared_parts, f.basis, f.consent_id, f.meeting_id, "
    "f.basis_reason, f.state, f.referred_on, f.receiver_case_id, f.version, f.created_at, f.updated_at "
    "FROM referrals f JOIN organisations so ON so.id = f.organisation_id JOIN resources r ON r.id = f.resource_id "
    "LEFT JOIN organisations ro ON ro.id = f.receiving_organisation_id";

std::vector<std::string> string_array(const std::string& text) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_array())
    for (const auto& x : j)
      if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}

Referral from_row(const store::Row& r) {
  store::Cells in(r);
  Referral x;
  x.id = in.text();
  x.case_id = in.text();
  x.organisation_id = in.text();
  x.organisation_name = in.text();
  x.resource_id = in.text();
  x.resource_name = in.text();
  x.receiving_organisation_id = in.opt_text();
  x.receiving_organisation_name = in.opt_text();
  x.category = in.text();
  x.purpose = in.text();
  x.accompanied = in.flag();
  x.shared_parts = string_array(in.text());
  x.basis = in.text();
  x.consent_id = in.opt_text();
  x.meeting_id = in.opt_text();
  x.basis_reason = in.opt_text();
  x.state = in.text();
  x.referred_on = in.text();
  x.receiver_case_id = in.opt_text();
  x.version = in.integer();
  x.created_at = in.text();
  x.updated_at = in.text();
  return x;
}


std::vector<Referral> select_many(store::Connection& db, const std::string& where, std::initializer_list<store::Value> p) {
  std::vector<Referral> out;
  for (const auto& row : db.query(std::string(kSelect) + " WHERE " + where + " ORDER BY f.created_at DESC, f.id", p))
    out.push_back(from_row(row));
  return out;
}

bool is_sender(const Actor& a, const Referral& r) { return a.organisation_id == r.organisation_id; }
bool is_receiver(const Actor& a, const Referral& r) {
  return r.receiving_organisation_id && *r.receiving_organisation_id == a.organisation_id;
}

// The side the actor plays. A place outside tsunagu cannot answer in the
// system, so its sender records the receiver's answers too.
domain::Party party_for(const Actor& a, const Referral& r, std::string_view to) {
  if (is_receiver(a, r)) return domain::Party::kReceiver;
  if (!r.receiving_organisation_id) {
    auto* move = domain::find_move(domain::referral_state_machine(), r.state, to);
    return move ? move->party : domain::Party::kSender;
  }
  return domain::Party::kSender;
}


void add_event(store::Connection& db, const Actor& actor, const std::string& referral_id,
               const std::optional<std::string>& from, const std::string& to, const std::optional<std::string>& note,
               const std::string& on) {
  db.execute(
      "INSERT INTO referral_events (id, referral_id, from_state, to_state, note, occurred_on, user_id, "
      "organisation_id, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
      {random_id(), referral_id, store::text_or_null(from), to, store::text_or_null(note), on, actor.user_id,
       actor.organisation_id, now_utc()});
}

std::string subject_awareness(store::Connection& db, const std::string& case_id) {
  auto r = db.query_one("SELECT subject_awareness FROM cases WHERE id = ?", {case_id});
  return r ? r->text(0) : std::string();
}

// When sharing stopped: the consent's withdrawal, or the referral ending
// before it was taken up (辞退 / 取消).
std::optional<std::string> basis_ended_at(store::Connection& db, const Referral& r) {
  if (r.basis == kConsentBasis && r.consent_id) {
    auto c = find_consent(db, *r.consent_id);
    if (!c || c->withdrawn_at) return c ? c->withdrawn_at : std::optional<std::string>(r.updated_at);
    // A family member's consent was never a basis for 本人's information
    // (records from before givers were recorded, migration 0027): nothing
    // is shared on it from when it was recorded.
    if (!c->subject_basis()) return c->created_at;
  }
  if (r.state == "取消" || r.state == "辞退") {
    auto e = db.query_one(
        "SELECT MIN(created_at) FROM referral_events WHERE referral_id = ? AND to_state IN ('取消', '辞退')", {r.id});
    return e && !e->is_null(0) ? e->text(0) : r.updated_at;
  }
  return std::nullopt;
}

ShareGrant grant_of(store::Connection& db, const Referral& r) {
  return ShareGrant{r.organisation_id, r.receiving_organisation_id, r.shared_parts, basis_ended_at(db, r)};
}

}  // namespace

Target Referral::target() const {
  Target t{organisation_id, std::nullopt};
  if (receiving_organisation_id) t.parties.push_back(*receiving_organisation_id);
  return t;
}

void to_json(nlohmann::json& j, const Referral& r) {
  j = {{"id", r.id},
       {"case_id", r.case_id},
       {"organisation_id", r.organisation_id},
       {"organisation_name", r.organisation_name},
       {"resource_id", r.resource_id},
       {"resource_name", r.resource_name},
       {"receiving_organisation_id", nj(r.receiving_organisation_id)},
       {"receiving_organisation_name", nj(r.receiving_organisation_name)},
       {"outside_tsunagu", !r.receiving_organisation_id},
       {"category", r.category},
       {"purpose", r.purpose},
       {"accompanied", r.accompanied},
       {"shared_parts", r.shared_parts},
       {"basis", r.basis},
       {"consent_id", nj(r.consent_id)},
       {"meeting_id", nj(r.meeting_id)},
       {"basis_reason", nj(r.basis_reason)},
       {"state", r.state},
       {"referred_on", r.referred_on},
       {"receiver_case_id", nj(r.receiver_case_id)},
       {"version", r.version},
       {"created_at", r.created_at},
       {"updated_at", r.updated_at}};
}

std::optional<Referral> find_referral(store::Connection& db, const std::string& id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE f.id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(*r);
}

std::vector<Referral> referrals_of_case(store::Connection& db, const std::string& case_id) {
  return select_many(db, "f.case_id = ?", {case_id});
}

std::vector<Referral> sent_referrals(store::Connection& db, const Actor& actor, const std::optional<std::string>& state) {
  if (state) return select_many(db, "f.organisation_id = ? AND f.state = ?", {actor.organisation_id, *state});
  return select_many(db, "f.organisation_id = ?", {actor.organisation_id});
}

std::vector<Referral> inbox(store::Connection& db, const Actor& actor, const std::optional<std::string>& state) {
  if (state) return select_many(db, "f.receiving_organisation_id = ? AND f.state = ?", {actor.organisation_id, *state});
  return select_many(db, "f.receiving_organisation_id = ?", {actor.organisation_id});
}

nlohmann::json referral_detail(store::Connection& db, const Actor& actor, const Referral& r) {
  nlohmann::json j = referral_view(actor, r);
  auto events = nlohmann::json::array();
  for (const auto& e : db.query(
           "SELECT e.id, e.from_state, e.to_state, e.note, e.occurred_on, e.created_at, u.display_name, o.name "
           "FROM referral_events e JOIN users u ON u.id = e.user_id JOIN organisations o ON o.id = e.organisation_id "
           "WHERE e.referral_id = ? ORDER BY e.created_at, e.id",
           {r.id}))
    events.push_back({{"id", e.text(0)}, {"from_state", nj(e.opt_text(1))}, {"to_state", e.text(2)},
                      {"note", nj(e.opt_text(3))}, {"occurred_on", e.text(4)}, {"created_at", e.text(5)},
                      {"user_name", e.text(6)}, {"organisation_name", e.text(7)}});
  auto feedback = nlohmann::json::array();
  for (const auto& f : db.query(
           "SELECT f.id, f.note, f.created_at, u.display_name, o.name FROM referral_feedback f "
           "JOIN users u ON u.id = f.user_id JOIN organisations o ON o.id = f.organisation_id "
           "WHERE f.referral_id = ? ORDER BY f.created_at, f.id",
           {r.id}))
    feedback.push_back({{"id", f.text(0)}, {"note", f.text(1)}, {"created_at", f.text(2)},
                        {"user_name", f.text(3)}, {"organisation_name", f.text(4)}});
  auto moves = nlohmann::json::array();
  for (const auto& m : domain::moves_from(domain::referral_state_machine(), r.state)) {
    auto side = party_for(actor, r, m.to);
    if (m.party == domain::Party::kAny || m.party == side)
      moves.push_back({{"to", std::string(m.to)}, {"needs_reason", m.needs_reason}});
  }
  j["events"] = events;
  j["feedback"] = feedback;
  j["allowed_moves"] = moves;
  j["side"] = is_sender(actor, r) ? "sender" : "receiver";
  return j;
}

Referral create_referral(store::Connection& db, const Actor& actor, const CaseRef& c, const nlohmann::json& body) {
  Input in(body);
  auto resource_id = in.opt_text("resource_id", "つなぎ先", {.required = true, .max = 64});
  std::optional<Resource> resource;
  if (resource_id) {
    resource = find_resource(db, *resource_id);
    if (!resource || !resource->active) in.fail("resource_id", "つなぎ先の社会資源が見つかりません。");
  }
  auto category = in.choice("category", "つなぎ先の区分", domain::kReferralCategoryValues, false);
  std::string purpose = in.text("purpose", "つなぐ目的", {.required = true, .max = 2000, .multiline = true});
  bool accompanied = in.boolean("accompanied", "同行", false).value_or(false);
  std::vector<std::string> parts;
  if (in.has("shared_parts") && body["shared_parts"].is_array() && body["shared_parts"].empty()) {
    // nothing of the case is shared beyond the referral itself
  } else if (in.has("shared_parts")) {
    read_parts(body, "shared_parts", "共有する範囲", in, parts);
  }
  auto basis = in.choice("basis", "情報共有の根拠", kBasisValues, false);
  auto consent_id = in.opt_text("consent_id", "本人同意の記録", {.required = false, .max = 64});
  auto meeting_id = in.opt_text("meeting_id", "支援会議", {.required = false, .max = 64});
  auto reason = in.opt_text("basis_reason", "例外とする理由", {.required = false, .max = 2000, .multiline = true});
  auto note = in.opt_text("note", "備考", {.required = false, .max = 2000, .multiline = true});
  std::string on = in.past_day_or_today("referred_on", "つないだ日", false);
  if (!basis) {
    in.fail("basis",
            "情報共有の根拠がありません。本人同意の記録、支援会議、または個人情報保護法第27条第1項の例外（理由つき）の"
            "いずれかがないと、ほかの機関へつなぐことはできません。");
  } else if (*basis == kConsentBasis) {
    auto consent = consent_id ? find_consent(db, *consent_id) : std::nullopt;
    if (!consent_id) {
      in.fail("consent_id", "本人同意の記録を選んでください。同意がないまま情報を共有することはできません。");
    } else if (!consent || consent->case_id != c.id) {
      in.fail("consent_id", "このケースの本人同意の記録が見つかりません。");
    } else if (!consent->active()) {
      in.fail("consent_id", "この同意は撤回されています。撤回された同意で情報を共有することはできません。");
    } else if (auto why = domain::consent_basis_refusal(consent->giver, subject_awareness(db, c.id))) {
      in.fail("consent_id", std::string(*why));
    } else if (resource) {
      bool to_resource = consent->destination_resource_id && *consent->destination_resource_id == resource->id;
      bool to_org = consent->destination_organisation_id && resource->linked_organisation_id &&
                    *consent->destination_organisation_id == *resource->linked_organisation_id;
      if (!to_resource && !to_org)
        in.fail("consent_id", "この同意の共有先は、選んだつなぎ先と異なります。つなぎ先への同意を記録してください。");
      for (const auto& p : parts) {
        bool covered = false;
        for (const auto& s : consent->scope) covered = covered || s == p;
        if (!covered) {
          in.fail("shared_parts", "「" + std::string(shared_part_label(p)) + "」は同意の範囲に含まれていません。");
          break;
        }
      }
    }
  } else if (*basis == kMeetingBasis) {
    // The law of the 支援会議 allows sharing among its members without
    // consent: only for a case discussed there, with a participant.
    check_meeting_basis_of_referral(db, in, meeting_id, c.id,
                                    resource ? resource->linked_organisation_id : std::nullopt, parts);
  } else if (!reason || domain::is_blank(*reason)) {
    in.fail("basis_reason", "個人情報保護法第27条第1項の例外とする理由（例：生命・身体の保護のため本人の同意を得ることが困難）を入力してください。");
  }
  in.check();
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO referrals (id, case_id, organisation_id, resource_id, receiving_organisation_id, category, "
      "purpose, accompanied, shared_parts, basis, consent_id, meeting_id, basis_reason, state, referred_on, "
      "created_by, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
      {id, c.id, c.organisation_id, resource->id, store::text_or_null(resource->linked_organisation_id),
       category.value_or(resource->category), purpose, std::int64_t{accompanied ? 1 : 0},
       nlohmann::json(parts).dump(), *basis, *basis == kConsentBasis ? store::text_or_null(consent_id) : store::null(),
       *basis == kMeetingBasis ? store::text_or_null(meeting_id) : store::null(), *basis == kExceptionBasis ? store::text_or_null(reason) : store::null(),
       std::string(domain::referral_state_machine().initial), on, actor.user_id, now, now});
  add_event(db, actor, id, std::nullopt, std::string(domain::referral_state_machine().initial), note, on);
  audit(db, actor, {"create", "referral", id, "case " + c.id + " basis " + *basis});
  return *find_referral(db, id);
}

Referral accept_referral(store::Connection& db, const Actor& actor, const Referral& r, const nlohmann::json& body) {
  if (!is_receiver(actor, r)) throw not_found();
  if (r.state != "依頼")
    throw Problem(409, "referral_already_answered",
                  "このつなぎはすでに「" + r.state + "」になっています。画面を更新して、最新の状況を確認してください。");
  Input in(body);
  auto link = in.opt_text("case_id", "結びつけるケース", {.required = false, .max = 64});
  auto title = in.opt_text("title", "ケースの呼び名", {.required = false, .max = 200});
  auto note = in.opt_text("note", "メモ", {.required = false, .max = 2000, .multiline = true});
  std::string on = in.past_day_or_today("occurred_on", "受理した日", false);
  if (link) {
    auto ref = find_case_ref(db, *link);
    if (!ref || ref->organisation_id != actor.organisation_id)
      in.fail("case_id", "結びつけるケースが見つかりません（自組織のケースを選んでください）。");
  }
  in.check();
  std::string now = now_utc();
  // The state guard is the concurrency control: of two simultaneous
  // accepts, the second finds the row no longer in 依頼 and changes nothing.
  auto changed = db.execute(
      "UPDATE referrals SET state = '受理', version = version + 1, updated_at = ? WHERE id = ? AND state = '依頼'",
      {now, r.id});
  if (changed == 0)
    throw Problem(409, "referral_already_answered",
                  "このつなぎは、ほかの方が先に受理（または応答）しました。画面を更新して、最新の状況を確認してください。");
  std::string case_id;
  if (link) {
    case_id = *link;
  } else {
    case_id = random_id();
    auto stage = db.query_one("SELECT stage_model FROM organisations WHERE id = ?", {actor.organisation_id});
    std::string initial(domain::case_status_machine().initial);
    db.execute(
        "INSERT INTO cases (id, organisation_id, title, status, intake_route, subject_awareness, needs, stage_model, "
        "opened_on, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,1,?,?)",
        {case_id, actor.organisation_id, title.value_or(r.organisation_name + "からのつなぎ"), initial, "関係機関",
         "不明", "[]", stage ? stage->text(0) : std::string("guideline2010"), on, now, now});
    db.execute(
        "INSERT INTO case_status_changes (id, case_id, from_status, to_status, reason, changed_on, user_id, created_at) "
        "VALUES (?,?,?,?,?,?,?,?)",
        {random_id(), case_id, store::null(), initial, std::string("つなぎの受理"), on, actor.user_id, now});
    fold_case_title(db, case_id, title.value_or(r.organisation_name + "からのつなぎ"));
    assign_case_number(db, case_id);
    audit(db, actor, {"create", "case", case_id, "accepted referral " + r.id});
  }
  db.execute("UPDATE referrals SET receiver_case_id = ? WHERE id = ?", {case_id, r.id});
  add_event(db, actor, r.id, r.state, "受理", note, on);
  audit(db, actor, {"update", "referral", r.id, "依頼 → 受理"});
  return *find_referral(db, r.id);
}

Referral move_referral(store::Connection& db, const Actor& actor, const Referral& r, std::int64_t expected_version,
                       const nlohmann::json& body) {
  Input in(body);
  std::string to = in.choice("to", "新しい状況", domain::kReferralStateValues, true).value_or("");
  auto note = in.opt_text("note", "メモ", {.required = false, .max = 2000, .multiline = true});
  std::string on = in.past_day_or_today("occurred_on", "日付", false);
  in.check();
  if (to == "受理" && r.receiving_organisation_id)
    throw Problem(409, "use_accept", "受理は「受理する」(POST /api/v1/referrals/{id}/accept) から行ってください。");
  if (r.version != expected_version) throw version_conflict(referral_view(actor, r));
  const auto& machine = domain::referral_state_machine();
  auto check = domain::check_move(machine, r.state, to, party_for(actor, r, to), note.value_or(""));
  if (check != domain::MoveCheck::kAllowed) {
    Problem p(409, "invalid_transition",
              "「" + r.state + "」から「" + to + "」には変更できません。" + std::string(domain::describe(check)));
    throw p;
  }
  auto changed = db.execute(
      "UPDATE referrals SET state = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ? AND state = ?",
      {to, now_utc(), r.id, expected_version, r.state});
  if (changed == 0) throw version_conflict(referral_view(actor, *find_referral(db, r.id)));
  add_event(db, actor, r.id, r.state, to, note, on);
  audit(db, actor, {"update", "referral", r.id, r.state + " → " + to});
  return *find_referral(db, r.id);
}

nlohmann::json add_feedback(store::Connection& db, const Actor& actor, const Referral& r, const nlohmann::json& body) {
  Input in(body);
  std::string note = in.text("note", "フィードバック", {.required = true, .max = 4000, .multiline = true});
  in.check();
  if (r.state == "依頼" || r.state == "辞退" || r.state == "取消")
    throw Problem(409, "referral_not_accepted", "受理していないつなぎには、フィードバックを書けません。");
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO referral_feedback (id, referral_id, organisation_id, user_id, note, created_at) VALUES (?,?,?,?,?,?)",
      {id, r.id, actor.organisation_id, actor.user_id, note, now});
  audit(db, actor, {"create", "referral_feedback", id, "referral " + r.id});
  return {{"id", id}, {"referral_id", r.id}, {"note", note}, {"created_at", now},
          {"user_name", actor.display_name}, {"organisation_name", actor.organisation_name}};
}

nlohmann::json shared_view(store::Connection& db, const Actor& actor, const Referral& r) {
  ShareGrant grant = grant_of(db, r);
  nlohmann::json out = {{"referral_id", r.id}, {"basis", r.basis}, {"consent_id", nullptr},
                        {"shared_parts", r.shared_parts}, {"basis_ended_at", nj(grant.basis_ended_at)}};
  if (is_sender(actor, r)) {
    out["consent_id"] = nj(r.consent_id);
    // The sender previews what the receiver is shown.
    out["content"] = case_parts_content(db, r.case_id, r.shared_parts);
    out["current"] = true;
    audit(db, actor, {"read", "referral_share", r.id, "sender preview"});
    return out;
  }
  auto last = db.query_one(
      "SELECT content, disclosed_at FROM referral_disclosures WHERE referral_id = ? "
      "ORDER BY disclosed_at DESC, id DESC LIMIT 1",
      {r.id});
  nlohmann::json content = nlohmann::json::object();
  bool any_new = false;
  for (const auto& p : r.shared_parts)
    if (may_disclose(actor, grant, p)) {
      content[p] = case_part_content(db, r.case_id, p);
      any_new = true;
    }
  if (any_new) {
    std::string dumped = content.dump();
    std::string now = now_utc();
    if (!last || last->text(0) != dumped) {
      db.execute(
          "INSERT INTO referral_disclosures (id, referral_id, basis, consent_id, content, disclosed_at, user_id) "
          "VALUES (?,?,?,?,?,?,?)",
          {random_id(), r.id, r.basis, store::text_or_null(r.consent_id), dumped, now, actor.user_id});
    }
    out["content"] = content;
    out["disclosed_at"] = now;
    out["current"] = true;
  } else {
    // Nothing new leaves the sender: the receiver keeps what it received.
    auto kept = last ? nlohmann::json::parse(last->text(0), nullptr, false) : nlohmann::json::object();
    // Disclosed before the parts lost their record ids (case_parts.h).
    out["content"] = kept.is_discarded() ? nlohmann::json::object() : without_record_ids(std::move(kept));
    out["disclosed_at"] = last ? nlohmann::json(last->text(1)) : nlohmann::json(nullptr);
    out["current"] = false;
    out["notice"] = "共有の根拠（本人同意など）が終了したため、それ以降の情報は共有されません。以前に共有された内容のみ表示しています。";
  }
  audit(db, actor, {"read", "referral_share", r.id, any_new ? "disclosed" : "kept"});
  return out;
}

void to_json(nlohmann::json& j, const ReferralDisclosure& d) {
  j = {{"disclosed_at", d.disclosed_at}, {"basis", d.basis},          {"consent_id", nj(d.consent_id)},
       {"parts", d.parts},               {"user_name", d.user_name}, {"organisation_name", d.organisation_name}};
}

std::vector<ReferralDisclosure> referral_disclosures(store::Connection& db, const std::string& referral_id) {
  std::vector<ReferralDisclosure> out;
  for (const auto& r : db.query(
           "SELECT d.disclosed_at, d.basis, d.consent_id, d.content, u.display_name, o.name FROM referral_disclosures d "
           "JOIN users u ON u.id = d.user_id JOIN organisations o ON o.id = u.organisation_id "
           "WHERE d.referral_id = ? ORDER BY d.disclosed_at, d.id",
           {referral_id})) {
    ReferralDisclosure d{r.text(0), r.text(1), r.opt_text(2), {}, r.text(4), r.text(5)};
    // Only the names of the parts: the content itself is in the document's
    // own sections, as it is now.
    auto content = nlohmann::json::parse(r.text(3), nullptr, false);
    if (content.is_object())
      for (const auto& [part, _] : content.items()) d.parts.push_back(part);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace tsunagu::service
