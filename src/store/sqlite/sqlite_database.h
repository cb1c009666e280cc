// SQLite implementation of the store interface: the embedded default, one
// file on one office PC. WAL so that readers never wait for the writer,
// foreign keys on, synchronous=FULL because case records must survive a
// power cut, and a busy timeout so that concurrent writers queue instead of
// failing.
//
// Every connection attaches a second file as `reads`: the log of read audit
// entries (migration 0016 says why). It lives beside the main file, named
// by read_audit_file(); the two are backed up and restored together.
#pragma once

#include <string>

#include "store/db.h"

struct sqlite3;

namespace tsunagu::store {

// The read audit file of the database at `path`: "<path>.read-audit".
std::string read_audit_file(const std::string& path);

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(std::string path);
  Dialect dialect() const override { return Dialect::sqlite; }
  void backup_to(const std::string& path) override;
  const std::string& path() const { return path_; }

 protected:
  std::unique_ptr<Connection> connect() override;

 private:
  void require_read_audit_file(Connection& c, const std::string& reads, bool existed);
  static void copy_schema(sqlite3* src, const char* schema, const std::string& path);
  std::string path_;
};

}  // namespace tsunagu::store
