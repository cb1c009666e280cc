#include "service/case_list_order.h"

#include <cstdio>

#include "domain/case_status.h"
#include "domain/stage_model.h"

namespace tsunagu::service {
namespace {

std::string two_digits(std::size_t n) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02zu", n);
  return buf;
}

// Hex keeps any key (a staff name, a time) safe inside the cursor text.
std::string hex(std::string_view s) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char ch : s) {
    out += kDigits[ch >> 4];
    out += kDigits[ch & 15];
  }
  return out;
}

std::optional<std::string> unhex(std::string_view s) {
  if (s.size() % 2) return std::nullopt;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < s.size(); i += 2) {
    int hi = digit(s[i]), lo = digit(s[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

}  // namespace

bool ascending_by_default(std::string_view sort) { return sort != "updated" && sort != "last_contact"; }

SortKey sort_key(const CaseOrder& order) {
  SortKey k;
  if (order.sort == "last_contact") {
    // Never contacted: the empty text, after every time when newest first,
    // before them when the longest quiet comes first.
    k.sql = "COALESCE((SELECT MAX(x.occurred_at) FROM contacts x WHERE x.case_id = c.id), '')";
  } else if (order.sort == "status") {
    // The statuses in PRODUCT.md's order (the enumeration's), not the
    // alphabet's.
    k.sql = "CASE c.status";
    const auto& values = domain::kCaseStatus.values;
    for (std::size_t i = 0; i < values.size(); ++i) {
      k.sql += " WHEN ? THEN ?";
      k.params.emplace_back(std::string(values[i]));
      k.params.emplace_back(two_digits(i));
    }
    k.sql += " ELSE '99' END";
  } else if (order.sort == "stage") {
    // Each model's stages in their order, the models one after another;
    // a case not yet placed in a stage comes last.
    k.sql = "CASE";
    auto models = domain::builtin_stage_models();
    for (std::size_t m = 0; m < models.size(); ++m)
      for (std::size_t i = 0; i < models[m].stages.size(); ++i) {
        k.sql += " WHEN c.stage_model = ? AND c.current_stage = ? THEN ?";
        k.params.emplace_back(std::string(models[m].key));
        k.params.emplace_back(std::string(models[m].stages[i]));
        k.params.emplace_back(two_digits(m) + two_digits(i));
      }
    k.sql += " ELSE '9999' END";
  } else if (order.sort == "staff") {
    // By the first of the case's staff by name; a case without staff last.
    k.sql = "COALESCE((SELECT MIN(u.display_name) FROM case_staff s JOIN users u ON u.id = s.user_id "
            "WHERE s.case_id = c.id), ?)";
    k.params.emplace_back(std::string("\xef\xbf\xbf"));  // U+FFFF: after every name
  } else {
    k.sql = "c.updated_at";
  }
  return k;
}

std::string encode_case_cursor(const CaseOrder& order, const CaseCursor& at) {
  if (order.sort == "updated") return at.updated_at + "~" + at.id;
  return order.sort + "." + hex(at.key) + "." + at.updated_at + "~" + at.id;
}

std::optional<CaseCursor> decode_case_cursor(const CaseOrder& order, const std::string& text) {
  auto tilde = text.rfind('~');
  if (tilde == std::string::npos || text.size() - tilde > 65 || tilde + 1 == text.size()) return std::nullopt;
  CaseCursor c;
  c.id = text.substr(tilde + 1);
  std::string head = text.substr(0, tilde);
  if (order.sort == "updated") {
    c.updated_at = c.key = head;
    return c;
  }
  auto dot1 = head.find('.'), dot2 = head.find('.', dot1 == std::string::npos ? 0 : dot1 + 1);
  if (dot1 == std::string::npos || dot2 == std::string::npos || head.substr(0, dot1) != order.sort)
    return std::nullopt;
  auto key = unhex(std::string_view(head).substr(dot1 + 1, dot2 - dot1 - 1));
  if (!key) return std::nullopt;
  c.key = *key;
  c.updated_at = head.substr(dot2 + 1);
  return c;
}

std::string after_cursor_sql(const CaseOrder& order, const SortKey& key, const CaseCursor& at,
                             std::vector<store::Value>& params) {
  std::string tail = "(c.updated_at < ? OR (c.updated_at = ? AND c.id < ?))";
  if (order.sort == "updated" && !order.ascending) {
    params.insert(params.end(), {at.updated_at, at.updated_at, at.id});
    return " AND " + tail;
  }
  std::string beyond = order.ascending ? " > ?" : " < ?";
  std::string sql = " AND ((" + key.sql + ")" + beyond + " OR ((" + key.sql + ") = ? AND " + tail + "))";
  params.insert(params.end(), key.params.begin(), key.params.end());
  params.emplace_back(at.key);
  params.insert(params.end(), key.params.begin(), key.params.end());
  params.emplace_back(at.key);
  params.insert(params.end(), {at.updated_at, at.updated_at, at.id});
  return sql;
}

std::string order_by_sql(const CaseOrder& order, std::size_t key_column_position) {
  std::string primary = std::to_string(key_column_position) + (order.ascending ? " ASC" : " DESC");
  if (order.sort == "updated" && !order.ascending) return " ORDER BY c.updated_at DESC, c.id DESC";
  return " ORDER BY " + primary + ", c.updated_at DESC, c.id DESC";
}

}  // namespace tsunagu::service
