#include "http/metrics.h"

#include <cstdio>
#include <utility>
#include <vector>

#include "http/router.h"

namespace tsunagu::http {
namespace {

constexpr const char* kErrorKinds[] = {"unique_violation", "foreign_key_violation", "busy",
                                       "disk_full",        "unavailable",           "other"};

// A label value as the text format wants it: backslash, quote and newline
// escaped. Route patterns have none today; the rule is cheap to keep.
std::string escaped(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

// A counter with one label: its HELP and TYPE lines, then one sample for
// each value of the label, in the order given.
void labelled_counter(std::string& out, const char* name, const char* help, const char* label,
                      const std::vector<std::pair<std::string, std::uint64_t>>& samples) {
  out += std::string("# HELP ") + name + " " + help + "\n";
  out += std::string("# TYPE ") + name + " counter\n";
  for (const auto& [value, n] : samples)
    out += std::string(name) + "{" + label + "=\"" + value + "\"} " + std::to_string(n) + "\n";
}

}  // namespace

Metrics::Metrics(const Router& router) {
  unmatched_.label = "unmatched";
  static_files_.label = "static";
  scrapes_.label = "GET /metrics";
  const auto& routes = router.routes();
  if (!routes.empty()) first_route_ = &routes.front();
  for (const Route& r : routes) {
    routes_.push_back(std::make_unique<Series>());
    routes_.back()->label = r.method + " " + r.pattern;
  }
}

Metrics::Series& Metrics::series_of(const Route* route, Served served) {
  if (served == Served::static_files) return static_files_;
  if (served == Served::scrape) return scrapes_;
  if (!route || !first_route_) return unmatched_;
  auto i = static_cast<std::size_t>(route - first_route_);
  return i < routes_.size() ? *routes_[i] : unmatched_;
}

void Metrics::observe(const Route* route, Served served, int status, std::chrono::microseconds took) {
  Series& s = series_of(route, served);
  int cls = status / 100 - 1;
  if (cls >= 0 && cls < 5) s.by_class[static_cast<std::size_t>(cls)].fetch_add(1, std::memory_order_relaxed);
  const double sec = static_cast<double>(took.count()) / 1e6;
  for (std::size_t b = 0; b < kBuckets.size(); ++b) {
    if (sec <= kBuckets[b]) {
      s.buckets[b].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
  // Slower than the last bound: counted in +Inf only (the total below).
  s.sum_us.fetch_add(static_cast<std::uint64_t>(took.count()), std::memory_order_relaxed);
}

void Metrics::answered_from_memory(bool held) { from_memory_[held ? 1 : 0].fetch_add(1, std::memory_order_relaxed); }

void Metrics::tried_on_io_thread(bool answered) {
  on_io_thread_[answered ? 1 : 0].fetch_add(1, std::memory_order_relaxed);
}

void Metrics::database_error(store::Error::Kind kind) {
  auto i = static_cast<std::size_t>(kind);
  if (i < database_errors_.size()) database_errors_[i].fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::render(const MetricsGauges& g) const {
  std::vector<const Series*> all;
  for (const auto& s : routes_) all.push_back(s.get());
  all.push_back(&unmatched_);
  all.push_back(&static_files_);
  all.push_back(&scrapes_);

  std::string out;
  out += "# HELP tsunagu_http_requests_total Requests answered, by route and status class.\n";
  out += "# TYPE tsunagu_http_requests_total counter\n";
  for (const Series* s : all)
    for (std::size_t c = 0; c < s->by_class.size(); ++c) {
      auto n = s->by_class[c].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += "tsunagu_http_requests_total{route=\"" + escaped(s->label) + "\",code=\"" + std::to_string(c + 1) +
             "xx\"} " + std::to_string(n) + "\n";
    }

  out += "# HELP tsunagu_http_request_duration_seconds Time from the request read to the answer handed back, "
         "read-audit write included.\n";
  out += "# TYPE tsunagu_http_request_duration_seconds histogram\n";
  for (const Series* s : all) {
    std::uint64_t total = 0;
    for (const auto& c : s->by_class) total += c.load(std::memory_order_relaxed);
    if (total == 0) continue;  // routes never called stay out of the scrape
    const std::string route = "route=\"" + escaped(s->label) + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < kBuckets.size(); ++b) {
      cumulative += s->buckets[b].load(std::memory_order_relaxed);
      out += "tsunagu_http_request_duration_seconds_bucket{" + route + ",le=\"" + seconds(kBuckets[b]) + "\"} " +
             std::to_string(std::min(cumulative, total)) + "\n";
    }
    out += "tsunagu_http_request_duration_seconds_bucket{" + route + ",le=\"+Inf\"} " + std::to_string(total) + "\n";
    out += "tsunagu_http_request_duration_seconds_sum{" + route + "} " +
           seconds(static_cast<double>(s->sum_us.load(std::memory_order_relaxed)) / 1e6) + "\n";
    out += "tsunagu_http_request_duration_seconds_count{" + route + "} " + std::to_string(total) + "\n";
  }

  std::vector<std::pair<std::string, std::uint64_t>> errors;
  for (std::size_t k = 0; k < database_errors_.size(); ++k)
    errors.emplace_back(kErrorKinds[k], database_errors_[k].load(std::memory_order_relaxed));
  labelled_counter(out, "tsunagu_database_errors_total", "Database failures met by requests, by kind.", "kind",
                   errors);
  labelled_counter(out, "tsunagu_reads_from_memory_total",
                   "Reads that started from the remembered session and case, by what the audit batch found: held "
                   "(answered) or changed (run again from the database).",
                   "result",
                   {{"held", from_memory_[1].load(std::memory_order_relaxed)},
                    {"changed", from_memory_[0].load(std::memory_order_relaxed)}});
  labelled_counter(out, "tsunagu_io_thread_reads_total",
                   "Reads with a remembered session tried on the I/O thread: answered there from memory, or handed "
                   "to a worker because they needed the database or the audit queue was full.",
                   "result",
                   {{"answered", on_io_thread_[1].load(std::memory_order_relaxed)},
                    {"to_worker", on_io_thread_[0].load(std::memory_order_relaxed)}});
  labelled_counter(out, "tsunagu_read_audit_appends_total",
                   "Batches of read-audit entries appended: in one statement from the head the writer knew "
                   "(known_head), tried so while another server had appended (head_moved), or by reading the head "
                   "(read_head).",
                   "way",
                   {{"known_head", g.appends_known_head},
                    {"head_moved", g.appends_head_moved},
                    {"read_head", g.appends_read_head}});

  out += "# HELP tsunagu_audit_queue_requests Answers waiting for their read-audit entries to be written.\n";
  out += "# TYPE tsunagu_audit_queue_requests gauge\n";
  out += "tsunagu_audit_queue_requests " + std::to_string(g.audit_queue) + "\n";
  out += "# HELP tsunagu_sessions_active Sessions used within the idle timeout (all servers on this database).\n";
  out += "# TYPE tsunagu_sessions_active gauge\n";
  out += "tsunagu_sessions_active " + std::to_string(g.active_sessions) + "\n";
  out += "# HELP tsunagu_open_connections Connections open to this server.\n";
  out += "# TYPE tsunagu_open_connections gauge\n";
  out += "tsunagu_open_connections " + std::to_string(g.open_connections) + "\n";
  return out;
}

}  // namespace tsunagu::http
