#include "http/rate_limiter.h"

#include <algorithm>

namespace tsunagu::http {

bool RateLimiter::allow(const std::string& key, std::chrono::steady_clock::time_point now) {
  if (rate_ <= 0) return true;
  std::lock_guard lock(mu_);
  // Full buckets carry no information: drop them now and then, so the map
  // holds only the users active in the last minute or so.
  if (now - last_sweep_ > std::chrono::seconds(60)) {
    std::erase_if(buckets_, [&](const auto& kv) {
      return kv.second.tokens + std::chrono::duration<double>(now - kv.second.at).count() * rate_ >= burst_;
    });
    last_sweep_ = now;
  }
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!fresh) {
    b.tokens = std::min(burst_, b.tokens + std::chrono::duration<double>(now - b.at).count() * rate_);
    b.at = now;
  }
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

void RateLimiter::give_back(const std::string& key) {
  if (rate_ <= 0) return;
  std::lock_guard lock(mu_);
  if (auto it = buckets_.find(key); it != buckets_.end()) it->second.tokens = std::min(burst_, it->second.tokens + 1);
}

}  // namespace tsunagu::http
