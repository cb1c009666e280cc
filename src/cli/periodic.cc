#include "cli/periodic.h"

#include <exception>

#include "service/log_event.h"

namespace tsunagu::cli {

Periodic::Periodic(std::string name, std::chrono::seconds every, std::function<void(bool first)> work)
    : name_(std::move(name)), every_(every), work_(std::move(work)), thread_([this] { loop(); }) {}

Periodic::~Periodic() {
  {
    std::lock_guard lock(m_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Periodic::loop() {
  bool first = true;
  for (;;) {
    try {
      work_(first);
    } catch (const std::exception& e) {
      service::log_error({{"event", name_ + "_failed"}, {"error", e.what()}});
    }
    first = false;
    std::unique_lock lock(m_);
    if (cv_.wait_for(lock, every_, [this] { return stop_; })) return;
  }
}

}  // namespace tsunagu::cli
