#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace tsunagu::http {
namespace {
namespace fs = std::filesystem;

TEST(StaticFiles, PlainRelativePaths) {
  EXPECT_TRUE(plain_relative_path("index.html"));
  EXPECT_TRUE(plain_relative_path("assets/app-1a2b.js"));
  for (const char* bad : {"", "/etc/passwd", "../x", "a/../b", "a//b", "./a", "a/.", ".env", "assets/.hidden",
                          "C:/Windows/win.ini", "a\\b", "assets/"})
    EXPECT_FALSE(plain_relative_path(bad)) << bad;
}

class StaticFilesDir : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("tsunagu-static-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "web" / "assets");
    write(root_ / "web" / "index.html", "<!doctype html>app");
    write(root_ / "web" / "assets" / "a.js", "console.log(1)");
    write(root_ / "secret.txt", "root:x:0:0");
    fs::create_symlink(root_ / "secret.txt", root_ / "web" / "leak.txt");
    fs::create_symlink(root_ / "web" / "assets" / "a.js", root_ / "web" / "inside.js");
  }
  void TearDown() override { fs::remove_all(root_); }
  static void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }
  Response get(const StaticFiles& s, const std::string& path) {
    Request r;
    r.method = "GET";
    r.path = path;
    return s.serve(r);
  }
  fs::path root_;
};

TEST_F(StaticFilesDir, ServesShippedFilesOnly) {
  StaticFiles s((root_ / "web").string());
  EXPECT_EQ(get(s, "/assets/a.js").status, 200);
  EXPECT_EQ(get(s, "/inside.js").body, "console.log(1)") << "a symlink inside the root is fine";
  EXPECT_EQ(get(s, "/leak.txt").status, 404) << "a symlink out of the root is not served";
  EXPECT_EQ(get(s, "/../secret.txt").status, 404);
  EXPECT_EQ(get(s, "//" + (root_ / "secret.txt").string()).status, 404);
  EXPECT_EQ(get(s, "/cases/12").body, "<!doctype html>app") << "app routes get index.html";
}

TEST_F(StaticFilesDir, FilesAddedAfterStartAreNotServed) {
  StaticFiles s((root_ / "web").string());
  write(root_ / "web" / "late.txt", "late");
  EXPECT_EQ(get(s, "/late.txt").status, 404);
}

TEST_F(StaticFilesDir, TheCapLeavesOutWhatDoesNotFit) {
  StaticFiles s((root_ / "web").string(), 20);  // index.html (18 bytes) fits, a.js does not
  EXPECT_EQ(get(s, "/").status, 200);
  EXPECT_EQ(get(s, "/assets/a.js").status, 404);
  EXPECT_LE(s.bytes(), 20u);
}

}  // namespace
}  // namespace tsunagu::http
