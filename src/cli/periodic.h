// A job that `serve` runs on a thread of its own, every `every`: the daily
// retention job (which asks the database whether it is due:
// service/retention_job.h) and the 「返信があります」 notices
// (service/consultation_notices.h). What is due is kept in the database,
// so several servers and a command run from cron agree.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace tsunagu::cli {

class Periodic {
 public:
  // Starts the thread; the first run is at once, with `first` true. An
  // exception from `work` is logged under `name` and the next run tries
  // again (a database away for a while is survived).
  Periodic(std::string name, std::chrono::seconds every, std::function<void(bool first)> work);
  // Stops the thread after the run in progress.
  ~Periodic();
  Periodic(const Periodic&) = delete;
  Periodic& operator=(const Periodic&) = delete;

 private:
  void loop();
  std::string name_;
  std::chrono::seconds every_;
  std::function<void(bool)> work_;
  std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace tsunagu::cli
