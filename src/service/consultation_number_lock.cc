#include "service/consultation_number_lock.h"

#include "service/public_throttle.h"

namespace tsunagu::service {
namespace {

// The lock lasts as long as the window of the tries: when it ends, the
// tries that caused it are outside the window, and the count is zero.
constexpr std::chrono::minutes kWindow{15};
constexpr ThrottleRule kTries{"number", 5, kWindow};
constexpr ThrottleRule kLock{"number_lock", 1, kWindow};

}  // namespace

std::optional<std::chrono::seconds> number_try(store::Connection& db, const std::string& number_hash) {
  if (throttle_count(db, kLock, number_hash) >= kLock.limit) return throttle_wait(db, kLock, number_hash);
  // Five tries still being checked: wait like a lock, without counting.
  if (auto wait = throttle_take_or_wait(db, kTries, number_hash); wait.count() > 0) return wait;
  return std::nullopt;
}

void number_failed(store::Connection& db, const std::string& number_hash) {
  if (throttle_count(db, kTries, number_hash) >= kTries.limit && throttle_count(db, kLock, number_hash) == 0)
    throttle_record(db, kLock, number_hash);
}

void number_opened(store::Connection& db, const std::string& number_hash) { throttle_forget(db, kTries, number_hash); }

}  // namespace tsunagu::service
