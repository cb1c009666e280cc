#include "service/retention_job.h"

#include <optional>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/retention.h"
#include "domain/validation.h"
#include "service/actor.h"
#include "service/anonymisation.h"
#include "service/audit.h"
#include "service/log_event.h"
#include "service/public_consultation.h"
#include "service/public_throttle.h"

namespace tsunagu::service {

namespace {

using Mode = store::Transaction::Mode;

// Who the audit entries name: the job, in the record's organisation, so
// that the organisation's audit screen shows what its retention did.
Actor job_actor(const std::string& organisation_id) {
  Actor a;
  a.user_id = "system:retention";
  a.login = "retention";
  a.display_name = "保存期間の処理";
  a.role = domain::Role::admin;
  a.organisation_id = organisation_id;
  a.client = "retention";
  return a;
}

bool claim(store::Connection& c, const std::string& who) {
  auto now = service::now();
  store::Transaction tx(c, Mode::write);
  auto n = c.execute(
      "UPDATE retention_runs SET claimed_until = ?, claimed_by = ?, last_started_at = ? "
      "WHERE id = 1 AND (claimed_until IS NULL OR claimed_until < ? OR claimed_by = ?)",
      {format_utc(now + kRetentionLease), who, format_utc(now), format_utc(now), who});
  tx.commit();
  return n == 1;
}

// Renews the lease; false when another process has taken it meanwhile
// (this one was too slow), and then this one stops.
bool renew(store::Connection& c, const std::string& who) {
  store::Transaction tx(c, Mode::write);
  auto n = c.execute("UPDATE retention_runs SET claimed_until = ? WHERE id = 1 AND claimed_by = ?",
                     {format_utc(service::now() + kRetentionLease), who});
  tx.commit();
  return n == 1;
}

void release(store::Connection& c, const std::string& who, const RetentionRun& run) {
  store::Transaction tx(c, Mode::write);
  c.execute(
      "UPDATE retention_runs SET claimed_until = NULL, last_finished_at = ?, last_anonymised = ? "
      "WHERE id = 1 AND claimed_by = ?",
      {now_utc(), run.cases + run.participants + run.sessions + run.threads_deleted + run.supporters, who});
  tx.commit();
}

struct Candidate {
  std::string id, organisation_id;
};

// A candidate is checked again inside its own transaction: between the
// listing and its turn a case may have been reopened, or another process
// (after a lease ran out) may have done it.
template <typename Work>
bool one_by_one(store::Connection& c, const std::string& who, const std::vector<Candidate>& list, Work work,
                std::int64_t& count) {
  std::size_t since_renewal = 0;
  for (const auto& cand : list) {
    if (++since_renewal == 200) {
      since_renewal = 0;
      if (!renew(c, who)) return false;
    }
    store::Transaction tx(c, Mode::write);
    if (work(cand)) ++count;
    tx.commit();
  }
  return true;
}

}  // namespace

void to_json(nlohmann::json& j, const RetentionRun& r) {
  j = {{"ran", r.ran},
       {"cases", r.cases},
       {"participants", r.participants},
       {"sessions", r.sessions},
       {"threads_closed", r.threads_closed},
       {"threads_deleted", r.threads_deleted},
       {"supporters", r.supporters}};
}

RetentionRun run_retention(store::Database& db, const std::string& who) {
  auto lease = db.acquire();
  store::Connection& c = *lease;
  RetentionRun run;
  if (!claim(c, who)) return run;
  run.ran = true;
  auto today = domain::parse_iso_date(today_tokyo()).value();

  std::vector<Candidate> cases, participants, sessions, idle_threads, closed_threads, supporters;
  {
    store::Transaction tx(c, Mode::read);
    for (const auto& o : c.query(
             "SELECT id, retention_closed_case_years, retention_group_years, consultation_close_days, "
             "retention_thread_years, retention_supporter_years FROM organisations ORDER BY id")) {
      std::string org = o.text(0);
      for (const auto& r : c.query("SELECT id FROM consultation_threads WHERE organisation_id = ? AND state <> '終了' "
                                   "AND last_message_at < ? ORDER BY last_message_at, id",
                                   {org, format_utc(service::now() - std::chrono::days(o.integer(3)))}))
        idle_threads.push_back({r.text(0), org});
      if (auto years = o.opt_integer(4)) {
        // closed_at is a UTC time; its Tokyo day is compared with the cutoff
        // in C++ below, the listing takes a day more to be safe.
        auto cutoff = domain::format_iso_date(
            domain::add_days(domain::retention_cutoff(today, static_cast<int>(*years)), 1));
        for (const auto& r : c.query("SELECT id FROM consultation_threads WHERE organisation_id = ? AND state = '終了' "
                                     "AND closed_at < ? ORDER BY closed_at, id",
                                     {org, cutoff}))
          closed_threads.push_back({r.text(0), org});
      }
      if (auto years = o.opt_integer(1)) {
        auto cutoff = domain::format_iso_date(domain::retention_cutoff(today, static_cast<int>(*years)));
        for (const auto& r : c.query("SELECT id FROM cases WHERE organisation_id = ? AND closed_on < ? AND "
                                     "status IN ('終結', '中断') AND anonymised_at IS NULL ORDER BY closed_on, id",
                                     {org, cutoff}))
          cases.push_back({r.text(0), org});
      }
      if (auto years = o.opt_integer(2)) {
        auto cutoff = domain::format_iso_date(domain::retention_cutoff(today, static_cast<int>(*years)));
        for (const auto& r : c.query("SELECT id FROM group_participants WHERE organisation_id = ? AND left_on < ? "
                                     "AND anonymised_at IS NULL ORDER BY left_on, id",
                                     {org, cutoff}))
          participants.push_back({r.text(0), org});
        for (const auto& r : c.query("SELECT id FROM group_sessions WHERE organisation_id = ? AND held_on < ? "
                                     "AND anonymised_at IS NULL ORDER BY held_on, id",
                                     {org, cutoff}))
          sessions.push_back({r.text(0), org});
      }
      if (auto years = o.opt_integer(5)) {
        auto cutoff = domain::format_iso_date(domain::retention_cutoff(today, static_cast<int>(*years)));
        for (const auto& r : c.query("SELECT id FROM supporters WHERE organisation_id = ? AND active = 0 AND left_on < ? "
                                     "AND anonymised_at IS NULL ORDER BY left_on, id",
                                     {org, cutoff}))
          supporters.push_back({r.text(0), org});
      }
    }
    tx.commit();
  }

  // The rule is asked again per record, with the organisation's setting of
  // this moment, in the record's transaction.
  auto years_of = [&](const std::string& org, std::string_view column) -> std::optional<int> {
    auto sql = std::string("SELECT ") + std::string(column) + " FROM organisations WHERE id = ?";
    auto r = c.query_one(sql, {org});
    if (!r || r->is_null(0)) return std::nullopt;
    return static_cast<int>(r->integer(0));
  };
  bool kept_lease =
      one_by_one(
          c, who, cases,
          [&](const Candidate& k) {
            auto r = c.query_one("SELECT status, closed_on, anonymised_at FROM cases WHERE id = ?", {k.id});
            if (!r || !r->is_null(2)) return false;
            auto status = r->text(0);
            if (status != "終結" && status != "中断") return false;
            if (!domain::retention_passed(r->opt_text(1), years_of(k.organisation_id, "retention_closed_case_years"),
                                          today))
              return false;
            anonymise_case(c, k.id);
            audit(c, job_actor(k.organisation_id), {"anonymise", "case", k.id, "保存期間の経過"});
            return true;
          },
          run.cases) &&
      one_by_one(
          c, who, participants,
          [&](const Candidate& k) {
            auto r = c.query_one("SELECT left_on, anonymised_at FROM group_participants WHERE id = ?", {k.id});
            if (!r || !r->is_null(1)) return false;
            if (!domain::retention_passed(r->opt_text(0), years_of(k.organisation_id, "retention_group_years"), today))
              return false;
            anonymise_group_participant(c, k.id);
            audit(c, job_actor(k.organisation_id), {"anonymise", "group_participant", k.id, "保存期間の経過"});
            return true;
          },
          run.participants) &&
      one_by_one(
          c, who, sessions,
          [&](const Candidate& k) {
            auto r = c.query_one("SELECT held_on, anonymised_at FROM group_sessions WHERE id = ?", {k.id});
            if (!r || !r->is_null(1)) return false;
            if (!domain::retention_passed(r->opt_text(0), years_of(k.organisation_id, "retention_group_years"), today))
              return false;
            anonymise_group_session(c, k.id);
            audit(c, job_actor(k.organisation_id), {"anonymise", "group_session", k.id, "保存期間の経過"});
            return true;
          },
          run.sessions) &&
      one_by_one(
          c, who, supporters,
          [&](const Candidate& k) {
            // Come back in the meantime: active again, left_on cleared.
            auto r = c.query_one("SELECT active, left_on, anonymised_at FROM supporters WHERE id = ?", {k.id});
            if (!r || r->integer(0) != 0 || !r->is_null(2)) return false;
            if (!domain::retention_passed(r->opt_text(1), years_of(k.organisation_id, "retention_supporter_years"),
                                          today))
              return false;
            auto sign_in = anonymise_supporter(c, k.id);
            audit(c, job_actor(k.organisation_id), {"anonymise", "supporter", k.id, "保存期間の経過"});
            if (sign_in)
              audit(c, job_actor(k.organisation_id), {"anonymise", "user", *sign_in, "サポーターの保存期間の経過"});
            return true;
          },
          run.supporters) &&
      one_by_one(
          c, who, idle_threads,
          [&](const Candidate& k) {
            auto r = c.query_one(
                "SELECT t.state, t.last_message_at, o.consultation_close_days FROM consultation_threads t "
                "JOIN organisations o ON o.id = t.organisation_id WHERE t.id = ?",
                {k.id});
            if (!r || r->text(0) == "終了") return false;
            if (r->text(1) >= format_utc(service::now() - std::chrono::days(r->integer(2)))) return false;
            c.execute("UPDATE consultation_threads SET state = '終了', closed_at = ?, version = version + 1, "
                      "updated_at = ? WHERE id = ?",
                      {now_utc(), now_utc(), k.id});
            audit(c, job_actor(k.organisation_id), {"update", "consultation_thread", k.id, "やりとりのない期間の経過で終了"});
            return true;
          },
          run.threads_closed) &&
      one_by_one(
          c, who, closed_threads,
          [&](const Candidate& k) {
            auto r = c.query_one("SELECT state, closed_at FROM consultation_threads WHERE id = ?", {k.id});
            if (!r || r->text(0) != "終了" || r->is_null(1)) return false;
            auto day = domain::tokyo_day_text_of_utc(r->text(1));
            if (!domain::retention_passed(day, years_of(k.organisation_id, "retention_thread_years"), today))
              return false;
            erase_thread(c, k.id);
            audit(c, job_actor(k.organisation_id), {"delete", "consultation_thread", k.id, "保存期間の経過"});
            return true;
          },
          run.threads_deleted);
  {
    store::Transaction tx(c, Mode::write);
    throttle_forget_old(c);
    forget_idle_sessions(c);
    tx.commit();
  }
  if (kept_lease) release(c, who, run);
  log_info({{"event", "retention_run"},
            {"cases", run.cases},
            {"participants", run.participants},
            {"sessions", run.sessions},
            {"threads_closed", run.threads_closed},
            {"threads_deleted", run.threads_deleted},
            {"supporters", run.supporters},
            {"complete", kept_lease}});
  return run;
}

bool retention_due(store::Database& db, TimePoint now, bool at_start_up) {
  auto lease = db.acquire();
  std::optional<std::string> last;
  {
    store::Transaction tx(*lease, Mode::read);
    auto r = lease->query_one("SELECT last_finished_at FROM retention_runs WHERE id = 1");
    if (r) last = r->opt_text(0);
    tx.commit();
  }
  TimePoint finished{};
  if (!last || !parse_utc(*last, finished)) return true;
  auto since = now - finished;
  if (at_start_up) return since > std::chrono::hours(24);
  // Tokyo is UTC+9 all year (no daylight saving).
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  auto tokyo_hour = ((seconds + 9 * 3600) / 3600) % 24;
  return tokyo_hour == 3 && since > std::chrono::hours(20);
}

}  // namespace tsunagu::service
