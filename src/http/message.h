// Our own request and response types. RESTinio stays behind server.cc, the
// only file that includes it (it is slow to compile and we may change it).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace tsunagu::http {

struct Request {
  std::string method;  // upper case
  std::string path;    // decoded path without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string client;  // remote IP address
  std::map<std::string, std::string> params;  // filled by the router from :name segments

  const std::string& header(const std::string& lower_name) const;
  std::string cookie(const std::string& name) const;
  std::string query_or(const std::string& name, const std::string& fallback = {}) const;
  bool is_safe_method() const { return method == "GET" || method == "HEAD"; }
};

// "Not Found" for 404 and so on: the HTTP reason phrase of a status.
std::string reason_phrase(int status);

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static Response json(const nlohmann::json& j, int status = 200);
  // JSON already written as text (service/json_text.h).
  static Response json_text(std::string text, int status = 200);
  static Response no_content();
  void set_header(std::string name, std::string value);
  const std::string* header(const std::string& name) const;
};

}  // namespace tsunagu::http
