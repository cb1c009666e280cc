#include "service/audit_batch.h"

#include "service/log_event.h"


#include <chrono>
#include <nlohmann/json.hpp>

#include "service/audit_anchor.h"
#include "service/audit_known_head.h"
#include "service/log_flush_deferral.h"

namespace tsunagu::service {
namespace {

// Batches that take the ordinary way after the head was found moved: one
// wasted round trip in this many while two servers are both busy, and the
// one-statement append back soon after the other falls quiet.
constexpr int kSkipAfterMove = 15;

}  // namespace

// max_queued: at 64 connections the queue holds at most a few dozen; the
// default of 4096 bounds memory under a flood, not ordinary load.
AuditBatcher::AuditBatcher(store::Database& db, std::size_t max_queued)
    : db_(db), max_queued_(max_queued), thread_([this] { run(); }), deliverer_([this] { deliver_all(); }) {}

AuditBatcher::~AuditBatcher() { stop(); }

void AuditBatcher::submit(std::vector<PendingAudit> entries, Done done, std::shared_ptr<const Reliance> reliance) {
  std::unique_lock lock(m_);
  if (stopping_) {
    // After stop(): nobody else will write them.
    lock.unlock();
    Committed one;
    one.batch.push_back({std::move(entries), std::move(done), std::move(reliance)});
    write(one, nullptr);
    deliver(one);
    return;
  }
  space_.wait(lock, [&] { return queue_.size() < max_queued_ || stopping_; });
  queue_.push_back({std::move(entries), std::move(done), std::move(reliance)});
  // Woken after the lock is let go: woken under it, the writer would only
  // wake to wait for the lock (two more system calls and a switch).
  lock.unlock();
  work_.notify_one();
}

bool AuditBatcher::try_submit(std::vector<PendingAudit>&& entries, Done&& done,
                              std::shared_ptr<const Reliance>&& reliance) {
  {
    std::lock_guard lock(m_);
    if (stopping_ || queue_.size() >= max_queued_) return false;
    queue_.push_back({std::move(entries), std::move(done), std::move(reliance)});
  }
  work_.notify_one();  // after the lock, as in submit
  return true;
}

AuditBatcher::Appends AuditBatcher::appends() const {
  return {known_head_appends_.load(std::memory_order_relaxed), head_moved_appends_.load(std::memory_order_relaxed),
          read_head_appends_.load(std::memory_order_relaxed)};
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
    std::size_t written = write(c, &head_);
    bool failed = c.error != nullptr;
    bool was_idle = false;
    {
      std::lock_guard lock(delivery_m_);
      // Handed over whole (the access lines of the batch go out in one
      // write, after it). Not a batch with answers whose rows changed:
      // those run again the ordinary way, reading the database, which is
      // for the deliverer, never for the poster's (I/O) thread.
      if (post_ && committed_.empty() && c.changed.empty()) {
        post_([batch = std::make_shared<Committed>(std::move(c))] {
          LogFlushDeferral together;
          deliver(*batch);
        });
      } else {
        was_idle = committed_.empty();
        committed_.push_back(std::move(c));
      }
    }
    // One wake-up per batch, and none while the deliverer is still busy
    // with the one before (it looks again before sleeping).
    if (was_idle) delivery_work_.notify_one();
    // A checkpoint now and then must not delay the answers: they are
    // already on their way.
    if (!failed) checkpoint(written);
  }
}

void AuditBatcher::deliver_with(Post post) {
  std::lock_guard lock(delivery_m_);
  post_ = std::move(post);
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

void AuditBatcher::set_aside_changed(store::Connection& db, Committed& c, HeldRows* held) {
  std::vector<const Reliance*> reliances;
  for (const auto& item : c.batch)
    if (item.reliance) reliances.push_back(item.reliance.get());
  if (reliances.empty()) return;
  HeldRows none;
  auto hold = still_hold(db, reliances, held ? *held : none);
  std::vector<Item> kept;
  kept.reserve(c.batch.size());
  std::size_t i = 0;
  for (auto& item : c.batch) {
    bool holds = !item.reliance || hold[i++];
    (holds ? kept : c.changed).push_back(std::move(item));
  }
  c.batch = std::move(kept);
}

bool AuditBatcher::may_append_after(const std::optional<ChainHead>& head, store::Connection& db) {
  if (!head || db.dialect() != store::Dialect::postgres) return false;
  if (skip_known_head_ > 0) {
    --skip_known_head_;
    return false;
  }
  return true;
}

std::size_t AuditBatcher::write(Committed& c, std::optional<ChainHead>* head) {
  auto& batch = c.batch;
  std::size_t written = 0;
  try {
    auto lease = db_.acquire();
    const bool one_statement = head && may_append_after(*head, *lease);
    // Mode::read is a deferred BEGIN: its first write locks only the file
    // it writes. BEGIN IMMEDIATE would take the main file's write lock too,
    // and make every write request wait for this commit. (On PostgreSQL it
    // starts nothing until the first statement that writes; the
    // one-statement append is a transaction of its own.)
    std::optional<store::Transaction> tx;
    if (!one_statement) tx.emplace(*lease, store::Transaction::Mode::read);
    // First, so that it sees everything committed before these requests
    // arrived.
    HeldRows* held = head ? &held_ : nullptr;
    set_aside_changed(*lease, c, held);
    // All the requests' entries in one append: the head is taken and moved
    // once per batch, not once per request.
    std::vector<PendingAudit> all;
    if (batch.empty()) {
      if (tx) tx->commit();
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
    if (one_statement) {
      if (auto left = append_after_known_head(*lease, all, AuditLog::reads, **head)) {
        *head = std::move(left);
        known_head_appends_.fetch_add(1, std::memory_order_relaxed);
        return written;
      }
      head_moved_appends_.fetch_add(1, std::memory_order_relaxed);
      skip_known_head_ = kSkipAfterMove;
      tx.emplace(*lease, store::Transaction::Mode::read);
    }
    ChainHead left;
    append_pending(*lease, all, AuditLog::reads, &left);
    tx->commit();
    // Committed: whatever happens now must not turn the answers into
    // failures. A mark that cannot be read only means reading rows again.
    if (held) {
      try {
        held->own_rows_written(lease->change_mark());
      } catch (const std::exception&) {
        held->forget();
      }
    }
    read_head_appends_.fetch_add(1, std::memory_order_relaxed);
    if (head) *head = std::move(left);
  } catch (...) {
    c.error = std::current_exception();
    // Whether the head moved is not known now: read it next time.
    // Nor what was found equal.
    if (head) {
      head->reset();
      held_.forget();
    }
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
