// SQLite implementation of the store interface: the embedded default, one
// file on one office PC. WAL so that readers never wait for the writer,
// foreign keys on, synchronous=FULL because case records must survive a
// power cut, and a busy timeout so that concurrent writers queue instead of
// failing.
#pragma once

#include <string>

#include "store/db.h"

namespace tsunagu::store {

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(std::string path);
  Dialect dialect() const override { return Dialect::sqlite; }
  void backup_to(const std::string& path) override;
  const std::string& path() const { return path_; }

 protected:
  std::unique_ptr<Connection> connect() override;

 private:
  std::string path_;
};

}  // namespace tsunagu::store
