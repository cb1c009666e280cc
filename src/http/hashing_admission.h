// How many requests of one client may wait for or run on the public
// hashing pool at once (anonymous consultation: two argon2id a start or an
// opening). Checked on the I/O thread before the request is queued: the
// pool has one thread and a short queue, and the per-address budgets are
// counted only when a request reaches the pool, so without this one
// address sending forty at once would fill the queue and everyone else
// would get 503 (busy) while it lasted.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tsunagu::http {

class HashingAdmission {
 public:
  explicit HashingAdmission(int per_client) : per_client_(per_client) {}
  // A place for `client` (an address group, never logged or stored), held
  // until the returned handle is destroyed; null when the client holds
  // `per_client` places already.
  std::shared_ptr<void> enter(const std::string& client);

 private:
  void leave(const std::string& client);
  std::mutex mu_;
  std::unordered_map<std::string, int> held_;  // only clients holding a place: bounded by the pool's queue
  int per_client_;
};

}  // namespace tsunagu::http
