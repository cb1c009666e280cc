#include "service/search_index.h"

#include <algorithm>

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
  else
    db.execute("INSERT INTO search_entries (doc_id, kind, organisation_id, body, grams) VALUES (?, ?, ?, ?, ?)",
               {doc_id, kind, organisation_id, index_body(parts), grams});
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
    if (grams)
      return {"SELECT e.doc_id, e.kind FROM search_bigram JOIN search_entries e ON e.rid = search_bigram.rowid "
              "WHERE search_bigram MATCH ? AND e.organisation_id = ? AND instr(e.body, ?) > 0",
              {fts_phrase(q), organisation_id, q}};
    return {"SELECT e.doc_id, e.kind FROM search_trigram JOIN search_entries e ON e.rid = search_trigram.rowid "
            "WHERE search_trigram MATCH ? AND e.organisation_id = ? AND instr(e.body, ?) > 0",
            {fts_phrase(q), organisation_id, q}};
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
  // The FTS index alone: no lookup of each hit's entry for its organisation.
  if (plan.mode == SearchPlan::Mode::grams)
    return {"SELECT rowid FROM search_bigram WHERE search_bigram MATCH ?", {fts_phrase(plan.normalized)}};
  return {"SELECT rowid FROM search_trigram WHERE search_trigram MATCH ?", {fts_phrase(plan.normalized)}};
}

}  // namespace tsunagu::service
