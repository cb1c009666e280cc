#include "store/summaries/mhlw_summary.h"

#include <algorithm>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "domain/fiscal_year.h"
#include "domain/mhlw_counting.h"
#include "domain/age_band.h"
#include "store/tokyo_day_sql.h"

namespace tsunagu::store::mhlw_summary {

namespace {

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// A whole year is read from contacts (index contacts_report); one person's
// contacts through their cases (cases_subject, then contacts_case). Without
// statistics (no ANALYZE on a live database) SQLite would rather range over
// the organisation's whole year in contacts_report for each case, so it is
// told the order and the index; PostgreSQL plans it from its statistics.
constexpr char kFromContacts[] = "contacts c JOIN cases k ON k.id = c.case_id WHERE ";
const char* from_cases(store::Dialect dialect) {
  return dialect == store::Dialect::sqlite
             ? "cases k CROSS JOIN contacts c INDEXED BY contacts_case WHERE c.case_id = k.id AND "
             : "cases k JOIN contacts c ON c.case_id = k.id WHERE ";
}

// The 相談実人数 rows of one fiscal year (parameters: its UTC range, then
// those of `filter`): per organisation and person key, the Tokyo day of the
// first contact and the MHLW age band on that day. Columns: organisation_id,
// person_key, day, age_band.
std::string person_years_sql(store::Dialect dialect, const char* from, const char* filter) {
  // The rows kept on write are keyed by domain::person_key; the API test
  // compares them with a rebuild, which keys by person_key_sql.
  const std::string key = person_key_sql("k");
  return std::string("SELECT f.organisation_id, f.person_key, f.day, ") +
         mhlw_age_band_sql("p.birth_date", "p.age_band", "f.day") +
         " AS age_band FROM (SELECT c.organisation_id, " + key +
         " AS person_key, MIN(k.subject_person_id) AS person_id, " + tokyo_day_sql(dialect, "MIN(c.occurred_at)") +
         " AS day FROM " + from + "c.occurred_at >= ? AND c.occurred_at < ?" + filter +
         " GROUP BY c.organisation_id, " + key + ") f LEFT JOIN persons p ON p.id = f.person_id";
}

int fiscal_year_of_utc(const std::string& utc) {
  auto day = domain::tokyo_day_of_utc(utc);
  if (!day) throw std::runtime_error("contacts.occurred_at is not a UTC time: " + utc);
  return domain::fiscal_year_of(*day);
}

// One 相談実人数 row's key; `subject` is 本人, `case_id` counts when there is
// none.
struct Key {
  std::string organisation_id;
  int fiscal_year;
  std::optional<std::string> subject;
  std::string case_id;
  std::string person_key() const { return domain::person_key(subject, case_id); }
  auto order() const { return std::make_tuple(organisation_id, fiscal_year, person_key()); }
};

// Recomputes the rows of `keys` from contacts. On PostgreSQL (READ
// COMMITTED) each statement sees what was committed when it started, so a
// recomputation first waits for any other writer of the same figures: it
// locks the row (an upsert, inserting a placeholder when there is none) and
// the person whose band it reads (FOR SHARE, against an edit of the birth
// date). Its SELECT then starts after they committed. Locks are taken in one
// order (persons, then rows by primary key) so that two writers cannot wait
// for each other. SQLite runs one writer at a time.
void refresh(store::Connection& db, std::vector<Key> keys) {
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) { return a.order() < b.order(); });
  keys.erase(std::unique(keys.begin(), keys.end(), [](const Key& a, const Key& b) { return a.order() == b.order(); }),
             keys.end());
  if (db.dialect() == store::Dialect::postgres) {
    std::vector<std::string> persons;
    for (const auto& k : keys)
      if (k.subject) persons.push_back(*k.subject);
    std::sort(persons.begin(), persons.end());
    persons.erase(std::unique(persons.begin(), persons.end()), persons.end());
    for (const auto& p : persons) db.query("SELECT 1 FROM persons WHERE id = ? FOR SHARE", {p});
  }
  const std::string by_subject =
      person_years_sql(db.dialect(), from_cases(db.dialect()), " AND k.subject_person_id = ? AND c.organisation_id = ?");
  const std::string by_case = person_years_sql(
      db.dialect(), from_cases(db.dialect()), " AND k.id = ? AND k.subject_person_id IS NULL AND c.organisation_id = ?");
  for (const auto& k : keys) {
    const std::string key = k.person_key();
    const store::Value fy{std::int64_t{k.fiscal_year}};
    db.execute(
        "INSERT INTO mhlw_person_years (organisation_id, fiscal_year, person_key, first_day, age_band) "
        "VALUES (?, ?, ?, '', '') ON CONFLICT (organisation_id, fiscal_year, person_key) "
        "DO UPDATE SET first_day = mhlw_person_years.first_day",
        {k.organisation_id, fy, key});
    auto range = domain::fiscal_year_utc_range(k.fiscal_year);
    auto rows = db.query(k.subject ? by_subject : by_case,
                         {range.from, range.to, k.subject ? *k.subject : k.case_id, k.organisation_id});
    if (rows.empty())
      db.execute("DELETE FROM mhlw_person_years WHERE organisation_id = ? AND fiscal_year = ? AND person_key = ?",
                 {k.organisation_id, fy, key});
    else
      db.execute(
          "UPDATE mhlw_person_years SET first_day = ?, age_band = ? "
          "WHERE organisation_id = ? AND fiscal_year = ? AND person_key = ?",
          {rows[0].text(2), rows[0].text(3), k.organisation_id, fy, key});
  }
}

// Adds `delta` to the 件数 of the contact's (organisation, Tokyo day,
// channel); a count that reaches zero is removed, as rebuild() has none.
void count(store::Connection& db, const std::string& organisation_id, const std::string& occurred_at,
           const std::string& channel, std::int64_t delta) {
  const std::string day = tokyo_day_sql(db.dialect(), "?");
  db.execute("INSERT INTO contact_day_counts (organisation_id, day, channel, contacts) VALUES (?, " + day +
                 ", ?, ?) ON CONFLICT (organisation_id, day, channel) "
                 "DO UPDATE SET contacts = contact_day_counts.contacts + excluded.contacts",
             {organisation_id, occurred_at, channel, delta});
  if (delta < 0)
    db.execute("DELETE FROM contact_day_counts WHERE organisation_id = ? AND day = " + day +
                   " AND channel = ? AND contacts = 0",
               {organisation_id, occurred_at, channel});
}

struct Contact {
  std::string organisation_id, occurred_at, channel, case_id;
  std::optional<std::string> subject;
};

Contact read_contact(store::Connection& db, const std::string& contact_id) {
  auto r = db.query_one(
      "SELECT c.organisation_id, c.occurred_at, c.channel, c.case_id, k.subject_person_id "
      "FROM contacts c JOIN cases k ON k.id = c.case_id WHERE c.id = ?",
      {contact_id});
  if (!r) throw std::runtime_error("contact not found: " + contact_id);
  return {r->text(0), r->text(1), r->text(2), r->text(3), r->opt_text(4)};
}

}  // namespace

void rebuild(store::Connection& db) {
  // Writers of PostgreSQL wait until the rebuild has committed (SQLite has
  // one writer anyway): a contact committed between the DELETE and the
  // INSERTs would otherwise be counted twice or clash on a key.
  if (db.dialect() == store::Dialect::postgres)
    db.execute("LOCK TABLE contact_day_counts, mhlw_person_years IN EXCLUSIVE MODE");
  db.execute("DELETE FROM contact_day_counts");
  db.execute("DELETE FROM mhlw_person_years");
  const std::string day = tokyo_day_sql(db.dialect(), "occurred_at");
  db.execute("INSERT INTO contact_day_counts (organisation_id, day, channel, contacts) SELECT organisation_id, " +
             day + ", channel, COUNT(*) FROM contacts GROUP BY organisation_id, " + day + ", channel");
  auto span = db.query_one("SELECT MIN(occurred_at), MAX(occurred_at) FROM contacts");
  if (!span || span->is_null(0)) return;
  const std::string insert =
      "INSERT INTO mhlw_person_years (organisation_id, fiscal_year, person_key, first_day, age_band) "
      "SELECT organisation_id, CAST(? AS INTEGER), person_key, day, age_band FROM (" +
      person_years_sql(db.dialect(), kFromContacts, "") + ") y";
  for (int fy = fiscal_year_of_utc(span->text(0)), last = fiscal_year_of_utc(span->text(1)); fy <= last; ++fy) {
    auto range = domain::fiscal_year_utc_range(fy);
    db.execute(insert, {std::int64_t{fy}, range.from, range.to});
  }
}

void contact_added(store::Connection& db, const std::string& contact_id) {
  auto c = read_contact(db, contact_id);
  count(db, c.organisation_id, c.occurred_at, c.channel, 1);
  refresh(db, {{c.organisation_id, fiscal_year_of_utc(c.occurred_at), c.subject, c.case_id}});
}

void contact_changed(store::Connection& db, const std::string& contact_id, const ContactBefore& before) {
  auto c = read_contact(db, contact_id);
  auto old_day = domain::tokyo_day_of_utc(before.occurred_at), new_day = domain::tokyo_day_of_utc(c.occurred_at);
  if (before.organisation_id != c.organisation_id || old_day != new_day || before.channel != c.channel) {
    // The two counts in primary-key order, so that two edits moving
    // contacts in opposite directions cannot wait for each other.
    auto old_key = std::make_tuple(before.organisation_id, old_day, before.channel);
    auto new_key = std::make_tuple(c.organisation_id, new_day, c.channel);
    if (old_key < new_key) count(db, before.organisation_id, before.occurred_at, before.channel, -1);
    count(db, c.organisation_id, c.occurred_at, c.channel, 1);
    if (!(old_key < new_key)) count(db, before.organisation_id, before.occurred_at, before.channel, -1);
  }
  if (before.organisation_id != c.organisation_id || before.occurred_at != c.occurred_at)
    refresh(db, {{before.organisation_id, fiscal_year_of_utc(before.occurred_at), c.subject, c.case_id},
                 {c.organisation_id, fiscal_year_of_utc(c.occurred_at), c.subject, c.case_id}});
}

void case_subject_changed(store::Connection& db, const std::string& case_id,
                          const std::optional<std::string>& subject_before) {
  auto now = db.query_one("SELECT subject_person_id FROM cases WHERE id = ?", {case_id});
  if (!now) throw std::runtime_error("case not found: " + case_id);
  auto subject = now->opt_text(0);
  if (subject == subject_before) return;
  std::vector<Key> keys;
  for (const auto& r : db.query("SELECT organisation_id, occurred_at FROM contacts WHERE case_id = ?", {case_id})) {
    int fy = fiscal_year_of_utc(r.text(1));
    keys.push_back({r.text(0), fy, subject_before, case_id});
    keys.push_back({r.text(0), fy, subject, case_id});
  }
  refresh(db, std::move(keys));
}

void person_age_changed(store::Connection& db, const std::string& person_id) {
  std::vector<Key> keys;
  for (const auto& r : db.query(std::string("SELECT c.organisation_id, c.occurred_at, k.id FROM ") +
                                    from_cases(db.dialect()) + "k.subject_person_id = ?",
                                {person_id}))
    keys.push_back({r.text(0), fiscal_year_of_utc(r.text(1)), person_id, r.text(2)});
  refresh(db, std::move(keys));
}

std::string person_key_sql(const std::string& k) {
  return "CASE WHEN " + k + ".subject_person_id IS NULL THEN 'c:' || " + k + ".id ELSE 'p:' || " + k +
         ".subject_person_id END";
}

std::string mhlw_age_band_sql(const std::string& birth, const std::string& stored, const std::string& day) {
  using domain::kMhlwAgeBandValues;
  // Age during `day` (domain::age_on): difference of years, minus one
  // while the birthday (month-day) is still ahead.
  std::string age = "(CAST(substr(" + day + ", 1, 4) AS INTEGER) - CAST(substr(" + birth +
                    ", 1, 4) AS INTEGER) - CASE WHEN substr(" + day + ", 6, 5) < substr(" + birth +
                    ", 6, 5) THEN 1 ELSE 0 END)";
  std::string by_age = "CASE WHEN " + age + " < 20 THEN " + quoted(kMhlwAgeBandValues[0]) + " WHEN " + age +
                       " < 30 THEN " + quoted(kMhlwAgeBandValues[1]) + " WHEN " + age + " < 40 THEN " +
                       quoted(kMhlwAgeBandValues[2]) + " WHEN " + age + " < 50 THEN " +
                       quoted(kMhlwAgeBandValues[3]) + " ELSE " + quoted(kMhlwAgeBandValues[4]) + " END";
  // A stored band when there is no usable birth date (domain::mhlw_age_band).
  std::string by_band = "CASE WHEN " + stored + " IN ('〜10代', '10歳未満', '10代') THEN " +
                        quoted(kMhlwAgeBandValues[0]) + " WHEN " + stored + " IN ('20代', '30代', '40代') THEN " +
                        stored + " WHEN " + stored + " IN ('50代〜', '50代', '60代', '70代', '80代', '90代以上') THEN " +
                        quoted(kMhlwAgeBandValues[4]) + " ELSE " + quoted(domain::kAgeUnknown) + " END";
  return "CASE WHEN " + birth + " IS NOT NULL AND " + birth + " <= " + day + " THEN " + by_age + " ELSE " +
         by_band + " END";
}

}  // namespace tsunagu::store::mhlw_summary
