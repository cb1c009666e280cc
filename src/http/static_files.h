// Serves the built front end (web/dist). Unknown paths without a file
// extension get index.html, so that the single-page app's own routes work
// on reload; files are read once and kept in memory (the app is small).
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "http/message.h"

namespace tsunagu::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);
  Response serve(const Request& req);
  bool enabled() const { return !root_.empty(); }

 private:
  bool load(const std::string& rel, std::string& out);
  std::string root_;
  std::mutex mu_;
  std::map<std::string, std::string> cache_;
};

}  // namespace tsunagu::http
