// The static-file resolver: http::StaticFiles over a small web root made
// at start-up (index.html, a hashed asset, a hidden file, a symlink to a
// file outside the root, and that outside file), asked for arbitrary
// request paths, both as the server passes them (after decode_path) and
// raw (so that the resolver holds on its own, not only behind the
// decoding). Properties: an answer is one of the files shipped or the 404
// page; nothing hidden or outside the root is ever served;
// plain_relative_path accepts no "", ".", ".." or hidden segment, no
// leading '/', no ':' and no backslash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz_support.h"
#include "http/static_files.h"

using namespace tsunagu;
namespace fs = std::filesystem;

namespace {

const std::string kIndex = "<!doctype html><title>つなぐ</title><div id=app></div>";
const std::string kAsset = "console.log('つなぐ')";
const std::string kSecret = "SECRET-OUTSIDE-THE-ROOT";
const std::string kHidden = "SECRET-HIDDEN-FILE";

fs::path g_dir;
const http::StaticFiles* g_files = nullptr;
std::string g_not_found;

void write(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

void remove_dir() { fs::remove_all(g_dir); }

void check_plain(const std::string& rel) {
  if (!http::plain_relative_path(rel)) return;
  fuzz::expect(!rel.empty() && rel.front() != '/', "a plain name is relative");
  fuzz::expect(rel.find(':') == std::string::npos && rel.find('\\') == std::string::npos, "no drive or backslash");
  std::size_t pos = 0;
  while (pos <= rel.size()) {
    std::size_t slash = rel.find('/', pos);
    if (slash == std::string::npos) slash = rel.size();
    fuzz::expect(slash > pos && rel[pos] != '.', "no empty, dot or hidden segment");
    pos = slash + 1;
  }
}

void check_answer(const std::string& method, const std::string& path) {
  http::Request req;
  req.method = method;
  req.path = path;
  auto r = g_files->serve(req);
  fuzz::expect(r.body.find("SECRET") == std::string::npos, "nothing hidden or outside the root is served");
  if (r.status == 200)
    fuzz::expect(r.body == kIndex || r.body == kAsset, "a 200 answer is a shipped file");
  else
    fuzz::expect(r.status == 404 && r.body == g_not_found, "anything else is the 404 page");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  char templ[] = "/tmp/tsunagu-fuzz-static.XXXXXX";
  if (!mkdtemp(templ)) fuzz::fail("mkdtemp");
  g_dir = templ;
  std::atexit(remove_dir);
  write(g_dir / "root" / "index.html", kIndex);
  write(g_dir / "root" / "assets" / "index-3f2a1b.js", kAsset);
  write(g_dir / "root" / ".env", kHidden);
  write(g_dir / "root" / "assets" / ".hidden.js", kHidden);
  write(g_dir / "secret.txt", kSecret);
  fs::create_symlink("../secret.txt", g_dir / "root" / "escape.txt");
  fs::create_directory_symlink("..", g_dir / "root" / "up");
  g_files = new http::StaticFiles((g_dir / "root").string());
  http::Request missing;
  missing.method = "GET";
  missing.path = "/missing.css";
  g_not_found = g_files->serve(missing).body;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const char* method = data[0] & 1 ? "HEAD" : (data[0] & 2 ? "POST" : "GET");
  std::string raw(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (raw.size() > 1) check_plain(raw.substr(1));
  check_plain(raw);
  if (auto decoded = http::decode_path(raw)) check_answer(method, *decoded);
  if (!raw.empty() && raw.front() == '/') check_answer(method, raw);
  return 0;
}
