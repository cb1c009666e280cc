#include "service/input.h"

#include "domain/invisible_characters.h"
#include "domain/validation.h"
#include "service/clock.h"

namespace tsunagu::service {

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string utf8_prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  std::size_t end = max_bytes;
  // Back off over continuation bytes to the start of the cut character.
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end));
}

namespace {

enum class Unusable { none, control, bidi_override };

// The first kind of character a text field refuses, in valid UTF-8 (the
// JSON parser has checked it): C0 controls (tab and line breaks allowed in
// multi-line text), DEL, C1 controls (U+0080–U+009F), and the bidi
// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
Unusable unusable_character(std::string_view v, bool multiline) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    auto c = static_cast<unsigned char>(v[i]);
    auto next = [&](std::size_t k) { return i + k < v.size() ? static_cast<unsigned char>(v[i + k]) : 0; };
    if ((c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7F) return Unusable::control;
    if (c == 0xC2 && next(1) >= 0x80 && next(1) <= 0x9F) return Unusable::control;
    if (c == 0xE2 && ((next(1) == 0x80 && next(2) >= 0xAA && next(2) <= 0xAE) ||
                      (next(1) == 0x81 && next(2) >= 0xA6 && next(2) <= 0xA9)))
      return Unusable::bidi_override;
  }
  return Unusable::none;
}

}  // namespace

std::optional<std::string> Input::opt_text(const std::string& field, const std::string& label, TextRule rule) {
  if (!j_.contains(field) || j_[field].is_null()) {
    if (rule.required) fail(field, label + "を入力してください。");
    return std::nullopt;
  }
  if (!j_[field].is_string()) {
    fail(field, label + "は文字列で指定してください。");
    return std::nullopt;
  }
  std::string v = j_[field].get<std::string>();
  // Trim ASCII and ideographic spaces at both ends: pasted names often
  // carry them, and "田中 " must not differ from "田中".
  auto is_space_at = [&](std::size_t i, std::size_t& len) {
    if (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == '\r') { len = 1; return true; }
    if (v.compare(i, 3, "\xE3\x80\x80") == 0) { len = 3; return true; }
    return false;
  };
  std::size_t len = 0;
  while (!v.empty() && is_space_at(0, len)) v.erase(0, len);
  while (!v.empty()) {
    if (v.back() == ' ' || v.back() == '\t' || v.back() == '\n' || v.back() == '\r') { v.pop_back(); continue; }
    if (v.size() >= 3 && v.compare(v.size() - 3, 3, "\xE3\x80\x80") == 0) { v.resize(v.size() - 3); continue; }
    break;
  }
  switch (unusable_character(v, rule.multiline)) {
    case Unusable::none:
      break;
    case Unusable::control:
      fail(field, label + "に使えない制御文字が含まれています。");
      return std::nullopt;
    case Unusable::bidi_override:
      // They reorder what staff see (a name or a file name shown backwards).
      fail(field, label + "に、文字の並ぶ向きを変える見えない記号が含まれています。取り除いてから、もう一度入力してください。");
      return std::nullopt;
  }
  // Only invisible characters (zero-width spaces …) are nothing to a reader:
  // a nickname of them would show staff an empty name.
  if (v.empty() || !domain::has_visible_character(v)) {
    if (rule.required) fail(field, label + "を入力してください。");
    return std::nullopt;
  }
  std::size_t n = utf8_length(v);
  if (n > rule.max) {
    fail(field, label + "は" + std::to_string(rule.max) + "文字以内で入力してください（現在" + std::to_string(n) + "文字）。");
    return std::nullopt;
  }
  if (n < rule.min) {
    fail(field, label + "は" + std::to_string(rule.min) + "文字以上で入力してください。");
    return std::nullopt;
  }
  return v;
}

std::string Input::text(const std::string& field, const std::string& label, TextRule rule) {
  return opt_text(field, label, rule).value_or("");
}

std::optional<std::string> Input::choice(const std::string& field, const std::string& label,
                                         std::span<const std::string_view> allowed, bool required) {
  if (!j_.contains(field) || j_[field].is_null() || (j_[field].is_string() && j_[field].get<std::string>().empty())) {
    if (required) fail(field, label + "を選んでください。");
    return std::nullopt;
  }
  if (!j_[field].is_string()) {
    fail(field, label + "は文字列で指定してください。");
    return std::nullopt;
  }
  std::string v = j_[field].get<std::string>();
  for (auto a : allowed)
    if (a == v) return v;
  fail(field, label + "の値「" + utf8_prefix(v, 60) + "」は選択肢にありません。");
  return std::nullopt;
}

std::optional<std::int64_t> Input::integer(const std::string& field, const std::string& label, bool required,
                                           std::int64_t min, std::int64_t max) {
  if (!j_.contains(field) || j_[field].is_null()) {
    if (required) fail(field, label + "を入力してください。");
    return std::nullopt;
  }
  if (!j_[field].is_number_integer()) {
    fail(field, label + "は整数で指定してください。");
    return std::nullopt;
  }
  auto v = j_[field].get<std::int64_t>();
  if (v < min || v > max) {
    fail(field, label + "は" + std::to_string(min) + "から" + std::to_string(max) + "の範囲で指定してください。");
    return std::nullopt;
  }
  return v;
}

std::optional<bool> Input::boolean(const std::string& field, const std::string& label, bool required) {
  if (!j_.contains(field) || j_[field].is_null()) {
    if (required) fail(field, label + "を指定してください。");
    return std::nullopt;
  }
  if (!j_[field].is_boolean()) {
    fail(field, label + "は true か false で指定してください。");
    return std::nullopt;
  }
  return j_[field].get<bool>();
}

std::optional<domain::Date> read_date_text(const std::optional<std::string>& text, const std::string& field,
                                           const std::string& label, DateRule rule, std::vector<FieldError>& errors) {
  if (!text || text->empty()) {
    if (rule.required) errors.push_back({field, label + "を入力してください。"});
    return std::nullopt;
  }
  auto d = text->size() == 10 ? domain::parse_iso_date(*text) : std::nullopt;
  if (!d) {
    errors.push_back({field, label + "は実在する日付を YYYY-MM-DD の形で入力してください。"});
    return std::nullopt;
  }
  if (rule.not_future && !domain::not_in_future(*d, *domain::parse_iso_date(today_tokyo()))) {
    errors.push_back({field, label + "に未来の日付は入力できません。"});
    return std::nullopt;
  }
  if (d->y < rule.min_year) {
    errors.push_back({field, label + "は" + std::to_string(rule.min_year) + "年以降の日付を入力してください。"});
    return std::nullopt;
  }
  return d;
}

std::optional<domain::Date> Input::date(const std::string& field, const std::string& label, DateRule rule) {
  if (!j_.contains(field) || j_[field].is_null()) return read_date_text(std::nullopt, field, label, rule, errors_);
  if (!j_[field].is_string()) {
    // The same wording as a malformed string: the person fixes it the same way.
    return read_date_text(std::string("x"), field, label, rule, errors_);
  }
  return read_date_text(j_[field].get<std::string>(), field, label, rule, errors_);
}

std::string Input::past_day_or_today(const std::string& field, const std::string& label, bool required) {
  if (auto d = date(field, label, {.required = required})) return domain::format_iso_date(*d);
  return present(field) || required ? "" : today_tokyo();
}

void Input::check() const {
  if (!errors_.empty()) throw invalid(errors_);
}

}  // namespace tsunagu::service
