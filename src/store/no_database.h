// A connection for an attempt that must not touch the database: an answer
// the I/O thread gives from memory alone (http/dispatcher.h, answer_here).
// Its transactions are empty, and any statement, or a connection taken
// from the pool on this thread meanwhile, throws DatabaseNeeded: the
// attempt is dropped and the request goes to a worker, which may wait on
// the database without holding up every other connection.
#pragma once

#include "store/db.h"

namespace tsunagu::store {

// Thrown, and caught by the dispatcher only: it is not a std::exception, so
// that no handler's catch of errors turns it into an answer.
struct DatabaseNeeded {};

class NoDatabase : public Connection {
 public:
  explicit NoDatabase(Dialect dialect) : dialect_(dialect) {}
  Rows query(std::string_view, std::span<const Value>) override { throw DatabaseNeeded{}; }
  std::int64_t execute(std::string_view, std::span<const Value>) override { throw DatabaseNeeded{}; }
  void execute_script(std::string_view) override { throw DatabaseNeeded{}; }
  Dialect dialect() const override { return dialect_; }
  void begin(bool) override {}
  void commit() override {}
  void rollback() override {}

 private:
  Dialect dialect_;
};

// While one is alive on a thread, Database::acquire() on that thread
// throws DatabaseNeeded.
class DatabaseForbidden {
 public:
  DatabaseForbidden();
  ~DatabaseForbidden();
  DatabaseForbidden(const DatabaseForbidden&) = delete;
  DatabaseForbidden& operator=(const DatabaseForbidden&) = delete;
  static bool here();

 private:
  bool outer_;
};

}  // namespace tsunagu::store
