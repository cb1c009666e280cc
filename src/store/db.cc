#include "store/db.h"

#include <charconv>
#include <cstdio>

#include "store/no_database.h"
#include "store/postgres/postgres_database.h"
#include "store/sqlite/sqlite_database.h"

namespace tsunagu::store {

bool Row::is_null(std::size_t i) const {
  return std::holds_alternative<std::monostate>(cells_.at(i));
}

std::string Row::text(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (auto* d = std::get_if<double>(&v)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    return buf;
  }
  return {};
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

std::int64_t Row::integer(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v)) {
    // PostgreSQL hands back text; booleans come as "t"/"f".
    if (*s == "t") return 1;
    if (*s == "f") return 0;
    std::int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

std::optional<std::int64_t> Row::opt_integer(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return integer(i);
}

double Row::real(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  if (auto* s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  return 0;
}

Lease::~Lease() {
  if (db_ && c_) db_->give_back(std::move(c_));
}

namespace {
thread_local bool t_forbidden = false;
}  // namespace

DatabaseForbidden::DatabaseForbidden() : outer_(t_forbidden) { t_forbidden = true; }
DatabaseForbidden::~DatabaseForbidden() { t_forbidden = outer_; }
bool DatabaseForbidden::here() { return t_forbidden; }

Lease Database::acquire() {
  if (t_forbidden) throw DatabaseNeeded{};
  for (;;) {
    std::unique_ptr<Connection> c;
    {
      std::lock_guard lock(mu_);
      if (idle_.empty()) break;
      c = std::move(idle_.back());
      idle_.pop_back();
    }
    if (c->usable()) return Lease(this, std::move(c));
    // Dead (the database restarted under it): drop it and try the next.
  }
  return Lease(this, connect());
}

void Database::give_back(std::unique_ptr<Connection> c) {
  std::vector<std::unique_ptr<Connection>> dropped;  // closed outside the lock
  std::lock_guard lock(mu_);
  if (!c->usable()) {
    dropped.swap(idle_);
    dropped.push_back(std::move(c));
    return;
  }
  // A connection is returned outside any transaction; keep a bounded pool.
  if (idle_.size() < 32) idle_.push_back(std::move(c));
}

std::unique_ptr<Database> Database::open(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.empty()) throw Error(Error::Kind::other, "sqlite: の後にファイルのパスを指定してください (例: sqlite:var/tsunagu.sqlite)");
    return std::make_unique<SqliteDatabase>(path);
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return std::make_unique<PostgresDatabase>(url);
  }
  throw Error(Error::Kind::other,
              "データベースの指定が読めません: sqlite:PATH または postgresql://… を指定してください");
}

}  // namespace tsunagu::store
