// Anonymisation: what remains of a record once its time has passed
// (service/retention_job.h) or the person asked for their data to be
// deleted (service/person_deletion.h).
//
// Names, furigana, contact details, free text and everything shared as a
// copy (the content of a referral's disclosure or a meeting's share) go;
// the rows stay with the structured facts the figures count — dates,
// channels, counterparts, whether 本人 was met, statuses, stages, age bands,
// birth dates, districts, needs, referral categories and states. So the
// MHLW figures and the outcome and requirement reports of past years read
// the same before and after, and `rebuild-summaries` gives them again.
// The birth date stays because the MHLW age band is counted from it at the
// first contact of each fiscal year; dropping it would change the figures
// after a rebuild.
//
// These functions change rows only: the caller runs them in its
// transaction and writes the audit entry. The search index entries of what
// they clear are removed in the same transaction, and the case-detail
// memory lets go by itself: the case row changes, so its detail revision
// rises (store/migrations/0017_case_detail_revision.h).
#pragma once

#include <optional>
#include <string>

#include "store/db.h"

namespace tsunagu::service {

// Clears the case's title and free text, its contacts', assessments',
// plans', consents', referrals', meeting shares' and follow-ups' free text,
// and anonymises its 本人 and household members unless one of them still
// belongs to a case that is not anonymised; marks the case anonymised_at.
// Doing it twice changes nothing more.
void anonymise_case(store::Connection& db, const std::string& case_id);

// The person's name, furigana, contact details and note; marks the person
// anonymised_at and removes their search entry. Their 居場所 registrations
// linked to their cases lose their 呼び名 and notes too.
void anonymise_person(store::Connection& db, const std::string& person_id);

// 居場所 and groups: a participant's 呼び名 and notes, and a session's
// reflection and cancellation note (the group, the days and the counts of
// attendance stay).
void anonymise_group_participant(store::Connection& db, const std::string& participant_id);
void anonymise_group_session(store::Connection& db, const std::string& session_id);

// A supporter who stopped: their name (kAnonymisedSupporterName), contact
// details, availability, languages and experience note, and their own words
// on their dispatches (振り返り, the reason they gave for a 辞退). Kind, sex,
// age band, area, activities, qualifications, trainings attended and the
// dispatches' times, hours and 交通費 stay for the figures and the accounts.
// What the supporter reported about 本人 belongs to the case and follows
// the case's retention. Their sign-in, if any, goes with them: the account
// is stopped, unlinked, renamed (kAnonymisedSupporterName, login
// "anonymised-<id>"), its password and second factor removed and its
// sessions and sign-in history deleted; its id stays, so that the audit log
// still says which account did what. Returns that account's id, if there
// was one (the caller audits it).
std::optional<std::string> anonymise_supporter(store::Connection& db, const std::string& supporter_id);

}  // namespace tsunagu::service
