#include "http/server.h"

#include <restinio/all.hpp>
#include <spdlog/spdlog.h>

#include <csignal>
#include <memory>
#include <thread>

#include "http/worker_pool.h"
#include "service/problem.h"

namespace tsunagu::http {
namespace {

using traits_t = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;

std::string upper(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

Request to_request(const restinio::request_handle_t& req) {
  Request r;
  r.method = upper(req->header().method().c_str());
  r.path = restinio::utils::unescape_percent_encoding<restinio::utils::relaxed_unescape_traits>(
      req->header().path());
  try {
    auto qp = restinio::parse_query<restinio::parse_query_traits::javascript_compatible>(req->header().query());
    for (const auto& [k, v] : qp) r.query.emplace(std::string(k), std::string(v));
  } catch (const std::exception&) {
    r.query.emplace("__malformed__", "1");
  }
  for (const auto& f : req->header()) r.headers[lower(f.name())] = f.value();
  r.body = req->body();
  r.client = req->remote_endpoint().address().to_string();
  return r;
}

void send(const restinio::request_handle_t& req, Response&& res) {
  auto b = req->create_response(restinio::http_status_line_t{restinio::http_status_code_t{
      static_cast<std::uint16_t>(res.status)}, reason_phrase(res.status)});
  for (auto& [n, v] : res.headers) b.append_header(n, v);
  b.set_body(std::move(res.body));
  b.done();
}

}  // namespace

void serve(const Config& config, Dispatcher& dispatcher, const std::function<void()>& on_ready) {
  WorkerPool pool(config.worker_threads, 4096);
  asio::io_context ioctx;

  auto handler = [&](restinio::request_handle_t req) -> restinio::request_handling_status_t {
    bool ok = pool.post([&dispatcher, req] {
      try {
        Request r = to_request(req);
        if (r.query.count("__malformed__")) throw service::Problem(400, "malformed_query", "URL のパラメータが読み取れません。");
        // May answer later, from the audit writer's thread.
        dispatcher.handle(r, [req](Response&& res) { send(req, std::move(res)); });
      } catch (const service::Problem& p) {
        send(req, problem_response(p));
      } catch (const std::exception& e) {
        spdlog::error("request failed: {}", e.what());
        send(req, problem_response(service::Problem(500, "internal_error", "サーバーで問題が起きました。")));
      }
    });
    if (!ok)
      send(req, problem_response(service::Problem(503, "busy", "混み合っています。少し待ってから、もう一度お試しください。")));
    return restinio::request_accepted();
  };

  restinio::incoming_http_msg_limits_t limits;
  limits.max_url_size(8 * 1024).max_field_name_size(256).max_field_value_size(8 * 1024).max_field_count(100)
      .max_body_size(16 * 1024 * 1024);
  // Bodies up to 16 MiB are read so that the dispatcher can answer 413 with
  // an explanation; beyond that RESTinio drops the connection.

  using server_t = restinio::http_server_t<traits_t>;
  server_t server{restinio::external_io_context(ioctx),
                  restinio::server_settings_t<traits_t>{}
                      .address(config.listen_address)
                      .port(config.port)
                      .request_handler(handler)
                      .incoming_http_msg_limits(limits)
                      .read_next_http_message_timelimit(std::chrono::seconds(60))
                      .handle_request_timeout(std::chrono::seconds(60))
                      .max_pipelined_requests(16)};

  std::exception_ptr failure;
  asio::signal_set signals(ioctx, SIGINT, SIGTERM);
  signals.async_wait([&](const asio::error_code& ec, int) {
    if (ec) return;
    spdlog::info(R"({{"event":"stopping"}})");
    server.close_async([&] { ioctx.stop(); }, [&](std::exception_ptr ex) { failure = ex; ioctx.stop(); });
  });
  server.open_async([&] { on_ready(); },
                    [&](std::exception_ptr ex) {
                      failure = ex;
                      ioctx.stop();
                    });

  std::vector<std::thread> io;
  for (unsigned i = 1; i < config.io_threads; ++i) io.emplace_back([&] { ioctx.run(); });
  ioctx.run();
  for (auto& t : io) t.join();
  pool.stop();
  dispatcher.stop();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace tsunagu::http
