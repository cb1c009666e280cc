// Group commit for audit entries of reads.
//
// Every read of personal data appends to the audit log before its answer is
// sent. Written one by one, each append is a write transaction with its own
// fsync, and under load the readers queue behind each other's commits.
// AuditBatcher lets one request (the leader) write the entries of every
// request waiting at that moment in one transaction; the others wait for
// that commit and return. Nobody returns before their entries are durable,
// and a failed write fails every request of the batch.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "service/audit.h"
#include "store/db.h"

namespace tsunagu::service {

class AuditBatcher {
 public:
  // Writes `entries` (in a batch with whatever other threads are appending)
  // and returns once they are committed. `c` is the caller's own connection,
  // outside any transaction; it is used if this caller leads the batch.
  // Throws what the write threw.
  void append(store::Connection& c, std::vector<PendingAudit> entries);

 private:
  struct Batch {
    std::vector<PendingAudit> entries;
    bool done = false;
    std::exception_ptr error;
  };
  std::mutex m_;
  std::condition_variable cv_;
  std::shared_ptr<Batch> open_;  // collecting, not yet taken by a leader
  bool writing_ = false;
};

}  // namespace tsunagu::service
