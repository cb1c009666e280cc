// Survey cards and their possible duplicates (service/surveys.h).
#include <algorithm>
#include <map>
#include <utility>

#include "domain/date.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/json_optional.h"
#include "service/problem.h"
#include "service/secrets.h"
#include "service/surveys.h"

namespace tsunagu::service {
namespace {

using domain::Role;

constexpr char kSent[] = "送信済み";
constexpr char kCardColumns[] =
    "SELECT c.id, c.survey_id, c.organisation_id, c.respondent_id, r.label, r.user_id, c.district_id, d.name, "
    "c.reported_on, c.age_band, c.gender, c.household, c.answers, c.state, c.sent_at, c.version, c.created_at, "
    "c.updated_at FROM survey_cards c JOIN survey_respondents r ON r.id = c.respondent_id "
    "JOIN areas d ON d.id = c.district_id";

SurveyCard card_from_row(const store::Row& row) {
  store::Cells in(row);
  SurveyCard c;
  c.id = in.text();
  c.survey_id = in.text();
  c.organisation_id = in.text();
  c.respondent_id = in.text();
  c.respondent_label = in.text();
  c.respondent_user_id = in.opt_text();
  c.district_id = in.text();
  c.district_name = in.text();
  c.reported_on = in.text();
  c.age_band = in.text();
  c.gender = in.text();
  c.household = in.text();
  c.answers = nlohmann::json::parse(in.text());
  c.state = in.text();
  c.sent_at = in.opt_text();
  c.version = in.integer();
  c.created_at = in.text();
  c.updated_at = in.text();
  return c;
}

struct CardFields {
  std::string respondent_id, district_id, reported_on, state;
  nlohmann::json answers = nlohmann::json::object();
};

// The first answer of an item, or "" (a draft may leave it out).
std::string first_answer(const nlohmann::json& answers, const char* key) {
  return answers.contains(key) && !answers[key].empty() ? answers[key][0].get<std::string>() : std::string();
}

// Reads and checks a card. `current` is the card being changed (nullptr
// on create): fields left out keep its values.
CardFields read_card(store::Connection& db, const Actor& actor, const Survey& s, const nlohmann::json& body,
                     const SurveyCard* current) {
  Input in(body);
  CardFields f;
  if (current) f = {current->respondent_id, current->district_id, current->reported_on, current->state, current->answers};
  // Whose card: a surveyor writes as themself; staff name the paper's respondent.
  std::optional<SurveyRespondent> respondent;
  if (actor.role == Role::surveyor) {
    respondent = respondent_of_user(db, s.id, actor.user_id);
    if (!respondent) throw not_found();
    if (in.has("respondent_id") && body["respondent_id"] != respondent->id)
      in.fail("respondent_id", "ご自分の調査票だけを入力できます。");
  } else if (!current || in.has("respondent_id")) {
    auto id = in.text("respondent_id", "回答者", {.required = true, .max = 64});
    if (!id.empty()) {
      respondent = find_respondent(db, id);
      if (!respondent || respondent->survey_id != s.id) {
        in.fail("respondent_id", "回答者が、この調査の回答者の中に見つかりません。");
        respondent.reset();
      }
    }
  } else {
    respondent = find_respondent(db, current->respondent_id);
  }
  if (respondent) f.respondent_id = respondent->id;
  if (in.present("district_id")) {
    f.district_id = in.text("district_id", "地区", {.required = true, .max = 64});
  } else if (!current && respondent) {
    f.district_id = respondent->district_id;
  }
  if (!f.district_id.empty() && !s.has_district(f.district_id))
    in.fail("district_id", "この地区は調査の対象地域（" + s.area_name + "）の外です。");
  else if (respondent && actor.role == Role::surveyor && f.district_id != respondent->district_id)
    in.fail("district_id", "ご担当の地区（" + respondent->district_name + "）の調査票だけを入力できます。");
  if (in.present("reported_on")) {
    auto d = in.date("reported_on", "記入日", {.required = true, .not_future = true, .min_year = 2000});
    if (d) f.reported_on = domain::format_iso_date(*d);
  } else if (!current) {
    f.reported_on = today_tokyo();
  }
  if (!f.reported_on.empty() && (f.reported_on < s.starts_on || f.reported_on > s.ends_on))
    in.fail("reported_on", "記入日（" + f.reported_on + "）が調査期間（" + s.starts_on + "〜" + s.ends_on + "）の外です。");
  if (!current || in.has("state"))
    f.state = in.choice("state", "調査票の状態", domain::kSurveyCardState.values, false).value_or("下書き");
  if (in.has("answers")) {
    const auto& a = body["answers"];
    f.answers = nlohmann::json::object();
    if (!a.is_object()) {
      in.fail("answers", "回答は {設問: 回答} の形で指定してください。");
    } else {
      for (const auto& [key, value] : a.items()) {
        const auto* item = s.item(key);
        if (!item) {
          in.fail("answers." + utf8_prefix(key, 40), "この調査にない設問です。");
          continue;
        }
        std::vector<std::string> answer;
        bool shape_ok = true;
        if (value.is_string()) {
          answer.push_back(value.get<std::string>());
        } else if (value.is_array() && value.size() <= item->choices.size() + 1) {
          for (const auto& v : value) {
            if (!v.is_string()) shape_ok = false;
            else answer.push_back(v.get<std::string>());
          }
        } else if (!value.is_null()) {
          shape_ok = false;
        }
        if (!shape_ok) {
          in.fail("answers." + key, "「" + item->label + "」の回答は選択肢の文字で指定してください。");
          continue;
        }
        if (answer.empty()) continue;  // left blank (a draft)
        for (auto& x : answer) x = utf8_prefix(x, 200);
        if (auto why = domain::check_answer(*item, answer)) {
          in.fail("answers." + key, *why);
          continue;
        }
        f.answers[key] = answer;
      }
    }
  }
  if (f.state == kSent)
    for (const auto& item : s.items)
      if (!f.answers.contains(item.key))
        in.fail("answers." + item.key, "「" + item.label + "」に答えてから送ってください（分からないときは「分からない」を選べます）。");
  in.check();
  return f;
}

using AnswerDeltas = std::map<std::pair<std::string, std::string>, std::int64_t>;

// Adds `delta` (+1 or −1) for every answer of a sent card to `d`.
void add_answers(AnswerDeltas& d, const nlohmann::json& answers, std::int64_t delta) {
  for (const auto& [key, list] : answers.items())
    for (const auto& a : list) d[{key, a.get<std::string>()}] += delta;
}

// Writes the net changes to the kept counts, rows taken in (item, answer)
// order so that two cards written at once never lock them in opposite
// orders (PostgreSQL).
void write_answer_counts(store::Connection& db, const std::string& survey_id, const AnswerDeltas& d) {
  for (const auto& [row, delta] : d)
    if (delta != 0)
      db.execute(
          "INSERT INTO survey_answer_counts (survey_id, item_key, answer, count) VALUES (?,?,?,?) "
          "ON CONFLICT (survey_id, item_key, answer) DO UPDATE SET count = survey_answer_counts.count + excluded.count",
          {survey_id, row.first, row.second, delta});
}

std::vector<store::Value> card_values(const CardFields& f) {
  return {f.respondent_id, f.district_id, f.reported_on, first_answer(f.answers, "age_band"),
          first_answer(f.answers, "gender"), first_answer(f.answers, "household"), f.answers.dump(), f.state};
}

}  // namespace

void to_json(nlohmann::json& j, const SurveyCard& c) {
  j = {{"id", c.id},
       {"survey_id", c.survey_id},
       {"respondent_id", c.respondent_id},
       {"respondent_label", c.respondent_label},
       {"district_id", c.district_id},
       {"district_name", c.district_name},
       {"reported_on", c.reported_on},
       {"age_band", c.age_band},
       {"gender", c.gender},
       {"household", c.household},
       {"answers", c.answers},
       {"state", c.state},
       {"sent_at", nj(c.sent_at)},
       {"version", c.version},
       {"created_at", c.created_at},
       {"updated_at", c.updated_at}};
}

std::optional<SurveyCard> find_card(store::Connection& db, const std::string& id) {
  if (id.size() > 64) return std::nullopt;
  auto r = db.query_one(std::string(kCardColumns) + " WHERE c.id = ?", {id});
  if (!r) return std::nullopt;
  return card_from_row(*r);
}

std::vector<SurveyCard> cards_for(store::Connection& db, const Actor& actor, const Survey& s) {
  std::vector<SurveyCard> out;
  const std::string order = " ORDER BY c.created_at DESC, c.id LIMIT 10000";
  auto rows = actor.role == Role::surveyor
                  ? db.query(std::string(kCardColumns) + " WHERE c.survey_id = ? AND r.user_id = ?" + order, {s.id, actor.user_id})
                  : db.query(std::string(kCardColumns) + " WHERE c.survey_id = ?" + order, {s.id});
  for (const auto& r : rows) out.push_back(card_from_row(r));
  return out;
}

SurveyCard create_card(store::Connection& db, const Actor& actor, const Survey& s, const nlohmann::json& body) {
  CardFields f = read_card(db, actor, s, body, nullptr);
  const std::string id = random_id(), now = now_utc();
  std::vector<store::Value> values{id, s.id, s.organisation_id};
  for (auto& v : card_values(f)) values.push_back(std::move(v));
  for (const auto& v : {store::Value{actor.user_id}, f.state == kSent ? store::Value{now} : store::null(), store::Value{now},
                        store::Value{now}})
    values.push_back(v);
  db.execute(
      "INSERT INTO survey_cards (id, survey_id, organisation_id, respondent_id, district_id, reported_on, age_band, gender, "
      "household, answers, state, entered_by, sent_at, version, created_at, updated_at) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
      values);
  if (f.state == kSent) {
    AnswerDeltas d;
    add_answers(d, f.answers, 1);
    write_answer_counts(db, s.id, d);
  }
  audit(db, actor, {"create", "survey_card", id, f.state});
  return *find_card(db, id);
}

SurveyCard update_card(store::Connection& db, const Actor& actor, const Survey& s, const SurveyCard& c,
                       std::int64_t expected_version, const nlohmann::json& body) {
  if (actor.role == Role::surveyor && c.state == kSent)
    throw Problem(409, "card_sent", "送信済みの調査票は変更できません。直したいときは調査の担当者にご連絡ください。");
  CardFields f = read_card(db, actor, s, body, &c);
  if (c.version != expected_version) throw version_conflict(nlohmann::json(c));
  std::vector<store::Value> values = card_values(f);
  const std::string now = now_utc();
  values.push_back(f.state == kSent ? (c.sent_at ? store::Value{*c.sent_at} : store::Value{now}) : store::null());
  for (const auto& v : {store::Value{now}, store::Value{c.id}, store::Value{expected_version}}) values.push_back(v);
  auto changed = db.execute(
      "UPDATE survey_cards SET respondent_id = ?, district_id = ?, reported_on = ?, age_band = ?, gender = ?, household = ?, "
      "answers = ?, state = ?, sent_at = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      values);
  if (changed == 0) throw version_conflict(nlohmann::json(*find_card(db, c.id)));
  AnswerDeltas d;
  if (c.state == kSent) add_answers(d, c.answers, -1);
  if (f.state == kSent) add_answers(d, f.answers, 1);
  write_answer_counts(db, s.id, d);
  audit(db, actor, {"update", "survey_card", c.id, f.state});
  return *find_card(db, c.id);
}

std::vector<domain::DuplicatePair> same_person_pairs(store::Connection& db, const std::string& survey_id) {
  std::vector<domain::DuplicatePair> out;
  for (const auto& r : db.query(
           "SELECT card_a, card_b FROM survey_duplicate_decisions WHERE survey_id = ? AND decision = '同一人物'", {survey_id}))
    out.push_back({r.text(0), r.text(1)});
  return out;
}

std::vector<std::string> cards_counted_twice(store::Connection& db, const std::string& survey_id) {
  auto pairs = same_person_pairs(db, survey_id);
  if (pairs.empty()) return {};
  std::vector<std::string> sent;
  for (const auto& r : db.query(
           "SELECT DISTINCT c.id FROM survey_cards c JOIN survey_duplicate_decisions d ON (c.id = d.card_a OR c.id = d.card_b) "
           "WHERE d.survey_id = ? AND d.decision = '同一人物' AND c.state = '送信済み'",
           {survey_id}))
    sent.push_back(r.text(0));
  std::vector<std::string> out;
  for (const auto& [card, rep] : domain::representatives(sent, pairs))
    if (card != rep) out.push_back(card);
  return out;
}

namespace {

struct SentCards {
  std::vector<domain::CardKey> keys;
  std::map<std::string, std::string> district_name;
};

// The sent cards whose key (district, age band, gender, household, none
// 分からない) is shared by cards of at least two respondents: the only ones
// that can be in a pair. The grouping runs in the database (a prefecture's
// 50,000 cards have few such keys).
SentCards candidate_cards(store::Connection& db, const std::string& survey_id) {
  SentCards out;
  for (const auto& r : db.query(
           "SELECT c.id, c.respondent_id, c.district_id, c.age_band, c.gender, c.household, d.name FROM survey_cards c "
           "JOIN (SELECT district_id, age_band, gender, household FROM survey_cards WHERE survey_id = ? AND state = '送信済み' "
           "AND age_band <> '分からない' AND gender <> '分からない' AND household <> '分からない' "
           "GROUP BY district_id, age_band, gender, household HAVING COUNT(DISTINCT respondent_id) > 1) k "
           "ON k.district_id = c.district_id AND k.age_band = c.age_band AND k.gender = c.gender AND k.household = c.household "
           "JOIN areas d ON d.id = c.district_id WHERE c.survey_id = ? AND c.state = '送信済み'",
           {survey_id, survey_id})) {
    out.keys.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)});
    out.district_name[r.text(2)] = r.text(6);
  }
  return out;
}

}  // namespace

nlohmann::json survey_duplicates(store::Connection& db, const Survey& s) {
  auto cards = candidate_cards(db, s.id);
  std::map<std::pair<std::string, std::string>, store::Row> decided;
  for (auto& r : db.query(
           "SELECT card_a, card_b, decision, note, decided_at FROM survey_duplicate_decisions WHERE survey_id = ?", {s.id}))
    decided.emplace(std::pair{r.text(0), r.text(1)}, r);
  std::map<std::string, const domain::CardKey*> by_id;
  for (const auto& k : cards.keys) by_id[k.id] = &k;
  auto items = nlohmann::json::array();
  for (const auto& p : domain::possible_duplicates(cards.keys)) {
    const auto& k = *by_id[p.card_a];
    auto it = decided.find({p.card_a, p.card_b});
    items.push_back({{"card_a", p.card_a},
                     {"card_b", p.card_b},
                     {"district_id", k.district_id},
                     {"district_name", cards.district_name[k.district_id]},
                     {"age_band", k.age_band},
                     {"gender", k.gender},
                     {"household", k.household},
                     {"decision", it == decided.end() ? "未判断" : it->second.text(2)},
                     {"note", it == decided.end() ? nlohmann::json(nullptr) : nj(it->second.opt_text(3))},
                     {"decided_at", it == decided.end() ? nlohmann::json(nullptr) : nlohmann::json(it->second.text(4))}});
  }
  const std::int64_t sent =
      db.query_one("SELECT COUNT(*) FROM survey_cards WHERE survey_id = ? AND state = '送信済み'", {s.id})->integer(0);
  return {{"items", items},
          {"cards", sent},
          {"persons", sent - static_cast<std::int64_t>(cards_counted_twice(db, s.id).size())}};
}

nlohmann::json decide_duplicate(store::Connection& db, const Actor& actor, const Survey& s, const nlohmann::json& body) {
  Input in(body);
  auto a = in.text("card_a", "調査票A", {.required = true, .max = 64});
  auto b = in.text("card_b", "調査票B", {.required = true, .max = 64});
  auto decision = in.choice("decision", "重複の判断", domain::kSurveyDuplicateDecision.values, true);
  auto note = in.opt_text("note", "判断のメモ", {.required = false, .max = 500, .multiline = true});
  if (b < a) std::swap(a, b);
  if (!a.empty() && !b.empty()) {
    auto pairs = domain::possible_duplicates(candidate_cards(db, s.id).keys);
    if (std::none_of(pairs.begin(), pairs.end(), [&](const auto& p) { return p.card_a == a && p.card_b == b; }))
      in.fail("card_b", "この2枚は、重複の可能性がある組として挙がっていません。");
  }
  in.check();
  const std::string now = now_utc();
  auto changed = db.execute(
      "UPDATE survey_duplicate_decisions SET decision = ?, note = ?, decided_by = ?, decided_at = ?, version = version + 1 "
      "WHERE survey_id = ? AND card_a = ? AND card_b = ?",
      {*decision, store::text_or_null(note), actor.user_id, now, s.id, a, b});
  if (changed == 0)
    db.execute(
        "INSERT INTO survey_duplicate_decisions (survey_id, organisation_id, card_a, card_b, decision, note, decided_by, "
        "decided_at, version) VALUES (?,?,?,?,?,?,?,?,1)",
        {s.id, s.organisation_id, a, b, *decision, store::text_or_null(note), actor.user_id, now});
  audit(db, actor, {"update", "survey", s.id, "重複の判断 " + a + "・" + b + " → " + *decision});
  return survey_duplicates(db, s);
}

}  // namespace tsunagu::service
