#include "service/audit_batch.h"

#include <iterator>

namespace tsunagu::service {

void AuditBatcher::append(store::Connection& c, std::vector<PendingAudit> entries) {
  if (entries.empty()) return;
  std::unique_lock lock(m_);
  if (!open_) open_ = std::make_shared<Batch>();
  std::shared_ptr<Batch> mine = open_;
  mine->entries.insert(mine->entries.end(), std::make_move_iterator(entries.begin()),
                       std::make_move_iterator(entries.end()));
  for (;;) {
    if (mine->done) {
      if (mine->error) std::rethrow_exception(mine->error);
      return;
    }
    if (!writing_) {
      // Nobody is writing, and our batch has not been taken (a taken batch
      // is marked done before writing_ drops), so it is still the open one:
      // lead it.
      writing_ = true;
      std::shared_ptr<Batch> batch = std::move(open_);
      lock.unlock();
      std::exception_ptr error;
      try {
        store::Transaction tx(c, store::Transaction::Mode::write);
        append_pending(c, batch->entries);
        tx.commit();
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      batch->error = error;
      batch->done = true;
      writing_ = false;
      cv_.notify_all();
      continue;
    }
    cv_.wait(lock);
  }
}

}  // namespace tsunagu::service
