// Serves the built front end (web/dist).
//
// The files are read once, when the server starts: every regular file
// under the web root (symlinks only when they resolve inside it; no hidden
// files), up to a size cap. A request is answered from that table only, by
// exact name, so no path a client sends ever reaches the file system: there
// is nothing to traverse, and nothing the server did not ship is served or
// kept in memory. Unknown paths without a file extension get index.html, so
// that the single-page app's own routes work on reload. A new build of the
// front end is picked up by restarting the server.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "http/message.h"

namespace tsunagu::http {

class StaticFiles {
 public:
  // At most `max_total_bytes` are kept; files beyond it (largest last) are
  // left out and logged.
  explicit StaticFiles(const std::string& root, std::size_t max_total_bytes = kDefaultMaxBytes);
  Response serve(const Request& req) const;
  bool enabled() const { return !files_.empty(); }
  std::size_t bytes() const { return bytes_; }

  static constexpr std::size_t kDefaultMaxBytes = 64u << 20;

 private:
  const std::string* find(const std::string& rel) const;
  std::map<std::string, std::string> files_;  // relative path ("assets/x.js") → content
  std::size_t bytes_ = 0;
};

// True when `rel` (a path below the root, without the leading '/') is a
// plain relative name: no empty, "." or ".." segment, no drive letter or
// other ':' and no hidden segment. Anything else is not a name we ship.
bool plain_relative_path(const std::string& rel);

}  // namespace tsunagu::http
