#include "http/message.h"

#include "service/json_text.h"

namespace tsunagu::http {

const std::string& Request::header(const std::string& lower_name) const {
  static const std::string empty;
  auto it = headers.find(lower_name);
  return it == headers.end() ? empty : it->second;
}

std::string Request::cookie(const std::string& name) const {
  const std::string& all = header("cookie");
  std::size_t pos = 0;
  while (pos < all.size()) {
    std::size_t end = all.find(';', pos);
    if (end == std::string::npos) end = all.size();
    std::size_t start = all.find_first_not_of(' ', pos);
    if (start < end) {
      std::size_t eq = all.find('=', start);
      if (eq != std::string::npos && eq < end && all.compare(start, eq - start, name) == 0 &&
          eq - start == name.size())
        return all.substr(eq + 1, end - eq - 1);
    }
    pos = end + 1;
  }
  return {};
}

std::string Request::query_or(const std::string& name, const std::string& fallback) const {
  auto it = query.find(name);
  return it == query.end() ? fallback : it->second;
}

std::string reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 423: return "Locked";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Internal Server Error" : "Error";
  }
}

Response Response::json(const nlohmann::json& j, int status) {
  return json_text(service::json_text(j), status);
}

Response Response::json_text(std::string text, int status) {
  Response r;
  r.status = status;
  r.body = std::move(text);
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  return r;
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  return r;
}

void Response::set_header(std::string name, std::string value) {
  for (auto& [n, v] : headers)
    if (n == name) {
      v = std::move(value);
      return;
    }
  headers.emplace_back(std::move(name), std::move(value));
}

const std::string* Response::header(const std::string& name) const {
  for (const auto& [n, v] : headers)
    if (n == name) return &v;
  return nullptr;
}

}  // namespace tsunagu::http
