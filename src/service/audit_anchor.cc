#include "service/audit_anchor.h"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "service/audit_chain.h"
#include "service/clock.h"
#include "service/log_event.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

constexpr std::size_t kCheckpointEveryEntries = 1000;
constexpr auto kCheckpointEvery = std::chrono::seconds(10);

std::string mac_message(const Checkpoint& cp) {
  return std::string("tsunagu-audit-checkpoint\x1f") + audit_log_name(cp.log) + '\x1f' + std::to_string(cp.seq) +
         '\x1f' + cp.hash + '\x1f' + std::to_string(cp.keyed_from) + '\x1f' + cp.at;
}

// What this process last anchored; guarded by mu.
struct Writer {
  std::mutex mu;
  std::string path;
  std::int64_t last_seq[2] = {0, 0};
  std::size_t entries_since = 0;
  std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
};
Writer g_writer;
bool g_anchor_in_use = false;  // set once at start, before other threads

void write_due(Writer& w, store::Connection& db) {
  const AuditKey* key = audit_key_in_use();
  if (!key) return;
  std::vector<Checkpoint> lines;
  for (AuditLog log : kAuditLogs) {
    auto cp = signed_checkpoint(db, log, *key);
    if (!cp || cp->seq == w.last_seq[log == AuditLog::reads ? 1 : 0]) continue;
    lines.push_back(std::move(*cp));
  }
  w.entries_since = 0;
  w.last = std::chrono::steady_clock::now();
  if (lines.empty()) return;
  append_to_anchor_file(w.path, lines);
  for (const auto& cp : lines) w.last_seq[cp.log == AuditLog::reads ? 1 : 0] = cp.seq;
}

void checkpoint(store::Connection& db, std::size_t entries, bool force) {
  if (!g_anchor_in_use) return;
  std::lock_guard lock(g_writer.mu);
  g_writer.entries_since += entries;
  if (!force && g_writer.entries_since < kCheckpointEveryEntries &&
      std::chrono::steady_clock::now() - g_writer.last < kCheckpointEvery)
    return;
  try {
    write_due(g_writer, db);
  } catch (const std::exception& e) {
    log_error({{"event", "audit_checkpoint_failed"}, {"path", g_writer.path}, {"error", e.what()}});
  }
}

}  // namespace

std::string default_audit_anchor_path(const std::string& db_url) {
  if (db_url.rfind("sqlite:", 0) == 0) return db_url.substr(7) + ".audit-anchor";
  // postgresql://user@host:port/NAME?… or postgresql:///NAME?host=…
  std::string name;
  if (auto scheme = db_url.find("://"); scheme != std::string::npos) {
    auto slash = db_url.find('/', scheme + 3);
    if (slash != std::string::npos) name = db_url.substr(slash + 1, db_url.find('?', slash) - slash - 1);
  }
  // Only what is safe in a file name; the name comes from the operator's
  // URL, but it must still not climb out of var/.
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') c = '_';
  return "var/tsunagu-" + (name.empty() ? std::string("postgres") : name) + ".audit-anchor";
}

std::optional<Checkpoint> signed_checkpoint(store::Connection& db, AuditLog log, const AuditKey& key) {
  const ChainHead head = read_chain_head(db, log);
  if (!head.keyed_from || head.seq == 0) return std::nullopt;
  if (!head_mac_ok(key, log, head))
    throw std::runtime_error(std::string("監査ログ（") + audit_log_name(log) +
                             "）の先頭の署名が合わないため、チェックポイントを作りません（tsunagu audit verify で確かめてください）。");
  Checkpoint cp{log, head.seq, head.hash, *head.keyed_from, now_utc(), ""};
  cp.mac = audit_mac(key, mac_message(cp));
  return cp;
}

bool checkpoint_mac_ok(const AuditKey& key, const Checkpoint& cp) {
  return constant_time_equal(audit_mac(key, mac_message(cp)), cp.mac);
}

std::string checkpoint_json_line(const Checkpoint& cp) {
  nlohmann::ordered_json j = {{"log", audit_log_name(cp.log)}, {"seq", cp.seq},       {"hash", cp.hash},
                              {"keyed_from", cp.keyed_from},    {"at", cp.at},         {"mac", cp.mac}};
  return j.dump();
}

AnchorFile read_anchor_file(const std::string& path) {
  AnchorFile f;
  f.path = path;
  std::ifstream in(path, std::ios::binary);
  if (!in) return f;
  f.exists = true;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t pos = 0;
  for (std::int64_t n = 1; pos < text.size(); ++n) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) break;  // torn last append
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    try {
      auto j = nlohmann::json::parse(line);
      Checkpoint cp;
      const std::string log = j.at("log").get<std::string>();
      if (log != "main" && log != "reads") throw std::runtime_error("log");
      cp.log = log == "reads" ? AuditLog::reads : AuditLog::main;
      cp.seq = j.at("seq").get<std::int64_t>();
      cp.hash = j.at("hash").get<std::string>();
      cp.keyed_from = j.at("keyed_from").get<std::int64_t>();
      cp.at = j.at("at").get<std::string>();
      cp.mac = j.at("mac").get<std::string>();
      f.checkpoints.push_back({n, std::move(cp)});
    } catch (const std::exception&) {
      f.problems.push_back("アンカー " + path + " の " + std::to_string(n) + " 行目はチェックポイントとして読めません。");
    }
  }
  return f;
}

void append_to_anchor_file(const std::string& path, const std::vector<Checkpoint>& cps) {
  std::string text;
  for (const auto& cp : cps) text += checkpoint_json_line(cp) + "\n";
  std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("アンカーファイル " + path + " を開けません: " + std::strerror(errno));
  // One write() of whole lines: with O_APPEND two servers (or a server and
  // the CLI) appending to one file never interleave within a line.
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  // fsync: a checkpoint that is lost in a power cut anchors nothing, and
  // they are rare enough (see maybe_checkpoint_audit) to pay for.
  ok = ::fsync(fd) == 0 && ok;
  ::close(fd);
  if (!ok) throw std::runtime_error("アンカーファイル " + path + " に書き込めません。");
}

void use_audit_anchor(const std::string& path) {
  std::lock_guard lock(g_writer.mu);
  g_writer.path = path;
  // What was anchored before was another file's (and database's).
  g_writer.last_seq[0] = g_writer.last_seq[1] = 0;
  g_writer.entries_since = 0;
  g_anchor_in_use = true;
}

void stop_using_audit_anchor() {
  std::lock_guard lock(g_writer.mu);
  g_anchor_in_use = false;
  g_writer.path.clear();
}

bool audit_anchor_in_use() { return g_anchor_in_use; }

void maybe_checkpoint_audit(store::Connection& db, std::size_t entries) { checkpoint(db, entries, false); }
void checkpoint_audit_now(store::Connection& db) { checkpoint(db, 0, true); }

}  // namespace tsunagu::service
