// The retention job's daily run inside `serve` (service/retention_job.h):
// a thread of its own that asks every few minutes whether the job is due
// and runs it then. Whether it is due is kept in the database, so several
// servers and a cron `tsunagu retention run` agree, and the lease lets only
// one of them do it.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "store/db.h"

namespace tsunagu::cli {

class RetentionTimer {
 public:
  // Starts the thread; the first look is at once (start-up rule).
  RetentionTimer(store::Database& db, std::string who);
  // Stops the thread; a run in progress finishes its current record.
  ~RetentionTimer();
  RetentionTimer(const RetentionTimer&) = delete;
  RetentionTimer& operator=(const RetentionTimer&) = delete;

 private:
  void loop();
  store::Database& db_;
  std::string who_;
  std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace tsunagu::cli
