#include "http/server.h"

#include <poll.h>
#include <sys/resource.h>

#include <restinio/all.hpp>

#include <atomic>
#include <csignal>
#include <memory>
#include <thread>

#include "http/url_path.h"
#include "http/worker_pool.h"
#include "service/log_event.h"
#include "service/problem.h"

namespace tsunagu::http {
namespace {

// Counts connections as RESTinio accepts and closes them: the acceptor
// watchdog below needs to know whether accepting goes on.
struct ConnectionCounter {
  std::atomic<std::uint64_t> accepted{0}, closed{0};
  void state_changed(const restinio::connection_state::notice_t& n) noexcept {
    if (restinio::holds_alternative<restinio::connection_state::accepted_t>(n.cause())) ++accepted;
    else if (restinio::holds_alternative<restinio::connection_state::closed_t>(n.cause())) ++closed;
  }
};

struct Traits : restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t> {
  static constexpr bool use_connection_count_limiter = true;
  using connection_state_listener_t = ConnectionCounter;
};
using server_t = restinio::http_server_t<Traits>;

std::string upper(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

service::Problem malformed_url() {
  return service::Problem(400, "malformed_url", "URL の形が正しくありません。アドレスを確かめてください。");
}

// Fills `r` from the wire. Returns a problem when the URL is malformed; `r`
// then still has what the access log needs (the raw path).
std::optional<service::Problem> to_request(const restinio::request_handle_t& req, const Config& config, Request& r) {
  r.method = upper(req->header().method().c_str());
  std::string forwarded;
  for (const auto& f : req->header()) {
    std::string name = lower(f.name());
    // A repeated X-Forwarded-For is one list (RFC 7230 §3.2.2).
    if (name == "x-forwarded-for") forwarded += (forwarded.empty() ? "" : ",") + f.value();
    r.headers[name] = f.value();
  }
  r.client = client_address(req->remote_endpoint().address().to_string(), forwarded, config.trusted_proxies);
  auto path = decode_path(req->header().path());
  if (!path) {
    r.path = std::string(req->header().path());
    return malformed_url();
  }
  r.path = std::move(*path);
  auto query = decode_query(req->header().query());
  if (!query) return service::Problem(400, "malformed_query", "URL のパラメータが読み取れません。");
  r.query = std::move(*query);
  r.body = req->body();
  return std::nullopt;
}

void send(const restinio::request_handle_t& req, Response&& res) {
  auto b = req->create_response(restinio::http_status_line_t{restinio::http_status_code_t{
      static_cast<std::uint16_t>(res.status)}, reason_phrase(res.status)});
  // Moved, not copied: a dozen header strings on every answer.
  for (auto& [n, v] : res.headers) b.append_header(std::move(n), std::move(v));
  b.set_body(std::move(res.body));
  b.done();
}

// Open connections at most: fewer than the descriptors the process may
// hold, leaving room for the database files, the logs and the pool's
// connections, so that a flood of idle connections waits in the kernel's
// queue instead of exhausting descriptors.
std::size_t connection_limit(const Config& config) {
  if (config.max_connections) return config.max_connections;
  rlimit rl{};
  getrlimit(RLIMIT_NOFILE, &rl);
  constexpr rlim_t kReserved = 128;
  if (rl.rlim_cur == RLIM_INFINITY) return 10000;
  return rl.rlim_cur > kReserved + 16 ? std::min<std::size_t>(rl.rlim_cur - kReserved, 10000) : 16;
}

// RESTinio 0.6's acceptor stops for good after any accept error (EMFILE
// when descriptors run out, say): its completion handler ignores errors
// and never asks for the next connection, while the process looks alive.
// This watchdog notices connections waiting on the listening socket while
// none has been accepted for a while and the limit is not reached, and
// reopens the acceptor (open connections are not touched). Reopening
// itself may fail while descriptors are still short; it is tried again on
// the next tick.
class AcceptorWatchdog {
 public:
  AcceptorWatchdog(asio::io_context& io, server_t& server, ConnectionCounter& counter, std::size_t limit)
      : timer_(io), server_(server), counter_(counter), limit_(limit) {}

  void set_listening_fd(int fd) { fd_ = fd; }
  void start() { arm(); }
  void stop() {
    stopped_ = true;
    timer_.cancel();
  }

 private:
  void arm() {
    timer_.expires_after(std::chrono::milliseconds(200));
    timer_.async_wait([this](const asio::error_code& ec) {
      if (ec || stopped_) return;
      tick();
      arm();
    });
  }

  bool connections_waiting() const {
    int fd = fd_;
    if (fd < 0) return false;
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
  }

  void tick() {
    if (!open_) {
      reopen();
      return;
    }
    std::uint64_t accepted = counter_.accepted, closed = counter_.closed;
    bool stuck = connections_waiting() && accepted == last_accepted_ && accepted - closed < limit_;
    last_accepted_ = accepted;
    stuck_ticks_ = stuck ? stuck_ticks_ + 1 : 0;
    if (stuck_ticks_ < 2) return;
    stuck_ticks_ = 0;
    service::log_warn({{"event", "acceptor_restart"}, {"open_connections", accepted - closed}});
    open_ = false;
    fd_ = -1;
    try {
      server_.close_sync();
    } catch (const std::exception& e) {
      service::log_error({{"event", "acceptor_close_failed"}, {"error", e.what()}});
    }
    reopen();
  }

  void reopen() {
    try {
      server_.open_sync();
      open_ = true;
      service::log_info({{"event", "acceptor_reopened"}});
    } catch (const std::exception& e) {
      service::log_error({{"event", "acceptor_reopen_failed"}, {"error", e.what()}});
    }
  }

  asio::steady_timer timer_;
  server_t& server_;
  ConnectionCounter& counter_;
  std::size_t limit_;
  std::atomic<int> fd_{-1};
  bool open_ = true, stopped_ = false;
  std::uint64_t last_accepted_ = 0;
  int stuck_ticks_ = 0;
};

// Lets the process hold as many descriptors as it is allowed to (the soft
// limit is often 1024 while the hard one is far higher).
void raise_descriptor_limit() {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= rl.rlim_max) return;
  rl.rlim_cur = std::min<rlim_t>(rl.rlim_max, 65536);
  setrlimit(RLIMIT_NOFILE, &rl);
}

}  // namespace

void serve(const Config& config, Dispatcher& dispatcher, const std::function<void()>& on_ready) {
  if (!config.max_connections) raise_descriptor_limit();
  const std::size_t limit = connection_limit(config);
  WorkerPool pool(config.worker_threads, 4096);
  // Password checks a stranger can start run here, a few at a time and at
  // a lower priority, never on the workers above.
  WorkerPool password_pool(config.password_threads, config.password_queue, 10);
  // The same for anonymous consultation (two argon2id per post or opening):
  // a pool of its own, so that a flood of posts from many addresses leaves
  // the staff's sign-in as it was.
  WorkerPool public_pool(config.public_hash_threads, config.public_hash_queue, 10);
  asio::io_context ioctx;
  // Committed batches of audited answers go straight to this thread, which
  // sends them: one hand-off per batch instead of two (the deliverer
  // thread, then here).
  dispatcher.deliver_answers_with([&ioctx](std::function<void()> deliver) { asio::post(ioctx, std::move(deliver)); });
  // Back to the deliverer thread however this function ends, before the
  // I/O context is gone.
  struct DeliverElsewhereAtEnd {
    Dispatcher& dispatcher;
    ~DeliverElsewhereAtEnd() { dispatcher.deliver_answers_with(nullptr); }
  } deliver_elsewhere_at_end{dispatcher};

  auto handler = [&](restinio::request_handle_t req) -> restinio::request_handling_status_t {
    auto reply = [req](Response&& res) { send(req, std::move(res)); };
    Request r;
    try {
      if (auto bad = to_request(req, config, r)) {
        dispatcher.reject(r, *bad, reply);
        return restinio::request_accepted();
      }
    } catch (const std::exception& e) {
      service::log_error({{"event", "request_unreadable"}, {"error", e.what()}});
      dispatcher.reject(r, malformed_url(), reply);
      return restinio::request_accepted();
    }
    try {
      // A read that memory answers completely is answered here, without
      // the hand-off to a worker and back; anything else goes to a pool.
      if (dispatcher.answer_here(r, reply)) return restinio::request_accepted();
    } catch (const std::exception& e) {
      service::log_error({{"event", "request_failed"}, {"error", e.what()}});
      dispatcher.reject(r, service::Problem(500, "internal_error", "サーバーで問題が起きました。"), reply);
      return restinio::request_accepted();
    }
    auto placement = dispatcher.pool_for(r);
    if (placement.refusal) {
      dispatcher.reject(r, *placement.refusal, reply);
      return restinio::request_accepted();
    }
    auto which = placement.pool;
    bool password = which == Dispatcher::Pool::passwords;
    Request refusal;
    refusal.method = r.method;
    refusal.path = r.path;
    refusal.client = r.client;
    WorkerPool& chosen = which == Dispatcher::Pool::passwords        ? password_pool
                         : which == Dispatcher::Pool::public_hashing ? public_pool
                                                                     : pool;
    // The place (if any) goes with the task and is given back when it ends.
    bool ok = chosen.post([&dispatcher, r = std::move(r), reply, place = std::move(placement.place)]() mutable {
      try {
        // May answer later, from the audit writer's thread.
        dispatcher.handle(r, reply);
      } catch (const std::exception& e) {
        service::log_error({{"event", "request_failed"}, {"error", e.what()}});
        dispatcher.reject(r, service::Problem(500, "internal_error", "サーバーで問題が起きました。"), reply);
      }
    });
    if (!ok)
      dispatcher.reject(refusal,
                        password ? service::Problem(503, "busy", "ログインが混み合っています。少し待ってから、もう一度お試しください。")
                                 : service::Problem(503, "busy", "混み合っています。少し待ってから、もう一度お試しください。"),
                        reply);
    return restinio::request_accepted();
  };

  restinio::incoming_http_msg_limits_t limits;
  limits.max_url_size(8 * 1024).max_field_name_size(256).max_field_value_size(8 * 1024).max_field_count(100)
      .max_body_size(16 * 1024 * 1024);
  // Bodies up to 16 MiB are read so that the dispatcher can answer 413 with
  // an explanation; beyond that RESTinio drops the connection.

  auto counter = std::make_shared<ConnectionCounter>();
  dispatcher.count_connections_with([counter] { return counter->accepted.load() - counter->closed.load(); });
  std::unique_ptr<AcceptorWatchdog> watchdog;
  server_t server{restinio::external_io_context(ioctx),
                  restinio::server_settings_t<Traits>{}
                      .address(config.listen_address)
                      .port(config.port)
                      .request_handler(handler)
                      .incoming_http_msg_limits(limits)
                      .read_next_http_message_timelimit(std::chrono::seconds(60))
                      .handle_request_timeout(std::chrono::seconds(60))
                      .max_pipelined_requests(16)
                      .max_parallel_connections(limit)
                      .connection_state_listener(counter)
                      .acceptor_post_bind_hook([&watchdog](asio::ip::tcp::acceptor& a) {
                        if (watchdog) watchdog->set_listening_fd(a.native_handle());
                      })};
  watchdog = std::make_unique<AcceptorWatchdog>(ioctx, server, *counter, limit);

  std::exception_ptr failure;
  asio::signal_set signals(ioctx, SIGINT, SIGTERM);
  signals.async_wait([&](const asio::error_code& ec, int) {
    if (ec) return;
    service::log_info({{"event", "stopping"}});
    watchdog->stop();
    server.close_async([&] { ioctx.stop(); }, [&](std::exception_ptr ex) { failure = ex; ioctx.stop(); });
  });
  server.open_async(
      [&] {
        service::log_info({{"event", "listening"}, {"max_connections", limit}});
        watchdog->start();
        on_ready();
      },
      [&](std::exception_ptr ex) {
        failure = ex;
        ioctx.stop();
      });

  std::vector<std::thread> io;
  for (unsigned i = 1; i < config.io_threads; ++i) io.emplace_back([&] { ioctx.run(); });
  ioctx.run();
  for (auto& t : io) t.join();
  dispatcher.deliver_answers_with(nullptr);  // before the rest is written and answered below
  password_pool.stop();
  public_pool.stop();
  pool.stop();
  dispatcher.stop();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace tsunagu::http
