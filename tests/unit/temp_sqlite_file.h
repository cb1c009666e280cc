// A SQLite database file of a unit test, in the temporary directory, removed
// at the end with everything SQLite and tsunagu put beside it: the -wal and
// -shm files and the read audit file with its own (store/sqlite/
// sqlite_database.h). Tests that removed only the first three left a
// .read-audit file behind in /tmp on every run.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "store/sqlite/sqlite_database.h"

namespace tsunagu::test_support {

class TempSqliteFile {
 public:
  // `stem` names the test: /tmp/<stem>_<pid>.sqlite.
  explicit TempSqliteFile(const std::string& stem)
      : path_(std::filesystem::temp_directory_path() / (stem + "_" + std::to_string(::getpid()) + ".sqlite")) {
    remove_all();
  }
  ~TempSqliteFile() { remove_all(); }
  TempSqliteFile(const TempSqliteFile&) = delete;
  TempSqliteFile& operator=(const TempSqliteFile&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string string() const { return path_.string(); }

 private:
  void remove_all() {
    std::error_code ec;
    for (const std::string& file : {path_.string(), store::read_audit_file(path_.string())})
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file + suffix, ec);
  }
  std::filesystem::path path_;
};

}  // namespace tsunagu::test_support
