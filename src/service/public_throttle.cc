#include "service/public_throttle.h"

#include <algorithm>
#include <array>

#include <sodium.h>

#include "service/clock.h"
#include "service/secrets.h"

namespace tsunagu::service {
namespace {

std::string since(std::chrono::seconds window) { return format_utc(now() - window); }

// The longest window of the rules above: rows older than it count for none.
constexpr std::chrono::seconds kLongestWindow = std::chrono::hours(1);

}  // namespace

std::string client_key(const SealKey& key, std::string_view client) {
  // A subkey of its own, so that this hash says nothing about the sealed
  // fields' key, and no other use of the key gives the same values.
  std::array<unsigned char, 32> sub{};
  crypto_kdf_derive_from_key(sub.data(), sub.size(), 1, "tsclient", key.bytes.data());
  return hash_hex(client, sub);
}

bool throttle_take(store::Connection& db, const ThrottleRule& rule, const std::string& key) {
  if (db.dialect() == store::Dialect::postgres)
    db.query_one("SELECT pg_advisory_xact_lock(hashtext(?))", {std::string(rule.bucket) + ":" + key});
  if (throttle_count(db, rule, key) >= rule.limit) return false;
  throttle_record(db, rule, key);
  return true;
}

std::chrono::seconds throttle_take_or_wait(store::Connection& db, const ThrottleRule& rule, const std::string& key) {
  return throttle_take(db, rule, key) ? std::chrono::seconds(0) : throttle_wait(db, rule, key);
}

int throttle_count(store::Connection& db, const ThrottleRule& rule, const std::string& key) {
  auto r = db.query_one("SELECT COUNT(*) FROM public_throttle WHERE bucket = ? AND key_hash = ? AND at > ?",
                        {std::string(rule.bucket), key, since(rule.window)});
  return r ? static_cast<int>(r->integer(0)) : 0;
}

void throttle_record(store::Connection& db, const ThrottleRule& rule, const std::string& key) {
  db.execute("INSERT INTO public_throttle (bucket, key_hash, at) VALUES (?, ?, ?)",
             {std::string(rule.bucket), key, now_utc()});
  throttle_forget_old(db);
}

std::chrono::seconds throttle_wait(store::Connection& db, const ThrottleRule& rule, const std::string& key) {
  int over = throttle_count(db, rule, key) - rule.limit;
  if (over < 0) return std::chrono::seconds(0);
  // One more fits once the oldest `over + 1` events have left the window.
  auto r = db.query_one(
      "SELECT at FROM public_throttle WHERE bucket = ? AND key_hash = ? AND at > ? ORDER BY at LIMIT 1 OFFSET ?",
      {std::string(rule.bucket), key, since(rule.window), std::int64_t{over}});
  TimePoint at;
  if (!r || !parse_utc(r->text(0), at)) return rule.window;
  auto left = std::chrono::ceil<std::chrono::seconds>(at + rule.window - now());
  return std::clamp(left, std::chrono::seconds(1), rule.window);
}

void throttle_forget(store::Connection& db, const ThrottleRule& rule, const std::string& key) {
  db.execute("DELETE FROM public_throttle WHERE bucket = ? AND key_hash = ?", {std::string(rule.bucket), key});
}

void throttle_forget_old(store::Connection& db) {
  db.execute("DELETE FROM public_throttle WHERE at < ?", {since(kLongestWindow)});
}

}  // namespace tsunagu::service
