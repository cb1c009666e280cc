#include "service/public_consultation.h"

#include <algorithm>
#include <array>

#include <sodium.h>

#include "domain/consultation.h"
#include "domain/fiscal_year.h"
#include "domain/validation.h"
#include "service/audit.h"
#include "service/clock.h"
#include "service/consultation_notices.h"
#include "service/consultation_number_lock.h"
#include "service/consultation_counts.h"
#include "service/input.h"
#include "service/json_optional.h"
#include "service/problem.h"
#include "service/public_throttle.h"
#include "service/sealed_field.h"
#include "service/secrets.h"
#include "service/timing_dummy_hash.h"

namespace tsunagu::service {
namespace {

constexpr std::size_t kMaxMessage = 2000;  // code points: a long letter, not a document
constexpr std::size_t kMaxNickname = 20;
// Messages of one thread within an hour. A person in distress may write in
// many short lines, as in a chat: one a minute stays within it; a script
// does not.
constexpr ThrottleRule kMessagesPerThread{"thread", 60, std::chrono::hours(1)};
// Telling one's name and contact details, or correcting them, within an
// hour: a person fixes a typo a few times; a loop writing notices does not.
constexpr ThrottleRule kDetailsPerThread{"details", 10, std::chrono::hours(1)};

std::string random_digits(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('0' + randombytes_uniform(10));
  return s;
}

std::string random_passphrase() {
  std::string s;
  for (std::size_t i = 0; i < domain::kPassphraseLetters; ++i)
    s += domain::kPassphraseAlphabet[randombytes_uniform(static_cast<std::uint32_t>(domain::kPassphraseAlphabet.size()))];
  return s;
}

// argon2id of the number with a salt derived from the deployment's key:
// the same number always gives the same hash (so it can be looked up), and
// without the key file nobody can compute it.
std::string number_hash(const SealKey& key, const std::string& number) {
  std::array<unsigned char, crypto_pwhash_SALTBYTES> salt{};
  crypto_kdf_derive_from_key(salt.data(), salt.size(), 2, "tsnumber", key.bytes.data());
  std::array<unsigned char, 32> out{};
  if (crypto_pwhash(out.data(), out.size(), number.data(), number.size(), salt.data(),
                    crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                    crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("argon2id: out of memory");
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), out.data(), out.size());
  return hex.data();
}

// Which organisation answers: one that takes anonymous consultations in
// the chosen municipality (or one of its districts), else one of its
// prefecture; without a municipality, one at prefecture level, else any.
std::optional<std::string> answering_organisation(store::Connection& db, const std::optional<std::string>& municipality) {
  constexpr char kOpen[] =
      "SELECT o.id FROM organisations o JOIN areas a ON a.id = o.area_id WHERE o.consultation_open = 1 AND ";
  if (municipality) {
    if (auto r = db.query_one(std::string(kOpen) + "(a.id = ? OR a.parent_id = ?) ORDER BY o.name LIMIT 1",
                              {*municipality, *municipality}))
      return r->text(0);
    if (auto r = db.query_one(std::string(kOpen) +
                                  "a.id = (SELECT parent_id FROM areas WHERE id = ?) ORDER BY o.name LIMIT 1",
                              {*municipality}))
      return r->text(0);
  }
  if (auto r = db.query_one(std::string(kOpen) + "a.level = 'prefecture' ORDER BY o.name LIMIT 1")) return r->text(0);
  if (auto r = db.query_one(std::string(kOpen) + "1 = 1 ORDER BY o.name LIMIT 1")) return r->text(0);
  return std::nullopt;
}

// Read before anything else, from the body as sent: every answer — stored,
// refused, or invalid — to a message that speaks of danger shows the
// crisis contacts (the dispatcher adds them to a problem marked urgent).
bool message_speaks_of_danger(const nlohmann::json& body) {
  auto it = body.find("message");
  return it != body.end() && it->is_string() && domain::speaks_of_danger(it->get_ref<const std::string&>());
}

Problem& marked_urgent(Problem& p, bool danger) {
  if (danger) p.extra["urgent"] = true;
  return p;
}

std::string read_message(Input& in) {
  return in.text("message", "相談の内容", {.required = true, .max = kMaxMessage, .multiline = true});
}

std::string new_session(store::Connection& db, const std::string& thread_id) {
  // Each new one clears the idle ones, so the table holds only sessions
  // that still open something.
  forget_idle_sessions(db);
  std::string token = random_token(), at = now_utc();
  db.execute("INSERT INTO consultation_sessions (token_hash, thread_id, created_at, last_used_at) VALUES (?,?,?,?)",
             {hash_hex(token), thread_id, at, at});
  return token;
}

void insert_message(store::Connection& db, const std::string& thread_id, std::string_view author,
                    const std::string& body, bool urgent, const std::string& at) {
  db.execute(
      "INSERT INTO consultation_messages (id, thread_id, author, staff_id, body, urgent, sent_at) "
      "VALUES (?,?,?,NULL,?,?,?)",
      {random_id(), thread_id, std::string(author), body, std::int64_t{urgent ? 1 : 0}, at});
}

// A refusal that says why and how long to wait: in minutes as people read
// them, and in seconds for the page and the Retry-After header. The
// dispatcher adds the crisis contacts to every such answer of these routes.
Problem too_many(std::string code, const std::string& why, std::chrono::seconds wait) {
  long long minutes = std::max<long long>(1, (wait.count() + 59) / 60);
  Problem p(429, std::move(code),
            why + std::to_string(minutes) +
                "分ほどたってから、もう一度お試しください。急いで話したいことがあるときは、下の相談先にお電話ください。");
  p.extra["retry_after"] = std::max<long long>(1, wait.count());
  return p;
}

Problem not_opened() {
  return Problem(401, "consultation_not_found",
                 "相談番号か合言葉が違います。控えたとおりに入力されているか、もう一度お確かめください。");
}

// The number waits after several wrong passphrases. Said without blame:
// the person reading it is as likely the owner who mistyped, or someone
// whose number another person tried.
Problem number_resting(std::chrono::seconds wait) {
  return too_many("too_many_attempts",
                  "この相談番号は、合言葉の確認が何度か続いたため、相談を守るために少しのあいだお休みしています。"
                  "相談の内容はそのまま残っています。",
                  wait);
}

}  // namespace

namespace {

OpenedThread start(store::Database& database, const PublicContext& ctx, const nlohmann::json& body, bool danger) {
  Input in(body);
  auto writer = in.choice("writer", "相談する人", domain::kConsultationWriter.values, true);
  auto nickname = in.opt_text("nickname", "呼び名", {.required = false, .max = kMaxNickname});
  auto municipality = in.opt_text("municipality_id", "お住まいの市区町村", {.required = false, .max = 64});
  std::string message = read_message(in);
  auto email = in.opt_text("notice_email", "お知らせを受け取るメールアドレス", {.required = false, .max = 254});
  if (email && !plain_mailbox(*email))
    in.fail("notice_email", "メールアドレスは name@example.jp のような形で、1つだけ入力してください。");
  in.check();
  // A field people never see (hidden from screens and screen readers): a
  // value in it is a script filling every field.
  if (body.contains("website") && !(body["website"].is_string() && body["website"].get<std::string>().empty()) &&
      !body["website"].is_null())
    throw Problem(400, "rejected", "送信を受け付けられませんでした。");

  std::string organisation_id;
  const std::string client = client_key(ctx.key, ctx.client);
  {
    auto lease = database.acquire();
    store::Transaction tx(*lease, store::Transaction::Mode::write);
    if (municipality && !lease->query_one("SELECT 1 FROM areas WHERE id = ? AND level = 'municipality'", {*municipality}))
      in.fail("municipality_id", "お住まいの市区町村は、一覧から選んでください。");
    in.check();
    auto org = answering_organisation(*lease, municipality);
    if (!org)
      throw Problem(503, "consultation_unavailable",
                    "いまはオンライン相談を受け付けている窓口がありません。お手数ですが、窓口の電話番号へご連絡ください。");
    organisation_id = *org;
    auto wait = throttle_take_or_wait(*lease, kPostPerAddress, client);
    tx.commit();
    // Many people may share one address (a carrier's, a school's): the
    // words say what happened, not who did it.
    if (wait.count() > 0)
      throw too_many("too_many_posts",
                     "ただいま、お使いのネットワークから新しい相談がたくさん届いているため、少しのあいだ受け付けを休んでいます。",
                     wait);
  }

  // The slow part, outside any transaction.
  OpenedThread out;
  out.number = random_digits(domain::kConsultationNumberDigits);
  out.passphrase = random_passphrase();
  std::string nhash = number_hash(ctx.key, out.number), phash = hash_password(out.passphrase);

  auto lease = database.acquire();
  store::Connection& db = *lease;
  store::Transaction tx(db, store::Transaction::Mode::write);
  out.thread_id = random_id();
  auto t0 = now();
  // The notice a millisecond after the message, so that it is read after it.
  std::string at = format_utc(t0), notice_at = format_utc(t0 + std::chrono::milliseconds(1));
  bool urgent = out.urgent = danger;
  db.execute(
      "INSERT INTO consultation_threads (id, organisation_id, number_hash, passphrase_hash, writer, nickname, "
      "municipality_id, state, urgent, notice_email, last_message_at, created_at, updated_at) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
      {out.thread_id, organisation_id, nhash, phash, *writer, store::text_or_null(nickname),
       store::text_or_null(municipality), std::string(domain::consultation_state_machine().initial),
       std::int64_t{urgent ? 1 : 0}, email ? store::Value{seal(ctx.key, *email)} : store::null(), at, at, at});
  insert_message(db, out.thread_id, "person", message, urgent, at);
  auto org = db.query_one("SELECT name, consultation_reply_days FROM organisations WHERE id = ?", {organisation_id});
  // The automatic notice (MHLW's SNS guidance: say when a reply will take time).
  insert_message(db, out.thread_id, "system",
                 "ご相談ありがとうございます。" + org->text(0) + "がお受けしました。担当者がお返事するまで、" +
                     std::to_string(org->integer(1)) +
                     "日ほどかかることがあります。お返事はこのページで読めます。相談番号と合言葉を控えておいてください。",
                 false, notice_at);
  count_consultation_message(db, organisation_id, out.thread_id, at);
  out.token = new_session(db, out.thread_id);
  // No client address: the writer's address is kept only by the throttle,
  // hashed, for its window.
  audit(db, nullptr, {"create", "consultation_thread", out.thread_id, urgent ? "urgent" : ""});
  tx.commit();
  return out;
}

}  // namespace

OpenedThread start_consultation(store::Database& database, const PublicContext& ctx, const nlohmann::json& body) {
  const bool danger = message_speaks_of_danger(body);
  try {
    return start(database, ctx, body, danger);
  } catch (Problem& p) {
    throw marked_urgent(p, danger);
  }
}

OpenedThread open_consultation(store::Database& database, const PublicContext& ctx, const nlohmann::json& body) {
  Input in(body);
  std::string number_typed = in.text("number", "相談番号", {.required = true, .max = 100});
  std::string pass_typed = in.text("passphrase", "合言葉", {.required = true, .max = 100});
  in.check();
  auto number = domain::read_consultation_number(number_typed);
  auto pass = domain::read_passphrase(pass_typed);
  if (!number) in.fail("number", "相談番号は12桁の数字です（例: 1234-5678-9012）。");
  if (!pass) in.fail("passphrase", "合言葉は英字と数字の20文字です（例: K7QM-3HWX-…）。");
  in.check();

  // Every opening counts, right or wrong, before any hash: each costs one,
  // and a loop of right openings would otherwise fill the hashing pool.
  const std::string client = client_key(ctx.key, ctx.client);
  {
    auto lease = database.acquire();
    store::Transaction tx(*lease, store::Transaction::Mode::write);
    auto wait = throttle_take_or_wait(*lease, kOpenPerAddress, client);
    tx.commit();
    if (wait.count() > 0)
      throw too_many("too_many_attempts",
                     "ただいま、お使いのネットワークから相談を開く操作が続いているため、少しのあいだ受け付けを休んでいます。",
                     wait);
  }
  std::string nhash = number_hash(ctx.key, *number);
  std::optional<std::string> thread_id;
  std::string phash;
  {
    auto lease = database.acquire();
    store::Transaction tx(*lease, store::Transaction::Mode::write);
    // Known or not, a number waits the same (consultation_number_lock.h).
    auto wait = number_try(*lease, nhash);
    if (!wait)
      if (auto t = lease->query_one("SELECT id, passphrase_hash FROM consultation_threads WHERE number_hash = ?", {nhash})) {
        thread_id = t->text(0);
        phash = t->text(1);
      }
    tx.commit();
    if (wait) throw number_resting(*wait);
  }
  // An unknown number is checked against a hash of nothing, so that it
  // answers in the time of a real one.
  bool right = verify_password(thread_id ? phash : timing_dummy_hash(), *pass) && thread_id;

  auto lease = database.acquire();
  store::Connection& db = *lease;
  store::Transaction tx(db, store::Transaction::Mode::write);
  if (!right) {
    number_failed(db, nhash);
    if (thread_id) audit(db, nullptr, {"open_failed", "consultation_thread", *thread_id, ""});
    tx.commit();
    throw not_opened();
  }
  number_opened(db, nhash);
  OpenedThread out;
  out.thread_id = *thread_id;
  out.token = new_session(db, out.thread_id);
  audit(db, nullptr, {"open", "consultation_thread", out.thread_id, ""});
  tx.commit();
  return out;
}

std::optional<std::string> thread_of_token(store::Connection& db, const std::string& token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  std::string h = hash_hex(token);
  auto r = db.query_one("SELECT thread_id, last_used_at FROM consultation_sessions WHERE token_hash = ?", {h});
  if (!r) return std::nullopt;
  if (r->text(1) < format_utc(now() - kConsultationSessionIdle)) return std::nullopt;
  db.execute("UPDATE consultation_sessions SET last_used_at = ? WHERE token_hash = ?", {now_utc(), h});
  return r->text(0);
}

nlohmann::json thread_for_person(store::Connection& db, const std::string& thread_id) {
  auto t = db.query_one(
      "SELECT t.writer, t.nickname, t.state, t.urgent, o.name, o.consultation_reply_days, t.created_at, t.details_at "
      "FROM consultation_threads t JOIN organisations o ON o.id = t.organisation_id WHERE t.id = ?",
      {thread_id});
  if (!t) throw not_found();
  nlohmann::json j = {{"writer", t->text(0)},
                      {"nickname", nj(t->opt_text(1))},
                      {"state", t->text(2)},
                      {"urgent", t->integer(3) != 0},
                      {"organisation", {{"name", t->text(4)}, {"reply_days", t->integer(5)}}},
                      {"created_at", t->text(6)},
                      {"details_given", !t->is_null(7)},
                      {"state_note", std::string(domain::state_note_for_person(t->text(2)))},
                      {"messages", nlohmann::json::array()}};
  for (const auto& m : db.query(
           "SELECT id, author, body, sent_at FROM consultation_messages WHERE thread_id = ? AND author <> 'note' "
           "ORDER BY sent_at, id",
           {thread_id}))
    j["messages"].push_back({{"id", m.text(0)}, {"author", m.text(1)}, {"body", m.text(2)}, {"sent_at", m.text(3)}});
  return j;
}

std::optional<Problem> add_person_message(store::Connection& db, const PublicContext& ctx,
                                          const std::string& thread_id, const nlohmann::json& body) {
  const bool danger = message_speaks_of_danger(body);
  Input in(body);
  std::string message = read_message(in);
  try {
    in.check();
  } catch (Problem& p) {
    throw marked_urgent(p, danger);
  }
  auto t = db.query_one("SELECT organisation_id, state, urgent FROM consultation_threads WHERE id = ?", {thread_id});
  if (!t) throw not_found();
  const std::string client = client_key(ctx.key, ctx.client);
  // Nothing is counted for a message the thread's limit refuses.
  auto wait = throttle_wait(db, kMessagesPerThread, thread_id);
  if (wait.count() == 0) wait = throttle_take_or_wait(db, kMessagePerAddress, client);
  if (wait.count() == 0) wait = throttle_take_or_wait(db, kMessagesPerThread, thread_id);
  if (wait.count() > 0) {
    if (!danger)
      return too_many("too_many_posts", "短い時間にたくさんの書き込みが届いたため、いまの書き込みは保存できませんでした。", wait);
    // The words are not kept (the limit stands), but what they said is not
    // lost: the thread is urgent, and staff read why in a note.
    if (t->integer(2) == 0) {
      std::string at = now_utc();
      db.execute("UPDATE consultation_threads SET urgent = 1, version = version + 1, updated_at = ? WHERE id = ?",
                 {at, thread_id});
      insert_message(db, thread_id, "note",
                     "書き込みの上限を超えたため保存できなかった書き込みに、命や身の危険にかかわる言葉がありました"
                     "（本文は保存していません）。急ぎの相談として扱ってください。",
                     true, at);
      audit(db, nullptr, {"update", "consultation_thread", thread_id, "urgent_unsaved_message"});
    }
    Problem p = too_many("too_many_posts",
                         "短い時間にたくさんの書き込みが届いたため、いまの書き込みは保存できませんでした。"
                         "つらい気持ちが書かれていたので、担当の窓口にはこの相談を急ぎとして知らせました。",
                         wait);
    return marked_urgent(p, true);
  }
  std::string at = now_utc();
  insert_message(db, thread_id, "person", message, danger, at);
  db.execute(
      "UPDATE consultation_threads SET state = ?, urgent = CASE WHEN ? = 1 THEN 1 ELSE urgent END, "
      "last_message_at = ?, closed_at = NULL, version = version + 1, updated_at = ? WHERE id = ?",
      {std::string(domain::state_after_person_message(t->text(1))), std::int64_t{danger ? 1 : 0}, at, at, thread_id});
  count_consultation_message(db, t->text(0), thread_id, at);
  audit(db, nullptr, {"create", "consultation_message", thread_id, danger ? "urgent" : ""});
  return std::nullopt;
}

void give_details(store::Connection& db, const SealKey& key, const std::string& thread_id, const nlohmann::json& body) {
  Input in(body);
  auto name = in.text("name", "お名前", {.required = true, .max = 60});
  auto furigana = in.opt_text("furigana", "ふりがな", {.required = false, .max = 60});
  auto phone = in.opt_text("phone", "電話番号", {.required = false, .max = 30});
  auto email = in.opt_text("email", "メールアドレス", {.required = false, .max = 254});
  auto note = in.opt_text("contact_note", "連絡のときに気をつけてほしいこと", {.required = false, .max = 500, .multiline = true});
  if (email && !plain_mailbox(*email)) in.fail("email", "メールアドレスは name@example.jp のような形で、1つだけ入力してください。");
  if (phone && phone->find_first_not_of("0123456789-+() ") != std::string::npos)
    in.fail("phone", "電話番号は数字とハイフンで入力してください（例: 090-1234-5678）。");
  if (!body.contains("consent") || !body["consent"].is_boolean() || !body["consent"].get<bool>())
    in.fail("consent", "伝えた内容を担当の窓口が記録することに同意いただける場合だけ、送ることができます。");
  in.check();
  auto t = db.query_one("SELECT details_at, details FROM consultation_threads WHERE id = ?", {thread_id});
  if (!t) throw not_found();
  bool again = !t->is_null(0);
  nlohmann::json details = {{"name", name}, {"furigana", nj(furigana)}, {"phone", nj(phone)}, {"email", nj(email)},
                            {"contact_note", nj(note)}};
  // Sent again unchanged (a second tap, a reload): nothing to tell staff.
  if (again && !t->is_null(1))
    if (auto told = unseal(key, t->text(1)); told && nlohmann::json::parse(*told, nullptr, false) == details) return;
  if (auto wait = throttle_take_or_wait(db, kDetailsPerThread, thread_id); wait.count() > 0)
    throw too_many("too_many_posts", "短い時間に何度も送られたため、いまの内容は保存できませんでした。", wait);
  std::string at = now_utc();
  // The thread's version is staff's (state and assignment, If-Match): what
  // the person tells does not make an open staff screen's next change a
  // conflict.
  db.execute("UPDATE consultation_threads SET details = ?, details_at = ?, updated_at = ? WHERE id = ?",
             {seal(key, details.dump()), at, at, thread_id});
  insert_message(db, thread_id, "system",
                 again ? "伝えていただいた名前や連絡先を、新しい内容に改めました。"
                       : "名前や連絡先を伝えていただきました。担当者が確認して、これからの相談の進め方をお返事します。",
                 false, at);
  audit(db, nullptr, {"update", "consultation_thread", thread_id, again ? "details_corrected" : "details_given"});
}

void erase_thread(store::Connection& db, const std::string& thread_id) {
  db.execute("DELETE FROM consultation_sessions WHERE thread_id = ?", {thread_id});
  db.execute("DELETE FROM consultation_messages WHERE thread_id = ?", {thread_id});
  db.execute("DELETE FROM consultation_threads WHERE id = ?", {thread_id});
}

void delete_thread_by_person(store::Connection& db, const std::string& thread_id) {
  erase_thread(db, thread_id);
  audit(db, nullptr, {"delete", "consultation_thread", thread_id, "本人による削除"});
}

void forget_idle_sessions(store::Connection& db) {
  db.execute("DELETE FROM consultation_sessions WHERE last_used_at < ?", {format_utc(now() - kConsultationSessionIdle)});
}

void forget_token(store::Connection& db, const std::string& token) {
  if (token.empty() || token.size() > 100) return;
  db.execute("DELETE FROM consultation_sessions WHERE token_hash = ?", {hash_hex(token)});
}

}  // namespace tsunagu::service
