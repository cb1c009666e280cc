#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace tsunagu::http {
namespace {

std::string content_type(const std::string& path) {
  auto ext = std::filesystem::path(path).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

Response not_found_page() {
  Response r;
  r.status = 404;
  r.body =
      "<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\"><title>ページが見つかりません - つなぐ</title>"
      "<h1>ページが見つかりません</h1><p>お探しのページは見つかりませんでした。<a href=\"/\">トップへ戻る</a></p>";
  r.set_header("Content-Type", "text/html; charset=utf-8");
  return r;
}

}  // namespace

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

bool StaticFiles::load(const std::string& rel, std::string& out) {
  {
    std::lock_guard lock(mu_);
    if (auto it = cache_.find(rel); it != cache_.end()) {
      out = it->second;
      return true;
    }
  }
  std::filesystem::path p = std::filesystem::path(root_) / rel;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) return false;
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  std::lock_guard lock(mu_);
  cache_[rel] = out;
  return true;
}

Response StaticFiles::serve(const Request& req) {
  if (root_.empty() || (req.method != "GET" && req.method != "HEAD")) return not_found_page();
  std::string rel = req.path.empty() ? "" : req.path.substr(1);
  // No way out of the web root: refuse any dot-segment or backslash.
  if (rel.find("..") != std::string::npos || rel.find('\\') != std::string::npos || rel.find('\0') != std::string::npos)
    return not_found_page();
  if (rel.empty()) rel = "index.html";
  Response r;
  std::string body;
  bool is_asset = std::filesystem::path(rel).has_extension();
  if (!load(rel, body)) {
    if (is_asset) return not_found_page();
    rel = "index.html";
    if (!load(rel, body)) return not_found_page();
  }
  r.body = std::move(body);
  r.set_header("Content-Type", content_type(rel));
  // Vite puts a content hash in every asset name: cache those forever, and
  // never index.html, which names the current ones.
  r.set_header("Cache-Control", rel.rfind("assets/", 0) == 0 ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace tsunagu::http
