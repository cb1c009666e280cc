// What a monitoring system scrapes: GET /metrics in Prometheus' text format
// (version 0.0.4), for the operator's Prometheus or anything that reads it.
//
// Requests are counted by route pattern (`GET /api/v1/cases/:id`), never by
// the path itself: a path holds record ids, and a label per id would grow
// without bound. Nothing here is personal: counts, times, queue depths.
//
// Counting is a few relaxed atomic additions on a series made at start for
// each route, so it costs the request path no lock. The endpoint answers
// only clients in `--metrics-from` (http/dispatcher.cc); everyone else gets
// the same 404 as for any unknown path.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "store/db.h"

namespace tsunagu::http {

struct Route;
class Router;

// Read at the moment of a scrape, from the parts that know them.
struct MetricsGauges {
  std::size_t audit_queue = 0;       // requests whose read-audit entries wait for the writer
  std::int64_t active_sessions = 0;  // sessions used within the idle timeout
  std::uint64_t open_connections = 0;
  // Read-audit batches appended, by the way they went (service/audit_batch.h).
  std::uint64_t appends_known_head = 0, appends_head_moved = 0, appends_read_head = 0;
};

class Metrics {
 public:
  // Upper bounds of the latency histogram, seconds (Prometheus `le`).
  static constexpr std::array<double, 12> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                   0.1,   0.25,   0.5,   1.0,  2.5,   10.0};

  explicit Metrics(const Router& router);

  // What answered a request.
  enum class Served { api, static_files, scrape };
  // One answered request. `route` is the matched route, or null for an API
  // path no route matched (404/405), the front end's files and a scrape.
  void observe(const Route* route, Served served, int status, std::chrono::microseconds took);
  void database_error(store::Error::Kind kind);
  // A read answered from memory (service/remembered_rows.h) whose rows the
  // audit batch found unchanged (`held`), or changed (run again).
  void answered_from_memory(bool held);
  // A read tried on the I/O thread (Dispatcher::answer_here): answered
  // there, or handed to a worker because it needed the database.
  void tried_on_io_thread(bool answered);

  // The exposition text.
  std::string render(const MetricsGauges& gauges) const;

 private:
  struct Series {
    std::string label;  // the route as "METHOD /pattern", or a fixed name
    std::array<std::atomic<std::uint64_t>, 5> by_class{};  // 1xx..5xx
    std::array<std::atomic<std::uint64_t>, kBuckets.size()> buckets{};  // not cumulative
    std::atomic<std::uint64_t> sum_us{0};
  };
  Series& series_of(const Route* route, Served served);

  const Route* first_route_ = nullptr;
  std::vector<std::unique_ptr<Series>> routes_;  // in the router's order
  Series unmatched_, static_files_, scrapes_;
  std::array<std::atomic<std::uint64_t>, 6> database_errors_{};  // by store::Error::Kind
  std::array<std::atomic<std::uint64_t>, 2> from_memory_{};  // changed, held
  std::array<std::atomic<std::uint64_t>, 2> on_io_thread_{};  // to a worker, answered
};

}  // namespace tsunagu::http
