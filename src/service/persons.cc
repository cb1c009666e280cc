#include "service/persons.h"

#include "domain/age_band.h"
#include "domain/date.h"
#include "domain/furigana.h"
#include "domain/person.h"
#include "domain/validation.h"
#include "store/summaries/mhlw_summary.h"
#include "service/lock_order.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/input.h"
#include "service/search_index.h"
#include "service/json_optional.h"
#include "service/person_contact.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr char kSelect[] =
    "SELECT p.id, p.organisation_id, p.naming, p.name, p.furigana, p.sex, p.birth_date, p.age_band, "
    "p.district_id, a.name, p.contact_sealed, p.note, m.household_id, m.relation, p.version, p.created_at, "
    "p.updated_at, p.preferences, p.considerations FROM persons p LEFT JOIN areas a ON a.id = p.district_id "
    "LEFT JOIN household_members m ON m.person_id = p.id";

constexpr std::string_view kNamings[] = {"named", "pseudonym", "anonymous"};

Person from_row(const store::Row& r, const SealKey& key) {
  store::Cells in(r);
  Person p;
  p.id = in.text();
  p.organisation_id = in.text();
  p.naming = in.text();
  p.name = in.opt_text();
  p.furigana = in.opt_text();
  p.sex = in.opt_text();
  p.birth_date = in.opt_text();
  p.age_band = in.opt_text();
  p.district_id = in.opt_text();
  p.district_name = in.opt_text();
  p.contact = open_contact(key, in.opt_text());
  p.note = in.opt_text();
  p.household_id = in.opt_text();
  p.relation = in.opt_text();
  p.version = in.integer();
  p.created_at = in.text();
  p.updated_at = in.text();
  p.preferences = preferences_of(in.opt_text());
  p.considerations = in.opt_text();
  return p;
}

void prefixed(Input& in, const std::string& prefix, std::vector<FieldError>& errors) {
  try {
    in.check();
  } catch (const Problem& p) {
    for (const auto& e : p.errors) errors.push_back({prefix + e.field, e.detail});
  }
}

std::optional<std::string> seal_contact(const SealKey& key, const nlohmann::json& contact) {
  if (!contact.is_object() || contact.empty()) return std::nullopt;
  return seal(key, contact.dump());
}

}  // namespace

std::string display_name(const std::string& naming, const std::optional<std::string>& name) {
  if (naming == "anonymous" || !name) return "匿名の方";
  return *name;
}

void to_json(nlohmann::json& j, const Person& p) {
  nlohmann::json age_now = nullptr;
  if (p.birth_date)
    if (auto b = domain::parse_iso_date(*p.birth_date))
      if (auto today = domain::parse_iso_date(today_tokyo()))
        if (auto age = domain::age_on(*b, *today)) age_now = *age;
  j = {{"id", p.id},
       {"organisation_id", p.organisation_id},
       {"naming", p.naming},
       {"name", nj(p.name)},
       {"display_name", display_name(p.naming, p.name)},
       {"furigana", nj(p.furigana)},
       {"sex", nj(p.sex)},
       {"birth_date", nj(p.birth_date)},
       {"age", age_now},
       {"age_band", nj(p.age_band)},
       {"district_id", nj(p.district_id)},
       {"district_name", nj(p.district_name)},
       {"contact", p.contact},
       {"preferences", p.preferences},
       {"considerations", nj(p.considerations)},
       {"note", nj(p.note)},
       {"household_id", nj(p.household_id)},
       {"relation", nj(p.relation)},
       {"version", p.version},
       {"created_at", p.created_at},
       {"updated_at", p.updated_at}};
}

nlohmann::json open_contact(const SealKey& key, const std::optional<std::string>& sealed) {
  if (!sealed) return nullptr;
  auto plain = unseal(key, *sealed);
  // A value sealed under another key (a database restored without its key
  // file) must not break the whole screen; say so instead.
  return plain ? nlohmann::json::parse(*plain, nullptr, false) : nlohmann::json{{"unreadable", true}};
}

std::optional<std::string> sealed_contact_of(store::Connection& db, const std::string& person_id) {
  auto r = db.query_one("SELECT contact_sealed FROM persons WHERE id = ?", {person_id});
  return r ? r->opt_text(0) : std::nullopt;
}

std::optional<Person> find_person(store::Connection& db, const SealKey& key, const std::string& id) {
  auto r = db.query_one(std::string(kSelect) + " WHERE p.id = ?", {id});
  if (!r) return std::nullopt;
  return from_row(*r, key);
}

std::vector<Person> list_persons(store::Connection& db, const SealKey& key, const std::string& organisation_id,
                                 const std::optional<std::string>& cursor, std::int64_t limit) {
  std::vector<Person> out;
  store::Rows rows;
  if (cursor) {
    auto at = db.query_one("SELECT created_at FROM persons WHERE id = ? AND organisation_id = ?",
                           {*cursor, organisation_id});
    if (!at) throw invalid({{"cursor", "ページの指定 (cursor) が読み取れません。"}});
    rows = db.query(std::string(kSelect) +
                        " WHERE p.organisation_id = ? AND (p.created_at < ? OR (p.created_at = ? AND p.id < ?)) "
                        "ORDER BY p.created_at DESC, p.id DESC LIMIT ?",
                    {organisation_id, at->text(0), at->text(0), *cursor, limit});
  } else {
    rows = db.query(std::string(kSelect) + " WHERE p.organisation_id = ? ORDER BY p.created_at DESC, p.id DESC LIMIT ?",
                    {organisation_id, limit});
  }
  for (const auto& r : rows) out.push_back(from_row(r, key));
  return out;
}

PersonFields read_person_fields(store::Connection& db, const nlohmann::json& body, const std::string& prefix,
                                std::vector<FieldError>& errors) {
  PersonFields f;
  Input in(body);
  auto naming = in.choice("naming", "氏名の扱い", kNamings, true);
  f.naming = naming.value_or("");
  f.name = in.opt_text("name", "氏名", {.required = false, .max = 100});
  if (naming == "anonymous" && f.name) in.fail("name", "匿名の方には氏名を入れないでください（仮名にする場合は「仮名」を選んでください）。");
  if ((naming == "named" || naming == "pseudonym") && !f.name)
    in.fail("name", naming == "named" ? "氏名を入力してください。" : "仮名を入力してください。");
  f.furigana = in.opt_text("furigana", "ふりがな", {.required = false, .max = 100});
  if (f.furigana && !domain::is_furigana(*f.furigana))
    in.fail("furigana", "ふりがなはひらがな・カタカナで入力してください。");
  f.sex = in.choice("sex", "性別", domain::kSex.values, false);
  f.birth_date = in.day_text("birth_date", "生年月日", {.required = false, .not_future = true, .min_year = 1900});
  f.age_band = in.choice("age_band", "年代", domain::kPersonAgeBand.values, false);
  if (f.birth_date && f.age_band)
    in.fail("age_band", "生年月日がわかる場合は年代を空にしてください（どちらか一方を記録します）。");
  f.district_id = in.opt_text("district_id", "地区", {.required = false, .max = 64});
  if (f.district_id && !db.query_one("SELECT 1 FROM areas WHERE id = ? AND level = 'district'", {*f.district_id}))
    in.fail("district_id", "地区が見つかりません（地区の階層の地域を選んでください）。");
  f.note = in.opt_text("note", "メモ", {.required = false, .max = 2000, .multiline = true});
  f.contact = read_contact(in, body);
  f.preferences = read_preferences(in, body);
  f.considerations = in.opt_text("considerations", "配慮してほしいこと", {.required = false, .max = 1000, .multiline = true});
  prefixed(in, prefix, errors);
  return f;
}

std::string insert_person(store::Connection& db, const SealKey& key, const Actor& actor, const PersonFields& f) {
  std::string id = random_id(), now = now_utc();
  db.execute(
      "INSERT INTO persons (id, organisation_id, naming, name, furigana, sex, birth_date, age_band, district_id, "
      "contact_sealed, note, preferences, considerations, version, created_at, updated_at) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
      {id, actor.organisation_id, f.naming, store::text_or_null(f.name), store::text_or_null(f.furigana),
       store::text_or_null(f.sex), store::text_or_null(f.birth_date), store::text_or_null(f.age_band),
       store::text_or_null(f.district_id), store::text_or_null(seal_contact(key, f.contact)),
       store::text_or_null(f.note), store::text_or_null(preferences_text(f.preferences)),
       store::text_or_null(f.considerations), now, now});
  index_person(db, id, actor.organisation_id, f.name, f.furigana);
  audit(db, actor, {"create", "person", id, f.naming});
  return id;
}

Person create_person(store::Connection& db, const SealKey& key, const Actor& actor, const nlohmann::json& body) {
  std::vector<FieldError> errors;
  auto f = read_person_fields(db, body, "", errors);
  if (!errors.empty()) throw invalid(errors);
  return *find_person(db, key, insert_person(db, key, actor, f));
}

Person update_person(store::Connection& db, const SealKey& key, const Actor& actor, const std::string& id,
                     std::int64_t expected_version, const nlohmann::json& body) {
  auto current = find_person(db, key, id);
  if (!current) throw not_found();
  if (current->version != expected_version) throw version_conflict(*current);
  std::vector<FieldError> errors;
  auto f = read_person_fields(db, body, "", errors);
  if (!errors.empty()) throw invalid(errors);
  lock_cases_showing_person(db, id);  // before the person: service/lock_order.h
  auto changed = db.execute(
      "UPDATE persons SET naming = ?, name = ?, furigana = ?, sex = ?, birth_date = ?, age_band = ?, "
      "district_id = ?, contact_sealed = ?, note = ?, preferences = ?, considerations = ?, version = version + 1, "
      "updated_at = ? "
      "WHERE id = ? AND version = ?",
      {f.naming, store::text_or_null(f.name), store::text_or_null(f.furigana), store::text_or_null(f.sex),
       store::text_or_null(f.birth_date), store::text_or_null(f.age_band), store::text_or_null(f.district_id),
       store::text_or_null(seal_contact(key, f.contact)), store::text_or_null(f.note),
       store::text_or_null(preferences_text(f.preferences)), store::text_or_null(f.considerations), now_utc(), id,
       expected_version});
  if (changed == 0) throw version_conflict(*find_person(db, key, id));
  if (current->birth_date != f.birth_date || current->age_band != f.age_band)
    store::mhlw_summary::person_age_changed(db, id);
  index_person(db, id, current->organisation_id, f.name, f.furigana);
  audit(db, actor, {"update", "person", id, ""});
  return *find_person(db, key, id);
}

}  // namespace tsunagu::service
