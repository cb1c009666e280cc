// Settings of a running server, from the command line.
#pragma once

#include <chrono>
#include <string>

namespace tsunagu::http {

struct Config {
  std::string listen_address = "127.0.0.1";
  unsigned short port = 8080;
  std::string web_root;            // built front end (web/dist); empty: API only
  unsigned io_threads = 1;         // RESTinio's I/O threads
  unsigned worker_threads = 4;     // database work, hashing, exports
  std::size_t max_body_bytes = 1 << 20;
  bool secure_cookies = false;     // set behind TLS so cookies get `Secure`
  std::chrono::seconds session_idle{30 * 60};
  std::chrono::hours session_absolute{12};
  int account_lock_after_failures = 5;
  std::chrono::minutes account_lock_for{15};
  int client_failures_per_window = 20;
  std::chrono::minutes failure_window{15};
  bool access_log = true;
};

}  // namespace tsunagu::http
