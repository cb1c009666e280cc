// The one database interface of tsunagu.
//
// Everything above src/store talks to the database through these types, so
// that the same services and the same tests run on the embedded SQLite file
// and on PostgreSQL. SQL is written once, portable, with `?` placeholders;
// values are always bound, never spliced into the text (the PostgreSQL
// implementation rewrites `?` to `$1, $2, …` outside string literals).
//
// Portable SQL conventions used by the migrations and the services:
//   - ids are TEXT (random, service::random_id() in service/secrets.h);
//     times are TEXT ISO-8601 UTC (service/clock.h);
//   - booleans are INTEGER 0/1; counters BIGINT;
//   - `INSERT … ON CONFLICT (…) DO NOTHING / DO UPDATE SET …` is the same on
//     SQLite (3.24 and later) and PostgreSQL, and is used (sessions,
//     store/summaries/); no RETURNING: read back with a SELECT after INSERT.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tsunagu::store {

// A bound parameter or a result cell. monostate is SQL NULL.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

inline Value null() { return std::monostate{}; }

// "?, ?, ?" for an IN list of n bound values: the number of placeholders is
// all that enters the SQL text, never the values.
inline std::string placeholders(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s;
}
// Convenience: an optional string becomes NULL when empty.
inline Value text_or_null(const std::optional<std::string>& s) {
  return s ? Value{*s} : Value{std::monostate{}};
}

class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  std::size_t size() const { return cells_.size(); }
  bool is_null(std::size_t i) const;
  // Text of the cell; "" for NULL. Integers and doubles are formatted.
  std::string text(std::size_t i) const;
  std::optional<std::string> opt_text(std::size_t i) const;
  // Integer value; 0 for NULL. Text cells (PostgreSQL) are parsed.
  std::int64_t integer(std::size_t i) const;
  std::optional<std::int64_t> opt_integer(std::size_t i) const;
  double real(std::size_t i) const;
  const Value& at(std::size_t i) const { return cells_.at(i); }

 private:
  std::vector<Value> cells_;
};
using Rows = std::vector<Row>;

// Reads a row's cells in order, one call a column: a row mapper follows its
// column list from first to last, so no mapper counts indexes by hand and a
// column added to the list is added to the mapper at the same place. Use it
// in statements or a braced list (evaluated left to right), never as several
// arguments of one function call (their order is unspecified).
class Cells {
 public:
  explicit Cells(const Row& row, std::size_t from = 0) : row_(row), next_(from) {}
  std::string text() { return row_.text(next_++); }
  std::optional<std::string> opt_text() { return row_.opt_text(next_++); }
  std::int64_t integer() { return row_.integer(next_++); }
  std::optional<std::int64_t> opt_integer() { return row_.opt_integer(next_++); }
  bool flag() { return row_.integer(next_++) != 0; }
  // Whether the next cell is NULL, without moving on.
  bool next_is_null() const { return row_.is_null(next_); }
  // Where the next cell is: a mapper of a column list joined to another
  // starts the second one here.
  std::size_t position() const { return next_; }

 private:
  const Row& row_;
  std::size_t next_;
};

enum class Dialect { sqlite, postgres };

// Errors cross the store boundary as exceptions of this one type; `kind`
// lets services turn a unique-key clash into 409 without parsing messages.
class Error : public std::runtime_error {
 public:
  // disk_full: the database could not write for lack of space (SQLite
  // SQLITE_FULL, PostgreSQL class 53100); it passes when space returns.
  // unavailable: the database server cannot be reached or the connection
  // was lost (a PostgreSQL restart); the pool replaces the connection and
  // the next request is served once the server is back.
  enum class Kind { unique_violation, foreign_key_violation, busy, disk_full, unavailable, other };
  Error(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// Where a connection stands against everything committed to the main
// database: equal marks from the same connection mean nothing at all has
// been committed since, by this connection, another one or another process.
struct ChangeMark {
  std::uint64_t connection = 0;   // which connection took it: marks of two never compare equal
  std::int64_t committed_elsewhere = 0;  // moves with every commit by any other connection
  std::int64_t own_changes = 0;          // moves with every row this connection changes
  bool operator==(const ChangeMark&) const = default;
};

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one statement with bound parameters and returns all rows.
  virtual Rows query(std::string_view sql, std::span<const Value> params = {}) = 0;
  // Runs one statement; returns the number of rows changed.
  virtual std::int64_t execute(std::string_view sql, std::span<const Value> params = {}) = 0;
  // Runs several statements without parameters (migrations only).
  virtual void execute_script(std::string_view sql) = 0;
  virtual Dialect dialect() const = 0;
  // Whether this connection can still be used: checked when it leaves the
  // pool and when it comes back, so that a connection killed under us (a
  // database restart, pg_terminate_backend) is dropped instead of failing
  // one request after another. Cheap: no round trip.
  virtual bool usable() { return true; }
  // This connection's mark (above), read in the current transaction when
  // there is one; none where the database cannot tell it cheaply
  // (PostgreSQL), and then nothing may be concluded from it.
  virtual std::optional<ChangeMark> change_mark() { return std::nullopt; }

  // Convenience overloads taking a braced list: query(sql, {a, b}).
  Rows query(std::string_view sql, std::initializer_list<Value> params) {
    return query(sql, std::span<const Value>(params.begin(), params.size()));
  }
  std::int64_t execute(std::string_view sql, std::initializer_list<Value> params) {
    return execute(sql, std::span<const Value>(params.begin(), params.size()));
  }
  std::optional<Row> query_one(std::string_view sql, std::initializer_list<Value> params = {}) {
    auto rows = query(sql, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
  }

  // Transactions: use the Transaction guard below rather than these.
  virtual void begin(bool write) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
};

// Every write is one transaction: the guard rolls back unless commit() was
// called, so an exception anywhere leaves nothing half-written.
class Transaction {
 public:
  enum class Mode { read, write };
  Transaction(Connection& c, Mode mode) : c_(c) { c_.begin(mode == Mode::write); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (!done_) {
      try { c_.rollback(); } catch (...) {}
    }
  }
  void commit() { c_.commit(); done_ = true; }

 private:
  Connection& c_;
  bool done_ = false;
};

class Database;

// A connection borrowed from the pool; returned when the lease ends.
class Lease {
 public:
  Lease(Database* db, std::unique_ptr<Connection> c) : db_(db), c_(std::move(c)) {}
  Lease(Lease&&) noexcept = default;
  Lease& operator=(Lease&&) noexcept = default;
  ~Lease();
  Connection& operator*() { return *c_; }
  Connection* operator->() { return c_.get(); }

 private:
  Database* db_;
  std::unique_ptr<Connection> c_;
};

class Database {
 public:
  virtual ~Database() = default;
  // url: "sqlite:PATH" or "postgresql://…" (also "postgres://…").
  // Throws Error with a message fit for an operator on a bad URL.
  static std::unique_ptr<Database> open(const std::string& url);

  Lease acquire();
  virtual Dialect dialect() const = 0;
  // SQLite: copies the live database into `path` with the online backup
  // API while the server keeps serving. PostgreSQL: throws (use pg_dump).
  virtual void backup_to(const std::string& path) = 0;

 protected:
  virtual std::unique_ptr<Connection> connect() = 0;
  // Puts an idle connection into the pool (also used to keep the first
  // connection opened eagerly at start-up). A connection that is no longer
  // usable is dropped, and with it every idle one: a lost connection most
  // often means the database restarted, which ended them all.
  void give_back(std::unique_ptr<Connection> c);

 private:
  friend class Lease;
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace tsunagu::store
