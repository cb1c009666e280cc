// A fixed set of threads that run the slow part of every request (database
// work, password hashing, exports), so that RESTinio's I/O threads only
// parse and write bytes and an idle keep-alive connection costs no thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tsunagu::http {

class WorkerPool {
 public:
  // `nice` > 0 runs the threads at a lower CPU priority than the rest of
  // the server (Linux: per thread), so that work a stranger can start
  // (password checks) gives way to the people at work.
  WorkerPool(unsigned threads, std::size_t max_queue, int nice = 0);
  ~WorkerPool();
  // False when the queue is full: the caller answers 503 at once rather
  // than letting latency grow without bound.
  bool post(std::function<void()> task);
  void stop();

 private:
  void run();
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> threads_;
  std::size_t max_queue_;
  int nice_;
  bool stopping_ = false;
};

}  // namespace tsunagu::http
