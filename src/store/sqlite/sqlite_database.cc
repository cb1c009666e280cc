#include "store/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <unordered_map>

namespace tsunagu::store {
namespace {

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
  Error::Kind kind = Error::Kind::other;
  int ext = db ? sqlite3_extended_errcode(db) : rc;
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) kind = Error::Kind::unique_violation;
  else if (ext == SQLITE_CONSTRAINT_FOREIGNKEY) kind = Error::Kind::foreign_key_violation;
  else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) kind = Error::Kind::busy;
  else if (rc == SQLITE_FULL || ext == SQLITE_FULL || ext == SQLITE_IOERR_WRITE) kind = Error::Kind::disk_full;
  throw Error(kind, std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, const std::string& reads_path) {
    int rc = sqlite3_open_v2(path.c_str(), &db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      throw Error(Error::Kind::other, "SQLite を開けません (" + path + "): " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 10000);
    // No mmap (mmap_size stays 0), measured: whenever another connection
    // has committed — and every read's audit entries are a commit — SQLite
    // drops a connection's page cache and unmaps the whole file at its next
    // read transaction, so with mmap each request paid a munmap and a page
    // fault per page touched (27 % of the server's CPU in the case-detail
    // benchmark, 10–25 % fewer requests per second than pread()).
    //
    // A page cache of up to 64 MiB per connection (SQLite's default is 2):
    // one search on a prefecture's database touches more pages than 2 MiB
    // hold, so each search read them again through pread() (half its time in
    // the kernel); measured with 64 MiB, a frequent surname went from 43 to
    // 60–80 searches a second at one connection. The cache fills only with
    // pages actually read; the pool keeps a few connections (workers and the
    // audit writer).
    execute_script(
        "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;"
        "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");
    // The read audit log (store/sqlite/sqlite_database.h). Its own WAL and
    // the same durability: a read's answer waits for its entry.
    Value path_value{reads_path};
    execute("ATTACH DATABASE ? AS reads", std::span<const Value>(&path_value, 1));
    execute_script("PRAGMA reads.journal_mode=WAL; PRAGMA reads.synchronous=FULL;");
  }
  ~SqliteConnection() override {
    for (auto& [_, st] : cache_) sqlite3_finalize(st);
    sqlite3_close_v2(db_);
  }

  Rows query(std::string_view sql, std::span<const Value> params) override {
    sqlite3_stmt* st = prepare(sql, params);
    Rows rows;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      int n = sqlite3_column_count(st);
      std::vector<Value> cells;
      cells.reserve(n);
      for (int i = 0; i < n; ++i) {
        switch (sqlite3_column_type(st, i)) {
          case SQLITE_INTEGER: cells.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(st, i))); break;
          case SQLITE_FLOAT: cells.emplace_back(sqlite3_column_double(st, i)); break;
          case SQLITE_NULL: cells.emplace_back(std::monostate{}); break;
          default: {
            auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
            cells.emplace_back(std::string(p ? p : "", sqlite3_column_bytes(st, i)));
          }
        }
      }
      rows.emplace_back(std::move(cells));
    }
    finish(st, rc, sql);
    return rows;
  }

  std::int64_t execute(std::string_view sql, std::span<const Value> params) override {
    sqlite3_stmt* st = prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    }
    finish(st, rc, sql);
    return sqlite3_changes64(db_);
  }

  void execute_script(std::string_view sql) override {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : "";
      sqlite3_free(err);
      fail(db_, rc, "SQL script failed: " + msg);
    }
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  // PRAGMA data_version moves when another connection or process commits
  // to the main file, never for this connection's own commits; those are
  // counted by sqlite3_total_changes64 (every row inserted, updated or
  // deleted, in any attached file, rolled back or not: counting too much
  // only costs a check).
  std::optional<ChangeMark> change_mark() override {
    auto rows = query("PRAGMA main.data_version", {});
    if (rows.empty()) return std::nullopt;
    return ChangeMark{serial_, rows.front().integer(0), sqlite3_total_changes64(db_)};
  }

  // IMMEDIATE takes the write lock up front: a deferred transaction that
  // reads and then writes can fail with SQLITE_BUSY where waiting was right.
  // Through the statement cache: every request begins and ends a
  // transaction, and sqlite3_exec would parse the SQL again each time.
  void begin(bool write) override { execute(write ? "BEGIN IMMEDIATE" : "BEGIN", {}); }
  void commit() override { execute("COMMIT", {}); }
  void rollback() override { execute("ROLLBACK", {}); }

  sqlite3* handle() { return db_; }

  // Numbers the connections of this process, for change_mark.
  static std::uint64_t next_serial() {
    static std::atomic<std::uint64_t> n{0};
    return ++n;
  }

 private:
  sqlite3_stmt* prepare(std::string_view sql, std::span<const Value> params) {
    sqlite3_stmt* st = nullptr;
    if (auto it = cache_.find(sql); it != cache_.end()) {
      st = it->second;
    } else {
      std::string key(sql);
      int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &st, nullptr);
      if (rc != SQLITE_OK) fail(db_, rc, "prepare failed for [" + key + "]");
      cache_.emplace(std::move(key), st);
    }
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(st))
      throw Error(Error::Kind::other, "parameter count mismatch for [" + std::string(sql) + "]");
    for (std::size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i) + 1;
      const Value& v = params[i];
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::monostate>(v)) rc = sqlite3_bind_null(st, idx);
      else if (auto* n = std::get_if<std::int64_t>(&v)) rc = sqlite3_bind_int64(st, idx, *n);
      else if (auto* d = std::get_if<double>(&v)) rc = sqlite3_bind_double(st, idx, *d);
      else {
        const auto& s = std::get<std::string>(v);
        rc = sqlite3_bind_text(st, idx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) fail(db_, rc, "bind failed");
    }
    return st;
  }

  void finish(sqlite3_stmt* st, int rc, std::string_view sql) {
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) fail(db_, rc, "statement failed [" + std::string(sql.substr(0, 120)) + "]");
  }

  sqlite3* db_ = nullptr;
  const std::uint64_t serial_ = next_serial();
  // Looked up by the caller's string_view, without copying the SQL text
  // into a key on every statement (only a new statement's text is stored).
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> cache_;
};

}  // namespace

SqliteDatabase::SqliteDatabase(std::string path) : path_(std::move(path)) {
  // No memory statistics: with them every allocation SQLite makes (and it
  // makes several per statement, and one per page read into a cache) takes
  // one process-wide mutex, which the workers and the audit writer then
  // queue on (perf: lock waits and wakes under the case-detail benchmark).
  // Only possible before SQLite's first use in the process.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
  // Open once eagerly so that a bad path fails at start-up, not on the
  // first request.
  std::string reads = read_audit_file(path_);
  bool reads_existed = std::filesystem::exists(reads);
  auto first = connect();
  require_read_audit_file(*first, reads, reads_existed);
  give_back(std::move(first));
}

std::string read_audit_file(const std::string& path) { return path + ".read-audit"; }

// The two files must belong together. A database whose schema has the read
// audit log (migration 0016) must find it: without this check, a restore
// that forgot the second file would start a new, empty log silently, and
// the reads recorded so far would be gone without anyone noticing. And a
// database without it must not adopt a log that already holds entries (a
// main file deleted or replaced while its read log stayed): the new
// database would continue another database's record.
void SqliteDatabase::require_read_audit_file(Connection& c, const std::string& reads, bool existed) {
  bool expected = c.query_one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") &&
                  c.query_one("SELECT 1 FROM schema_migrations WHERE version = 16");
  bool present = c.query_one("SELECT 1 FROM reads.sqlite_master WHERE type = 'table' AND name = 'audit_head'")
                     .has_value();
  if (!expected && present && c.query_one("SELECT 1 FROM reads.audit_head WHERE seq > 0"))
    throw Error(Error::Kind::other,
                "閲覧の監査ログのファイル " + reads + " に、このデータベースのものではない記録があります" +
                    "（データベースだけが新しく作られたか、入れ替えられています）。そのファイルを別の場所に移して" +
                    "保管してから、もう一度起動してください（docs/operations/backup.md）。");
  if (!expected || present) return;
  if (!existed) {
    // ATTACH created it empty; leave nothing behind that looks like a log.
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(reads + suffix, ec);
  }
  throw Error(Error::Kind::other,
              "閲覧の監査ログのファイル " + reads + " が見つからないか、中身がありません。" +
                  "このデータベースの閲覧の記録はそのファイルにあります。バックアップから戻したときは、" +
                  "データベースと同じ場所に同じ時のそのファイルも戻してください（docs/operations/backup.md）。");
}

std::unique_ptr<Connection> SqliteDatabase::connect() {
  return std::make_unique<SqliteConnection>(path_, read_audit_file(path_));
}

void SqliteDatabase::backup_to(const std::string& path) {
  auto lease = acquire();
  auto* src = static_cast<SqliteConnection&>(*lease).handle();
  copy_schema(src, "main", path);
  // The read audit log after the data: its own consistent moment, and any
  // read it misses happened after the data copy anyway.
  copy_schema(src, "reads", read_audit_file(path));
}

void SqliteDatabase::copy_schema(sqlite3* src, const char* schema, const std::string& path) {
  sqlite3* dst = nullptr;
  if (sqlite3_open(path.c_str(), &dst) != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(dst);
    sqlite3_close(dst);
    throw Error(Error::Kind::other, "バックアップ先を開けません (" + path + "): " + msg);
  }
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, schema);
  if (!b) {
    std::string msg = sqlite3_errmsg(dst);
    sqlite3_close(dst);
    throw Error(Error::Kind::other, "バックアップを開始できません: " + msg);
  }
  // Copy every page in one step. A copy in several steps restarts from the
  // first page whenever the server writes between two steps, so under steady
  // writes a large database would never finish. One step holds one read
  // transaction for the whole copy: in WAL mode that does not block the
  // server's writers, and the copy is one consistent moment of the database.
  int rc;
  do {
    rc = sqlite3_backup_step(b, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  int final_rc = sqlite3_errcode(dst);
  sqlite3_close(dst);
  if (rc != SQLITE_DONE || final_rc != SQLITE_OK)
    throw Error(Error::Kind::other, "バックアップに失敗しました: " + std::string(sqlite3_errstr(rc)));
}

}  // namespace tsunagu::store
