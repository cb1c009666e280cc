#include "http/hashing_admission.h"

namespace tsunagu::http {

std::shared_ptr<void> HashingAdmission::enter(const std::string& client) {
  {
    std::lock_guard lock(mu_);
    int& n = held_[client];
    if (n >= per_client_) return nullptr;
    ++n;
  }
  // The handle's deleter gives the place back, wherever the request ends
  // (answered, refused by a full queue, or failed).
  return std::shared_ptr<void>(static_cast<void*>(this), [this, client](void*) { leave(client); });
}

void HashingAdmission::leave(const std::string& client) {
  std::lock_guard lock(mu_);
  auto it = held_.find(client);
  if (it != held_.end() && --it->second <= 0) held_.erase(it);
}

}  // namespace tsunagu::http
