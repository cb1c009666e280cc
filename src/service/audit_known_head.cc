#include "service/audit_known_head.h"

#include "domain/validation.h"
#include "service/audit_key.h"

namespace tsunagu::service {
namespace {

// The head moves (compare-and-set on seq, hash and the keyed mark) and the
// entries go in, in one statement; the insert reads the update's RETURNING,
// so when the head was elsewhere neither happens. `head` and `log` are the
// constant table names of one log, never input. The entries come as one
// array a column: PostgreSQL reads an array literal with far less work than
// the same texts as JSON objects (no keys to match, no jsonb built), and the
// writer builds it without a JSON document; seq is the known head's plus
// the entry's place in the arrays.
std::string append_sql(const char* head, const char* log) {
  return std::string("WITH moved AS (UPDATE ") + head +
         " SET seq = ?, hash = ?, mac = ? WHERE id = 1 AND seq = ? AND hash = ? "
         "AND keyed_from IS NOT DISTINCT FROM ?::bigint RETURNING seq) "
         "INSERT INTO " + log +
         " (seq, at, user_id, organisation_id, action, entity, entity_id, client, detail, prev_hash, hash) "
         "SELECT ?::bigint + e.n, e.at, e.user_id, e.organisation_id, e.action, e.entity, e.entity_id, e.client, "
         "e.detail, e.prev_hash, e.hash FROM moved, unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
         "?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS e(at, user_id, organisation_id, "
         "action, entity, entity_id, client, detail, prev_hash, hash, n)";
}

// One column of the batch as a PostgreSQL array literal: every element
// quoted, so that no text (empty, NULL-like, with commas or braces) is read
// as anything but itself; inside the quotes only " and \ are escaped.
class TextArray {
 public:
  explicit TextArray(std::size_t n) { text_.reserve(n * 40 + 2); text_ += '{'; }
  void add(const std::string& v) {
    if (text_.size() > 1) text_ += ',';
    text_ += '"';
    for (char c : v) {
      if (c == '"' || c == '\\') text_ += '\\';
      text_ += c;
    }
    text_ += '"';
  }
  std::string done() && {
    text_ += '}';
    return std::move(text_);
  }

 private:
  std::string text_;
};

// The texts of one entry, in the order of the unnest columns of append_sql.
constexpr std::size_t kTextColumns = 10;

// Whether a text can travel as a parameter: PostgreSQL refuses bytes that
// are not UTF-8, and a NUL would end the parameter early.
bool sendable(const std::string& s) { return domain::is_valid_utf8(s) && s.find('\0') == std::string::npos; }

}  // namespace

std::optional<ChainHead> append_after_known_head(store::Connection& db, const std::vector<PendingAudit>& entries,
                                                 AuditLog log, const ChainHead& known) {
  if (entries.empty()) return known;
  const AuditKey* key = audit_key_in_use();
  if (known.keyed_from.has_value() != (key != nullptr)) return std::nullopt;
  const std::vector<std::string> hashes = chain_hashes(entries, known.seq, known.hash, log, key);
  const std::size_t n = entries.size();
  std::vector<TextArray> cols(kTextColumns, TextArray(n));
  for (std::size_t i = 0; i < n; ++i) {
    const PendingAudit& p = entries[i];
    const std::string* texts[kTextColumns] = {&p.at, &p.user_id, &p.organisation_id, &p.entry.action, &p.entry.entity,
                                  &p.entry.entity_id, &p.client, &p.entry.detail, i ? &hashes[i - 1] : &known.hash,
                                  &hashes[i]};
    for (std::size_t k = 0; k < kTextColumns; ++k) {
      if (!sendable(*texts[k])) return std::nullopt;
      cols[k].add(*texts[k]);
    }
  }
  ChainHead left{known.seq + static_cast<std::int64_t>(n), hashes.back(), known.keyed_from, ""};
  if (key) left.mac = head_mac(*key, log, left.seq, left.hash, *left.keyed_from);
  std::vector<store::Value> params{left.seq, left.hash, key ? store::Value{left.mac} : store::null(), known.seq,
                                   known.hash, known.keyed_from ? store::Value{*known.keyed_from} : store::null(),
                                   known.seq};
  for (auto& c : cols) params.emplace_back(std::move(c).done());
  std::int64_t inserted = db.execute(append_sql(audit_head_table(log), audit_log_table(log)), params);
  if (inserted == 0) return std::nullopt;
  return left;
}

}  // namespace tsunagu::service
