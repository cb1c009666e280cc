#include "service/audit_batch.h"

#include "service/log_event.h"


namespace tsunagu::service {
namespace {

// Requests whose audit entries may wait for the writer at once; at 64
// connections the queue holds at most a few dozen.
constexpr std::size_t kMaxQueued = 4096;

}  // namespace

AuditBatcher::AuditBatcher(store::Database& db) : db_(db), thread_([this] { run(); }) {}

AuditBatcher::~AuditBatcher() { stop(); }

void AuditBatcher::submit(std::vector<PendingAudit> entries, Done done) {
  std::unique_lock lock(m_);
  if (stopping_) {
    // After stop(): nobody else will write them.
    lock.unlock();
    std::vector<Item> one;
    one.push_back({std::move(entries), std::move(done)});
    write(one);
    return;
  }
  space_.wait(lock, [&] { return queue_.size() < kMaxQueued || stopping_; });
  queue_.push_back({std::move(entries), std::move(done)});
  work_.notify_one();
}

void AuditBatcher::stop() {
  {
    std::lock_guard lock(m_);
    if (stopping_) return;
    stopping_ = true;
  }
  work_.notify_one();
  space_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void AuditBatcher::run() {
  for (;;) {
    std::vector<Item> batch;
    {
      std::unique_lock lock(m_);
      work_.wait(lock, [&] { return !queue_.empty() || stopping_; });
      if (queue_.empty()) return;  // stopping, nothing left
      batch.swap(queue_);
    }
    space_.notify_all();
    write(batch);
  }
}

void AuditBatcher::write(std::vector<Item>& batch) {
  std::exception_ptr error;
  try {
    auto lease = db_.acquire();
    // Mode::read is a deferred BEGIN: its first write locks only the file
    // it writes. BEGIN IMMEDIATE would take the main file's write lock too,
    // and make every write request wait for this commit.
    store::Transaction tx(*lease, store::Transaction::Mode::read);
    for (const auto& item : batch) append_pending(*lease, item.entries, AuditLog::reads);
    tx.commit();
  } catch (...) {
    error = std::current_exception();
  }
  for (auto& item : batch) {
    try {
      item.done(error);
    } catch (const std::exception& e) {
      // An answer that cannot be sent must not stop the writer.
      log_error({{"event", "audit_completion_failed"}, {"error", e.what()}});
    }
  }
}

}  // namespace tsunagu::service
