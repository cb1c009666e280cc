#include "service/audit_batch.h"

#include "service/log_event.h"


#include <chrono>
#include <nlohmann/json.hpp>

#include "service/audit_anchor.h"
#include "service/log_flush_deferral.h"

namespace tsunagu::service {
namespace {

// Requests whose audit entries may wait for the writer at once; at 64
// connections the queue holds at most a few dozen.
constexpr std::size_t kMaxQueued = 4096;

}  // namespace

AuditBatcher::AuditBatcher(store::Database& db)
    : db_(db), thread_([this] { run(); }), deliverer_([this] { deliver_all(); }) {}

AuditBatcher::~AuditBatcher() { stop(); }

void AuditBatcher::submit(std::vector<PendingAudit> entries, Done done, std::shared_ptr<const Reliance> reliance) {
  std::unique_lock lock(m_);
  if (stopping_) {
    // After stop(): nobody else will write them.
    lock.unlock();
    Committed one;
    one.batch.push_back({std::move(entries), std::move(done), std::move(reliance)});
    write(one);
    deliver(one);
    return;
  }
  space_.wait(lock, [&] { return queue_.size() < kMaxQueued || stopping_; });
  queue_.push_back({std::move(entries), std::move(done), std::move(reliance)});
  work_.notify_one();
}

std::size_t AuditBatcher::queued() {
  std::lock_guard lock(m_);
  return queue_.size();
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
  {
    std::lock_guard lock(delivery_m_);
    delivery_stopping_ = true;
  }
  delivery_work_.notify_one();
  if (deliverer_.joinable()) deliverer_.join();
  // The last word of this server in its anchor file: where both logs stand
  // at shutdown, so a database put back later cannot pass for this one.
  if (!audit_anchor_in_use()) return;
  try {
    auto lease = db_.acquire();
    checkpoint_audit_now(*lease);
  } catch (const std::exception& e) {
    log_error({{"event", "audit_checkpoint_failed"}, {"error", e.what()}});
  }
}

void AuditBatcher::run() {
  for (;;) {
    Committed c;
    {
      std::unique_lock lock(m_);
      // Woken every 10 seconds when idle, so that the main log, which the
      // writes append to in their own transactions, is anchored too.
      if (!work_.wait_for(lock, std::chrono::seconds(10), [&] { return !queue_.empty() || stopping_; })) {
        lock.unlock();
        checkpoint(0);
        continue;
      }
      if (queue_.empty()) return;  // stopping, nothing left
      c.batch.swap(queue_);
    }
    space_.notify_all();
    std::size_t written = write(c);
    bool failed = c.error != nullptr;
    bool was_idle;
    {
      std::lock_guard lock(delivery_m_);
      was_idle = committed_.empty();
      committed_.push_back(std::move(c));
    }
    // One wake-up per batch, and none while the deliverer is still busy
    // with the one before (it looks again before sleeping).
    if (was_idle) delivery_work_.notify_one();
    // A checkpoint now and then must not delay the answers: they are
    // already on their way.
    if (!failed) checkpoint(written);
  }
}

void AuditBatcher::deliver_all() {
  for (;;) {
    std::vector<Committed> ready;
    {
      std::unique_lock lock(delivery_m_);
      delivery_work_.wait(lock, [&] { return !committed_.empty() || delivery_stopping_; });
      // On stopping, the writer has ended: what is here is the last.
      if (committed_.empty()) return;
      ready.swap(committed_);
    }
    // The access lines of these answers go out in one write, after them.
    LogFlushDeferral together;
    for (auto& c : ready) deliver(c);
  }
}

void AuditBatcher::deliver(Committed& c) {
  auto changed = c.changed.empty() ? nullptr : std::make_exception_ptr(RelianceChanged());
  for (auto* items : {&c.batch, &c.changed})
    for (auto& item : *items) {
      try {
        item.done(items == &c.batch ? c.error : changed);
      } catch (const std::exception& e) {
        // An answer that cannot be sent must not stop the others.
        log_error({{"event", "audit_completion_failed"}, {"error", e.what()}});
      }
    }
}

void AuditBatcher::set_aside_changed(store::Connection& db, Committed& c) {
  std::vector<const Reliance*> reliances;
  for (const auto& item : c.batch)
    if (item.reliance) reliances.push_back(item.reliance.get());
  if (reliances.empty()) return;
  auto hold = still_hold(db, reliances);
  std::vector<Item> kept;
  kept.reserve(c.batch.size());
  std::size_t i = 0;
  for (auto& item : c.batch) {
    bool holds = !item.reliance || hold[i++];
    (holds ? kept : c.changed).push_back(std::move(item));
  }
  c.batch = std::move(kept);
}

std::size_t AuditBatcher::write(Committed& c) {
  auto& batch = c.batch;
  std::size_t written = 0;
  try {
    auto lease = db_.acquire();
    // Mode::read is a deferred BEGIN: its first write locks only the file
    // it writes. BEGIN IMMEDIATE would take the main file's write lock too,
    // and make every write request wait for this commit.
    store::Transaction tx(*lease, store::Transaction::Mode::read);
    // First, in this transaction, so that it sees everything committed
    // before these requests arrived.
    set_aside_changed(*lease, c);
    // All the requests' entries in one append: the head is taken and moved
    // once per batch, not once per request.
    std::vector<PendingAudit> all;
    if (batch.empty()) {
      tx.commit();
      return 0;
    }
    if (batch.size() == 1) {
      all = std::move(batch.front().entries);
    } else {
      for (auto& item : batch) written += item.entries.size();
      all.reserve(written);
      for (auto& item : batch)
        for (auto& e : item.entries) all.push_back(std::move(e));
    }
    written = all.size();
    append_pending(*lease, all, AuditLog::reads);
    tx.commit();
  } catch (...) {
    c.error = std::current_exception();
  }
  return written;
}

void AuditBatcher::checkpoint(std::size_t written) {
  if (!audit_anchor_in_use()) return;
  try {
    auto lease = db_.acquire();
    maybe_checkpoint_audit(*lease, written);
  } catch (const std::exception& e) {
    log_error({{"event", "audit_checkpoint_failed"}, {"error", e.what()}});
  }
}

}  // namespace tsunagu::service
