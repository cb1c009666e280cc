// Group commit for audit entries of reads, on a writer thread of its own.
//
// Every read of personal data appends to the audit log before its answer is
// sent. Written one by one, each append is a write transaction with its own
// fsync, and under load readers queue behind each other's commits. Here the
// worker that ran the read hands its entries and the rest of its answer to
// the audit writer and is free for the next request at once; the writer
// commits everything queued at that moment in one transaction, then lets
// each of those answers go out (or fail, if the write failed). No answer
// leaves before its entries are durable, and a worker never sleeps through
// an fsync, so the workers stay as many as the cores.
//
// The answers of a committed batch go out on a second thread (the
// deliverer) while the writer commits the next batch. Sending them — the
// access line, the socket write — took about as long as the commit itself,
// and done on the writer it lengthened every batch's cycle: the answers
// waiting in the next batch waited for both (issue 20). Answers still go
// out in the order their batches committed.
//
// An answer given from memory (service/remembered_rows.h) comes with what
// it relied on. The writer checks all of a batch's reliances in the
// batch's transaction before appending; an answer whose rows changed has
// no entry written, and its `done` gets RelianceChanged instead.
//
// On PostgreSQL the writer remembers the head its last batch left and
// appends the next batch in one statement from that head
// (service/audit_known_head.h); when another server has appended in
// between, it takes the ordinary way and leaves the known head alone for a
// few batches, as two busy servers take turns.
//
// After a commit, and every 10 seconds when idle, the writer anchors the
// heads of both logs in the anchor file when due (service/audit_anchor.h),
// and once more when it stops.
//
// The entries go to the reads log (service/audit.h), so these commits never
// touch the main database file and never empty the other connections' page
// caches.
#pragma once

#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "service/audit.h"
#include "service/audit_chain.h"
#include "service/remembered_rows.h"
#include "store/db.h"

namespace tsunagu::service {

class AuditBatcher {
 public:
  // Called once the entries are committed (null) or their write failed
  // (the exception): where deliver_with's poster runs it, else on the
  // deliverer thread; after stop(), on the caller's.
  using Done = std::function<void(std::exception_ptr)>;

  // `max_queued`: requests whose entries may wait for the writer at once.
  explicit AuditBatcher(store::Database& db, std::size_t max_queued = 4096);
  ~AuditBatcher();
  AuditBatcher(const AuditBatcher&) = delete;
  AuditBatcher& operator=(const AuditBatcher&) = delete;

  // Queues `entries`; `done` runs after they are written. Blocks only while
  // the queue is full (the writer is far behind): back-pressure rather than
  // unbounded memory.
  // `reliance`: what an answer from memory relied on (null: nothing).
  void submit(std::vector<PendingAudit> entries, Done done, std::shared_ptr<const Reliance> reliance = nullptr);
  // As submit, but never waits: false, with nothing taken, when the queue
  // is full or the writer has stopped. For the I/O thread, which must not
  // block (every connection waits for it); its caller hands the request
  // to a worker instead, which may wait.
  bool try_submit(std::vector<PendingAudit>&& entries, Done&& done, std::shared_ptr<const Reliance>&& reliance);
  // Where committed batches are delivered: `post` runs a batch's delivery
  // on a thread of the caller's (the server's I/O thread, which sends the
  // answers anyway), one hand-off per batch instead of two. Null: on the
  // deliverer thread, as before the server starts and after it stops.
  using Post = std::function<void(std::function<void()>)>;
  void deliver_with(Post post);
  // Writes what is queued and delivers every answer, then ends both
  // threads. Later submits are written and answered by the caller's thread.
  void stop();
  // Requests whose entries wait for the writer now (for /metrics).
  std::size_t queued();
  // Batches appended so far, by the way they went (for /metrics).
  struct Appends {
    std::uint64_t known_head = 0;  // in one statement from the head the writer knew
    std::uint64_t head_moved = 0;  // tried so, but another server had appended
    std::uint64_t read_head = 0;   // the ordinary way, reading the head
  };
  Appends appends() const;

 private:
  struct Item {
    std::vector<PendingAudit> entries;
    Done done;
    std::shared_ptr<const Reliance> reliance;
  };
  struct Committed {
    std::vector<Item> batch;
    std::exception_ptr error;
    // Answers from memory whose rows changed: nothing written for them.
    std::vector<Item> changed;
  };
  void run();
  void deliver_all();
  // Appends and commits the batch's entries, setting `error` if that
  // failed. Returns how many entries were written. `head`: the head the
  // writer's last batch left, kept up to date (null after stop()).
  std::size_t write(Committed& c, std::optional<ChainHead>* head);
  // Whether this batch may try the one-statement append from `head`.
  bool may_append_after(const std::optional<ChainHead>& head, store::Connection& db);
  // Moves the items whose reliance no longer holds to c.changed. `held`:
  // the writer thread's rows known equal (null: a write after stop()).
  static void set_aside_changed(store::Connection& db, Committed& c, HeldRows* held);
  static void deliver(Committed& c);
  void checkpoint(std::size_t written);

  store::Database& db_;
  const std::size_t max_queued_;
  std::mutex m_;
  std::condition_variable work_, space_;
  std::vector<Item> queue_;
  bool stopping_ = false;
  // Committed batches whose answers have not gone out yet, oldest first.
  std::mutex delivery_m_;
  std::condition_variable delivery_work_;
  std::vector<Committed> committed_;
  bool delivery_stopping_ = false;
  Post post_;  // under delivery_m_
  // The writer thread's own: the head it left, and how many batches still
  // take the ordinary way after the head was found moved.
  std::optional<ChainHead> head_;
  int skip_known_head_ = 0;
  // The writer thread's own too: remembered rows found equal, and when.
  HeldRows held_;
  std::atomic<std::uint64_t> known_head_appends_{0}, head_moved_appends_{0}, read_head_appends_{0};
  std::thread thread_, deliverer_;
};

}  // namespace tsunagu::service
