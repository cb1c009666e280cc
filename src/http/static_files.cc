#include "http/static_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "service/log_event.h"

namespace tsunagu::http {
namespace fs = std::filesystem;
namespace {

std::string content_type(const std::string& path) {
  auto ext = fs::path(path).extension().string();
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

bool inside(const fs::path& root, const fs::path& p) {
  auto r = root.begin(), q = p.begin();
  for (; r != root.end(); ++r, ++q)
    if (q == p.end() || *r != *q) return false;
  return true;
}

}  // namespace

bool plain_relative_path(const std::string& rel) {
  if (rel.empty() || rel.front() == '/' || rel.find(':') != std::string::npos ||
      rel.find('\\') != std::string::npos)
    return false;
  std::size_t pos = 0;
  while (pos <= rel.size()) {
    std::size_t slash = rel.find('/', pos);
    if (slash == std::string::npos) slash = rel.size();
    std::string_view seg(rel.data() + pos, slash - pos);
    if (seg.empty() || seg.front() == '.') return false;  // "", ".", "..", hidden
    pos = slash + 1;
  }
  return true;
}

StaticFiles::StaticFiles(const std::string& root, std::size_t max_total_bytes) {
  if (root.empty()) return;
  std::error_code ec;
  fs::path base = fs::canonical(root, ec);
  if (ec || !fs::is_directory(base, ec)) {
    service::log_warn({{"event", "web_root_missing"}, {"root", root}});
    return;
  }
  struct Found {
    std::string rel;
    fs::path path;
    std::uintmax_t size;
  };
  std::vector<Found> found;
  for (auto it = fs::recursive_directory_iterator(base, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    // Lexically: fs::relative would resolve a symlink to its target's name.
    std::string rel = it->path().lexically_relative(base).generic_string();
    if (!plain_relative_path(rel)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    // A symlink is followed only to a regular file inside the root.
    fs::path real = fs::canonical(it->path(), ec);
    if (ec || !inside(base, real) || !fs::is_regular_file(real, ec)) {
      ec.clear();
      continue;
    }
    found.push_back({rel, real, fs::file_size(real, ec)});
    if (ec) ec.clear();
  }
  // Smallest first, so that the cap leaves out the few big files rather
  // than many small ones; index.html always first.
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    if ((a.rel == "index.html") != (b.rel == "index.html")) return a.rel == "index.html";
    return a.size < b.size;
  });
  for (const auto& f : found) {
    if (bytes_ + f.size > max_total_bytes) {
      service::log_warn({{"event", "web_file_left_out"}, {"file", f.rel}, {"bytes", f.size}});
      continue;
    }
    std::ifstream in(f.path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    bytes_ += ss.str().size();
    files_.emplace(f.rel, ss.str());
  }
}

const std::string* StaticFiles::find(const std::string& rel) const {
  auto it = files_.find(rel);
  return it == files_.end() ? nullptr : &it->second;
}

Response StaticFiles::serve(const Request& req) const {
  if (files_.empty() || (req.method != "GET" && req.method != "HEAD")) return not_found_page();
  std::string rel = req.path.size() <= 1 ? "index.html" : req.path.substr(1);
  // Only plain names can be files we ship; a traversal form is not an app
  // route either, so it is not answered with index.html.
  if (!plain_relative_path(rel)) return not_found_page();
  const std::string* body = find(rel);
  if (!body) {
    if (fs::path(rel).has_extension()) return not_found_page();
    rel = "index.html";
    body = find(rel);
    if (!body) return not_found_page();
  }
  Response r;
  r.body = *body;
  r.set_header("Content-Type", content_type(rel));
  // Vite puts a content hash in every asset name: cache those forever, and
  // never index.html, which names the current ones.
  r.set_header("Cache-Control", rel.rfind("assets/", 0) == 0 ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace tsunagu::http
