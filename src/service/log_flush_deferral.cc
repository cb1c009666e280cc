#include "service/log_flush_deferral.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <mutex>

namespace tsunagu::service {
namespace {

thread_local bool deferring = false;

// stdout, one line a message, flushed unless the logging thread defers.
// Through stdio, like everything else the process prints, so nothing
// printed with printf splits or overtakes a line.
class StdoutLineSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    // log_event hands over the whole line; a pattern would add nothing.
    std::fwrite(msg.payload.data(), 1, msg.payload.size(), stdout);
    std::fputc('\n', stdout);
    if (!deferring) std::fflush(stdout);
  }
  void flush_() override { std::fflush(stdout); }
};

}  // namespace

void use_stdout_log() {
  auto logger = std::make_shared<spdlog::logger>("", std::make_shared<StdoutLineSink>());
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
}

LogFlushDeferral::LogFlushDeferral() : outer_(!deferring) { deferring = true; }

LogFlushDeferral::~LogFlushDeferral() {
  if (!outer_) return;
  deferring = false;
  spdlog::default_logger_raw()->flush();
}

}  // namespace tsunagu::service
