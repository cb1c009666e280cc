// Persons (本人 / 家族): named, pseudonymous (仮名) or anonymous (匿名), with
// furigana, sex, a birth date or only an age band, district, and contact
// details sealed at rest (service/sealed_field.h). A person belongs to the
// organisation that recorded them and to at most one household.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/problem.h"
#include "service/sealed_field.h"
#include "store/db.h"

namespace tsunagu::service {

struct Person {
  std::string id, organisation_id, naming;
  std::optional<std::string> name, furigana, sex, birth_date, age_band, district_id, district_name, note;
  // Once unsealed: service/person_contact.h (phone, email, address and the
  // wishes about being contacted); null when none.
  nlohmann::json contact = nullptr;
  std::vector<std::string> preferences;       // domain::kSupportPreference
  std::optional<std::string> considerations;  // 配慮してほしいこと
  std::optional<std::string> household_id, relation;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};
void to_json(nlohmann::json& j, const Person& p);

// What staff call a person on screen: the name, or 匿名の方.
std::string display_name(const std::string& naming, const std::optional<std::string>& name);

std::optional<Person> find_person(store::Connection& db, const SealKey& key, const std::string& id);
// A person's contact details as stored, still sealed (nullopt: none), and
// their opening (service/person_contact.h), null when none, or
// {"unreadable": true} when sealed under another key. The case detail
// cache keeps them sealed and opens them per answer.
std::optional<std::string> sealed_contact_of(store::Connection& db, const std::string& person_id);
nlohmann::json open_contact(const SealKey& key, const std::optional<std::string>& sealed);
// The persons of one organisation, newest first; `cursor` is the last id of
// the previous page (opaque to the client). Throws 400 validation_failed
// for a cursor that is not a person of the organisation.
std::vector<Person> list_persons(store::Connection& db, const SealKey& key, const std::string& organisation_id,
                                 const std::optional<std::string>& cursor, std::int64_t limit);

// Validated person fields of a request body (also nested, e.g. a case's
// "subject"); field errors are appended to `errors` with `prefix`.
struct PersonFields {
  std::string naming;
  std::optional<std::string> name, furigana, sex, birth_date, age_band, district_id, note;
  nlohmann::json contact = nullptr;
  std::vector<std::string> preferences;
  std::optional<std::string> considerations;
};
PersonFields read_person_fields(store::Connection& db, const nlohmann::json& body, const std::string& prefix,
                                std::vector<FieldError>& errors);

// Inserts a person of the actor's organisation (indexed and audited);
// fields must have been read without errors. Returns the new id.
std::string insert_person(store::Connection& db, const SealKey& key, const Actor& actor, const PersonFields& f);

// Throws 400 validation_failed (field errors).
Person create_person(store::Connection& db, const SealKey& key, const Actor& actor, const nlohmann::json& body);
// The caller has checked the actor may reach the person. Throws 404
// not_found, 412 version_conflict (with "current"), 400 validation_failed.
Person update_person(store::Connection& db, const SealKey& key, const Actor& actor, const std::string& id,
                     std::int64_t expected_version, const nlohmann::json& body);

}  // namespace tsunagu::service
