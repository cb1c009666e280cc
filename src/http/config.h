// Settings of a running server, from the command line.
#pragma once

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "domain/emergency_access.h"
#include "service/case_search.h"
#include "service/sealed_field.h"
#include "service/sessions.h"

namespace tsunagu::service {
class CaseDetailCache;  // service/case_detail_cache.h
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
  bool secure_cookies = false;     // set behind TLS so cookies get `Secure`
  service::SessionLimits sessions;  // expiry and sign-in throttling
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
  // Case details kept in memory (service/case_detail_cache.h); null: none.
  // Set from `--case-detail-cache` at start.
  std::shared_ptr<service::CaseDetailCache> case_details;
};

}  // namespace tsunagu::http
