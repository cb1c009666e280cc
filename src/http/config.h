// Settings of a running server, from the command line.
#pragma once

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include <vector>

#include "domain/emergency_access.h"
#include "http/client_address.h"
#include "service/case_search.h"
#include "service/crisis_contacts.h"
#include "service/sealed_field.h"
#include "service/sessions.h"

namespace tsunagu::service {
class CaseDetailCache;  // service/case_detail_cache.h
class RememberedRows;   // service/remembered_rows.h
}

namespace tsunagu::http {

struct Config {
  std::string listen_address = "127.0.0.1";
  unsigned short port = 8080;
  std::string web_root;            // built front end (web/dist); empty: API only
  unsigned io_threads = 1;         // RESTinio's I/O threads
  // Database work, hashing, exports. One per core: more runnable workers
  // than cores made the small-request benchmark (bench/) twice as slow, as
  // they preempt the I/O thread and each other (see bench/README.md).
  unsigned worker_threads = std::max(2u, std::thread::hardware_concurrency());
  std::size_t max_body_bytes = 1 << 20;
  // Cookies get `Secure` and Strict-Transport-Security is sent, unless the
  // operator says the server is plain HTTP on purpose (`--insecure-cookies`,
  // for a local try-out: scripts/start.sh).
  bool secure_cookies = true;
  service::SessionLimits sessions;  // expiry and sign-in throttling
  // Requests of one signed-in user: `rate` a second on average, `burst` at
  // once (http/rate_limiter.h); 0: no limit (benchmarks).
  double user_requests_per_second = 50;
  double user_request_burst = 1000;
  // Only from these is X-Forwarded-For read (http/client_address.h).
  std::vector<Network> trusted_proxies;
  // Only clients in these may read GET /metrics (http/metrics.h); empty:
  // the endpoint does not exist. The client is the one client_address()
  // tells, so a forged X-Forwarded-For from an untrusted peer gains nothing.
  std::vector<Network> metrics_from;
  // Open connections at most; more wait in the kernel's queue. 0: derived
  // from the descriptor limit (server.cc).
  std::size_t max_connections = 0;
  // Below this much free space where the database lives, /healthz says
  // the server cannot serve.
  std::uint64_t min_free_disk_bytes = 64ull << 20;
  std::string data_dir;  // where the SQLite file lives; empty on PostgreSQL
  // Sign-in password checks at once (their own pool, server.cc) and
  // sign-ins that may wait for one.
  unsigned password_threads = 1;
  std::size_t password_queue = 64;
  // The same for the public side's hashing (anonymous consultation).
  unsigned public_hash_threads = 1;
  std::size_t public_hash_queue = 32;
  bool access_log = true;
  // Key for sealed fields (contact details); loaded once at start from the
  // key file, never from the database.
  service::SealKey seal_key;
  // How long an emergency access grant lasts (`--emergency-access-seconds`,
  // 1 .. domain::kEmergencyAccessMaxSeconds; default four hours).
  std::int64_t emergency_access_seconds = domain::kEmergencyAccessDefaultSeconds;
  // Small-cell threshold for aggregate-only viewers (analyst, admin): person
  // counts 1..k-1 are hidden in reports (docs/reports/counting-rules.md).
  int small_cell_k = 3;
  // A search term with up to this many index hits is answered by joining
  // them to their cases, a more frequent one by walking the case list
  // (service/case_search.h). Tests set 0 to exercise the walk.
  std::int64_t search_join_limit = service::kDefaultSearchJoinLimit;
  // What a person sees when their anonymous message speaks of dying or of
  // danger, and on the portal (`--crisis-contacts FILE`).
  nlohmann::json crisis_contacts = service::default_crisis_contacts();
  // Whether 「返信があります」 emails are sent (`--notice-sendmail`): the
  // form offers the optional address only then.
  bool notices_enabled = false;
  // Case details kept in memory (service/case_detail_cache.h); null: none.
  // Set from `--case-detail-cache` at start.
  std::shared_ptr<service::CaseDetailCache> case_details;
  // Sessions and case refs a read may start from, checked in its audit
  // batch (service/remembered_rows.h); null: every read reads them.
  // Set from `--remembered-rows` at start.
  std::shared_ptr<service::RememberedRows> remembered;
};

}  // namespace tsunagu::http
