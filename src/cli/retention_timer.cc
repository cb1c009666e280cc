#include "cli/retention_timer.h"

#include <chrono>
#include <exception>

#include "service/clock.h"
#include "service/log_event.h"
#include "service/retention_job.h"

namespace tsunagu::cli {

namespace {
// Often enough to land in the quiet hour; a look is one small SELECT.
constexpr std::chrono::minutes kLookEvery{5};
}  // namespace

RetentionTimer::RetentionTimer(store::Database& db, std::string who)
    : db_(db), who_(std::move(who)), thread_([this] { loop(); }) {}

RetentionTimer::~RetentionTimer() {
  {
    std::lock_guard lock(m_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void RetentionTimer::loop() {
  bool start_up = true;
  for (;;) {
    try {
      if (service::retention_due(db_, service::now(), start_up)) service::run_retention(db_, who_);
    } catch (const std::exception& e) {
      // A database away for a while is survived: the next look tries again,
      // and what was done stays done.
      service::log_error({{"event", "retention_failed"}, {"error", e.what()}});
    }
    start_up = false;
    std::unique_lock lock(m_);
    if (cv_.wait_for(lock, kLookEvery, [this] { return stop_; })) return;
  }
}

}  // namespace tsunagu::cli
