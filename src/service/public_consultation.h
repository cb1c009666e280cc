// Anonymous consultation, the person's side (issue 19; domain/consultation.h
// for the rules). A person or a family member writes without an account;
// the answer is a consultation number and a passphrase, shown once, and an
// opaque token that this browser keeps (a cookie) until 「この端末から消す」.
// From any browser, the number and the passphrase open the thread again.
//
// Secrets: the number is stored only as an argon2id hash whose salt is
// derived from the deployment's key (so that it can be looked up, and a
// copy of the database alone cannot be searched for it); the passphrase as
// an argon2id hash with a salt of its own; the token as a BLAKE2b hash.
// None of them is ever in a URL, a log line or the audit log. Opening a
// thread costs two argon2id computations: the routes run on the password
// pool (Route::hashes_password), outside any transaction.
//
// Opening is throttled per client address (kOpenPerAddress: every try,
// counted before any hash) and per number, known or not
// (service/consultation_number_lock.h: 5 wrong passphrases in 15 minutes,
// then 15 minutes of rest; the person who holds the number waits, nobody
// else gets in).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "service/problem.h"
#include "service/sealed_field.h"
#include "store/db.h"

namespace tsunagu::service {

struct PublicContext {
  const SealKey& key;
  std::string client;  // the client's address group (http::address_group); never stored
};

struct OpenedThread {
  std::string thread_id;
  std::string token;  // for the cookie
  // Only when the thread was just started: the person must write these down.
  std::string number, passphrase;
  bool urgent = false;  // the first message spoke of dying or of danger
};

// Body: {writer, nickname?, municipality_id?, message, notice_email? (only
// for 「返信があります」, service/consultation_notices.h), website? (a honeypot:
// people never see it, so a value means a script)}. Manages its own
// transactions. Throws 400 validation_failed (nothing written), 400
// rejected (the honeypot), 429 too_many_posts (per address), 503
// consultation_unavailable (no organisation of the area answers); each
// with "urgent": true when the message speaks of danger.
OpenedThread start_consultation(store::Database& db, const PublicContext& ctx, const nlohmann::json& body);

// Body: {number, passphrase}. Throws 429 too_many_attempts (per address or
// per number, with retry_after), 401 consultation_not_found. An unknown
// number gives the answers of a real one with a wrong passphrase, in the
// same time (a dummy hash) and with the same lock.
OpenedThread open_consultation(store::Database& db, const PublicContext& ctx, const nlohmann::json& body);

// The thread of a browser's token, or nullopt (no token, unknown, idle for
// more than kConsultationSessionIdle). Refreshes the token's last use, so
// call it inside a write transaction.
std::optional<std::string> thread_of_token(store::Connection& db, const std::string& token);
// Two hours: a person may take long over a message.
inline constexpr std::chrono::minutes kConsultationSessionIdle{120};

// What the person sees: their messages, staff replies and the automatic
// notices (never internal notes), the state, the answering organisation
// and its reply days, and whether it is urgent.
nlohmann::json thread_for_person(store::Connection& db, const std::string& thread_id);

// Body: {message}. Throws 400 validation_failed. Returns the 429
// too_many_posts to answer when a limit refuses the message, for the caller
// to throw once it has committed: a refused message that speaks of danger
// still flags the thread urgent (with a note to staff; the words are not
// kept), and the refusal is marked urgent. Problems of a message that
// speaks of danger carry "urgent": true (the crisis contacts are shown).
std::optional<Problem> add_person_message(store::Connection& db, const PublicContext& ctx,
                                          const std::string& thread_id, const nlohmann::json& body);

// The person chooses to tell who they are, so that the answering
// organisation may open a case (「名前や連絡先を伝えて、相談を続ける」). Body:
// {name, furigana?, phone?, email?, contact_note?, consent: true}. Sealed at
// rest like persons' contact details; staff see it in the thread (an
// audited read). Sent again, it replaces what was told (a correction).
// The same details sent again change nothing (no notice, no audit entry).
// Throws 400 validation_failed (consent must be true), 429 too_many_posts
// (10 an hour per thread).
void give_details(store::Connection& db, const SealKey& key, const std::string& thread_id, const nlohmann::json& body);

// The person deletes their thread: messages and sessions go, the counts
// of the MHLW figures stay (consultation_counts).
void delete_thread_by_person(store::Connection& db, const std::string& thread_id);

// Removes the sessions idle for more than kConsultationSessionIdle (they
// open nothing any more): on each new session and by the retention job.
void forget_idle_sessions(store::Connection& db);

// 「この端末から消す」: the browser's token stops working.
void forget_token(store::Connection& db, const std::string& token);

// Removes a thread with its messages and sessions (by the person, or the
// retention job); the counts stay.
void erase_thread(store::Connection& db, const std::string& thread_id);

}  // namespace tsunagu::service
