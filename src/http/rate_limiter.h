// A token bucket per key (a user id): `rate` requests a second on average,
// up to `burst` at once. Generous by design — a person at a screen never
// meets it; a script looping on one account does, before it can fill the
// disk with audit entries. Kept in memory per server: each server of a
// PostgreSQL deployment limits on its own, which is enough for the purpose.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tsunagu::http {

class RateLimiter {
 public:
  // rate 0: no limit.
  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}
  // True when a request of `key` may go now (and takes its token).
  bool allow(const std::string& key, std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());
  // Returns the token a request took and did not use (an attempt dropped
  // to be run again elsewhere), so that it is counted once.
  void give_back(const std::string& key);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point at;
  };
  double rate_, burst_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::chrono::steady_clock::time_point last_sweep_{};
};

}  // namespace tsunagu::http
