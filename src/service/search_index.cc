#include "service/search_index.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include "domain/text_normalize.h"

namespace tsunagu::service {
namespace {

constexpr char kPartSeparator = '\x1F';

// Code points of valid UTF-8 (normalize_for_search always returns valid UTF-8).
std::vector<std::string> code_points(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

void add_unique(std::vector<std::string>& out, std::string g) {
  if (std::find(out.begin(), out.end(), g) == out.end()) out.push_back(std::move(g));
}

std::vector<std::string> normalized_parts(std::initializer_list<const std::optional<std::string>*> parts) {
  std::vector<std::string> out;
  for (const auto* p : parts) {
    if (!*p) continue;
    std::string n = domain::normalize_for_search(**p);
    if (!n.empty()) out.push_back(std::move(n));
  }
  return out;
}

// SQLite numbers an organisation's entries within its own rowid range
// (migration 0014): prefix × 2^40 up to the next prefix. The full-text
// hit lists are in rowid order, so a range asks for one organisation's hits.
constexpr int kPrefixShift = 40;

std::int64_t search_prefix(store::Connection& db, const std::string& organisation_id) {
  if (auto r = db.query_one("SELECT prefix FROM search_organisations WHERE organisation_id = ?", {organisation_id}))
    return r->integer(0);
  db.execute(
      "INSERT INTO search_organisations (organisation_id, prefix) "
      "SELECT ?, COALESCE(MAX(prefix), 0) + 1 FROM search_organisations",
      {organisation_id});
  return db.query_one("SELECT prefix FROM search_organisations WHERE organisation_id = ?", {organisation_id})
      ->integer(0);
}

// The rowid range of the organisation's entries, for the full-text table
// `table`; no prefix yet means no entries, and the range is then empty.
std::string organisation_range(const char* table) {
  std::string shift = std::to_string(kPrefixShift);
  return std::string(" AND ") + table + ".rowid BETWEEN (SELECT prefix << " + shift +
         " FROM search_organisations WHERE organisation_id = ?) AND (SELECT ((prefix + 1) << " + shift +
         ") - 1 FROM search_organisations WHERE organisation_id = ?)";
}

void replace_entry(store::Connection& db, const std::string& doc_id, const std::string& kind,
                   const std::string& organisation_id, const std::vector<std::string>& parts) {
  db.execute("DELETE FROM search_entries WHERE doc_id = ?", {doc_id});
  if (parts.empty()) return;
  std::string grams;
  for (const auto& g : index_grams(parts)) {
    if (!grams.empty()) grams += ' ';
    grams += g;
  }
  if (db.dialect() == store::Dialect::postgres)
    db.execute(
        "INSERT INTO search_entries (doc_id, kind, organisation_id, body, grams) "
        "VALUES (?, ?, ?, ?, string_to_array(?, ' '))",
        {doc_id, kind, organisation_id, index_body(parts), grams});
  else {
    std::int64_t lo = search_prefix(db, organisation_id) << kPrefixShift;
    std::int64_t hi = lo + (std::int64_t{1} << kPrefixShift) - 1;
    auto last = db.query_one("SELECT rid FROM search_entries WHERE rid BETWEEN ? AND ? ORDER BY rid DESC LIMIT 1",
                             {lo, hi});
    std::int64_t rid = last ? last->integer(0) + 1 : lo + 1;
    // 2^40 writes of one organisation's entries: not in this universe, but
    // never number into the next organisation's range.
    if (rid > hi) throw std::runtime_error("search index: the organisation's range is full");
    db.execute(
        "INSERT INTO search_entries (rid, doc_id, kind, organisation_id, body, grams) VALUES (?, ?, ?, ?, ?, ?)",
        {rid, doc_id, kind, organisation_id, index_body(parts), grams});
  }
}

// An FTS5 phrase: the text in double quotes, inner quotes doubled, so the
// query string is never read as FTS5 syntax (AND, NEAR, column filters).
std::string fts_phrase(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A LIKE pattern matching `s` anywhere, with ! as the escape character.
std::string like_contains(const std::string& s) {
  std::string out = "%";
  for (char c : s) {
    if (c == '!' || c == '%' || c == '_') out += '!';
    out += c;
  }
  return out + "%";
}

}  // namespace

SearchPlan plan_search(std::string_view query) {
  SearchPlan plan;
  // Control characters (including the part separator) never occur in
  // indexed text; drop them rather than fail a search box.
  std::string cleaned;
  for (char c : query)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) cleaned += c;
  plan.normalized = domain::normalize_for_search(cleaned);
  auto n = domain::codepoint_length(plan.normalized);
  plan.mode = n == 0 ? SearchPlan::Mode::empty : n <= 2 ? SearchPlan::Mode::grams : SearchPlan::Mode::trigram;
  return plan;
}

std::vector<std::string> index_grams(const std::vector<std::string>& parts) {
  std::vector<std::string> out;
  for (const auto& p : parts) {
    for (auto& b : domain::bigrams(p)) add_unique(out, std::move(b));
    for (auto& c : code_points(p)) add_unique(out, std::move(c));
  }
  return out;
}

std::string index_body(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += kPartSeparator;
    out += p;
  }
  return out;
}

void index_person(store::Connection& db, const std::string& person_id, const std::string& organisation_id,
                  const std::optional<std::string>& name, const std::optional<std::string>& furigana) {
  replace_entry(db, person_id, "person", organisation_id, normalized_parts({&name, &furigana}));
}

void index_contact(store::Connection& db, const std::string& contact_id, const std::string& organisation_id,
                   const std::optional<std::string>& note, const std::optional<std::string>& next_step) {
  replace_entry(db, contact_id, "contact", organisation_id, normalized_parts({&note, &next_step}));
}

HitQuery hit_query(store::Dialect dialect, const SearchPlan& plan, const std::string& organisation_id) {
  const std::string& q = plan.normalized;
  bool grams = plan.mode == SearchPlan::Mode::grams;
  if (dialect == store::Dialect::sqlite) {
    // The organisation is asked twice: as the rowid range (so the index
    // returns only its hits) and on the entry itself (the permission rule
    // does not rest on the numbering alone).
    const char* fts = grams ? "search_bigram" : "search_trigram";
    return {std::string("SELECT e.doc_id, e.kind FROM ") + fts + " JOIN search_entries e ON e.rid = " + fts +
                ".rowid WHERE " + fts + " MATCH ?" + organisation_range(fts) +
                " AND e.organisation_id = ? AND instr(e.body, ?) > 0",
            {fts_phrase(q), organisation_id, organisation_id, organisation_id, q}};
  }
  if (grams)
    return {"SELECT e.doc_id, e.kind FROM search_entries e "
            "WHERE e.grams @> ARRAY[CAST(? AS text)] AND e.organisation_id = ? AND strpos(e.body, ?) > 0",
            {q, organisation_id, q}};
  return {"SELECT e.doc_id, e.kind FROM search_entries e WHERE e.body LIKE ? ESCAPE '!' AND e.organisation_id = ?",
          {like_contains(q), organisation_id}};
}

HitQuery candidate_query(store::Dialect dialect, const SearchPlan& plan, const std::string& organisation_id) {
  if (dialect != store::Dialect::sqlite) return hit_query(dialect, plan, organisation_id);
  // The FTS index alone: the organisation's rowid range, no lookup of the
  // entries.
  const char* fts = plan.mode == SearchPlan::Mode::grams ? "search_bigram" : "search_trigram";
  return {std::string("SELECT rowid FROM ") + fts + " WHERE " + fts + " MATCH ?" + organisation_range(fts),
          {fts_phrase(plan.normalized), organisation_id, organisation_id}};
}

}  // namespace tsunagu::service
