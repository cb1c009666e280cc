#include "store/postgres/postgres_database.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <utility>
#include <unordered_map>

namespace tsunagu::store {

std::string rewrite_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      // Copy the quoted run verbatim; doubled quotes stay inside it.
      std::size_t j = i + 1;
      while (j < sql.size()) {
        if (sql[j] == c) {
          if (j + 1 < sql.size() && sql[j + 1] == c) { j += 2; continue; }
          break;
        }
        ++j;
      }
      out.append(sql.substr(i, j - i + 1));
      i = j;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      std::size_t j = sql.find('\n', i);
      if (j == std::string_view::npos) j = sql.size();
      out.append(sql.substr(i, j - i));
      i = j - 1;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

Error::Kind kind_of_result(PGresult* r) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  if (!state) return Error::Kind::other;
  if (std::strcmp(state, "23505") == 0) return Error::Kind::unique_violation;
  if (std::strcmp(state, "23503") == 0) return Error::Kind::foreign_key_violation;
  if (std::strcmp(state, "40001") == 0 || std::strcmp(state, "40P01") == 0 || std::strcmp(state, "55P03") == 0)
    return Error::Kind::busy;
  if (std::strcmp(state, "53100") == 0) return Error::Kind::disk_full;
  return Error::Kind::other;
}

struct ResultGuard {
  PGresult* r;
  ~ResultGuard() { PQclear(r); }
};

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(const std::string& url) {
    conn_ = PQconnectdb(url.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw Error(Error::Kind::unavailable, "PostgreSQL に接続できません: " + msg);
    }
    execute_script("SET client_min_messages = warning; SET TIME ZONE 'UTC';");
  }
  ~PostgresConnection() override { PQfinish(conn_); }

  Rows query(std::string_view sql, std::span<const Value> params) override {
    ResultGuard g{run(sql, params)};
    Rows rows;
    int nrows = PQntuples(g.r), ncols = PQnfields(g.r);
    rows.reserve(nrows);
    for (int r = 0; r < nrows; ++r) {
      std::vector<Value> cells;
      cells.reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        if (PQgetisnull(g.r, r, c)) cells.emplace_back(std::monostate{});
        else cells.emplace_back(std::string(PQgetvalue(g.r, r, c), PQgetlength(g.r, r, c)));
      }
      rows.emplace_back(std::move(cells));
    }
    return rows;
  }

  std::int64_t execute(std::string_view sql, std::span<const Value> params) override {
    ResultGuard g{run(sql, params)};
    const char* n = PQcmdTuples(g.r);
    return (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
  }

  void execute_script(std::string_view sql) override {
    if (lazy_read_) open_deferred_transaction();
    std::string s(sql);
    ResultGuard g{PQexec(conn_, s.c_str())};
    auto st = PQresultStatus(g.r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
      throw Error(kind_of(g.r), std::string("SQL script failed: ") + message(g.r));
  }

  Dialect dialect() const override { return Dialect::postgres; }

  // Reads whatever the server sent meanwhile without waiting: a backend
  // that was terminated (restart, pg_terminate_backend) has closed the
  // socket, and libpq marks the connection bad on reading that.
  bool usable() override {
    if (PQstatus(conn_) != CONNECTION_OK) return false;
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) return false;
    return PQconsumeInput(conn_) == 1 && PQstatus(conn_) == CONNECTION_OK;
  }

  // A read transaction starts no transaction until it needs one. At READ
  // COMMITTED (PostgreSQL's default, used here) every statement takes its
  // own snapshot, inside a transaction or not, so plain SELECTs read the
  // same without BEGIN and COMMIT, and a GET saves two of its four or so
  // round trips to the server. The first statement that writes or locks
  // rows (anything but a plain SELECT) opens the transaction there, so the
  // writes of a "read" (the audit writer's appends) stay atomic.
  void begin(bool write) override {
    if (!write) {
      lazy_read_ = true;
      return;
    }
    execute_script("BEGIN");
  }
  void commit() override {
    if (std::exchange(lazy_read_, false)) return;
    execute_script("COMMIT");
  }
  void rollback() override {
    if (std::exchange(lazy_read_, false)) return;
    execute_script("ROLLBACK");
  }

 private:
  // Statements are prepared once per connection and then executed by name,
  // which saves PostgreSQL a parse and plan on every request.
  PGresult* run(std::string_view sql, std::span<const Value> params) {
    std::string key(sql);
    auto it = prepared_.find(key);
    if (it == prepared_.end()) {
      std::string name = "s" + std::to_string(prepared_.size());
      std::string text = rewrite_placeholders(sql);
      ResultGuard g{PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr)};
      if (PQresultStatus(g.r) != PGRES_COMMAND_OK)
        throw Error(kind_of(g.r), "prepare failed [" + key.substr(0, 120) + "]: " + message(g.r));
      bool plain = plain_select(sql);
      it = prepared_.emplace(std::move(key), Prepared{std::move(name), plain}).first;
    }
    if (lazy_read_ && !it->second.plain_select) open_deferred_transaction();
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) continue;
      if (auto* n = std::get_if<std::int64_t>(&v)) texts[i] = std::to_string(*n);
      else if (auto* d = std::get_if<double>(&v)) texts[i] = std::to_string(*d);
      else texts[i] = std::get<std::string>(v);
      values[i] = texts[i].c_str();
    }
    PGresult* r = PQexecPrepared(conn_, it->second.name.c_str(), static_cast<int>(params.size()), values.data(),
                                 nullptr, nullptr, 0);
    auto st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      Error::Kind k = kind_of(r);
      std::string msg = message(r);
      PQclear(r);
      throw Error(k, "statement failed [" + std::string(sql.substr(0, 120)) + "]: " + msg);
    }
    return r;
  }

  // The result's message, or the connection's when there is no result (a
  // lost connection gives a null result, whose message is empty).
  std::string message(PGresult* r) const {
    const char* m = r ? PQresultErrorMessage(r) : nullptr;
    std::string out = (m && *m) ? m : PQerrorMessage(conn_);
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
  }

  Error::Kind kind_of(PGresult* r) const {
    if (PQstatus(conn_) != CONNECTION_OK) return Error::Kind::unavailable;
    return kind_of_result(r);
  }

  // In a read transaction not yet begun (begin(false)): BEGIN now, before
  // the first statement that is not a plain SELECT.
  void open_deferred_transaction() {
    lazy_read_ = false;
    execute_script("BEGIN");
  }

  // A SELECT that takes no row locks. The statements are our own literals;
  // anything else (WITH, which may hold a data-modifying part, FOR UPDATE /
  // FOR SHARE, INSERT …) counts as a write.
  static bool plain_select(std::string_view sql) {
    std::size_t i = sql.find_first_not_of(" \t\r\n(");
    if (i == std::string_view::npos || sql.size() - i < 6) return false;
    for (std::size_t k = 0; k < 6; ++k)
      if (std::toupper(static_cast<unsigned char>(sql[i + k])) != "SELECT"[k]) return false;
    for (std::string_view lock : {" FOR UPDATE", " FOR SHARE", " FOR NO KEY", " FOR KEY SHARE"})
      if (contains_ignoring_case(sql, lock)) return false;
    return true;
  }

  static bool contains_ignoring_case(std::string_view text, std::string_view needle) {
    auto it = std::search(text.begin(), text.end(), needle.begin(), needle.end(), [](char a, char b) {
      return std::toupper(static_cast<unsigned char>(a)) == std::toupper(static_cast<unsigned char>(b));
    });
    return it != text.end();
  }

  PGconn* conn_ = nullptr;
  bool lazy_read_ = false;
  // A prepared statement's name, and whether it may run before BEGIN in a
  // read (decided once, when it is prepared).
  struct Prepared {
    std::string name;
    bool plain_select;
  };
  std::unordered_map<std::string, Prepared> prepared_;
};

}  // namespace

PostgresDatabase::PostgresDatabase(std::string url) : url_(std::move(url)) { give_back(connect()); }

std::unique_ptr<Connection> PostgresDatabase::connect() {
  return std::make_unique<PostgresConnection>(url_);
}

void PostgresDatabase::backup_to(const std::string&) {
  throw Error(Error::Kind::other,
              "PostgreSQL のバックアップは pg_dump で行ってください (docs/operations/backup.md)");
}

}  // namespace tsunagu::store
