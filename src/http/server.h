// The HTTP server: RESTinio on a few I/O threads, handing each request to
// the worker pool and the dispatcher. The only file that includes RESTinio.
#pragma once

#include <functional>

#include "http/config.h"
#include "http/dispatcher.h"

namespace tsunagu::http {

// Serves until SIGINT or SIGTERM. `on_ready` runs once the port is open
// (the CLI prints the URL there).
void serve(const Config& config, Dispatcher& dispatcher, const std::function<void()>& on_ready);

}  // namespace tsunagu::http
