// Settings of a running server, from the command line.
#pragma once

#include <chrono>
#include <string>

#include "service/sessions.h"

namespace tsunagu::http {

struct Config {
  std::string listen_address = "127.0.0.1";
  unsigned short port = 8080;
  std::string web_root;            // built front end (web/dist); empty: API only
  unsigned io_threads = 1;         // RESTinio's I/O threads
  unsigned worker_threads = 4;     // database work, hashing, exports
  std::size_t max_body_bytes = 1 << 20;
  bool secure_cookies = false;     // set behind TLS so cookies get `Secure`
  service::SessionLimits sessions;  // expiry and sign-in throttling
  bool access_log = true;
};

}  // namespace tsunagu::http
