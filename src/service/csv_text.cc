#include "service/csv_text.h"

#include "domain/written_date.h"

namespace tsunagu::service::csv {

std::string read_text(Input& in, const nlohmann::json& body, const std::string& field, std::size_t max_bytes) {
  if (!body.contains(field) || !body[field].is_string() || body[field].get_ref<const std::string&>().empty()) {
    in.fail(field, "CSV の内容を指定してください（空のファイルは取り込めません）。");
    return {};
  }
  std::string text = body[field].get<std::string>();
  if (text.size() > max_bytes) {
    in.fail(field, "CSV は" + std::to_string(max_bytes / 1'000'000) + "MBまでにしてください。");
    return {};
  }
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // BOM
  if (text.find("\xEF\xBF\xBD") != std::string::npos) {
    in.fail(field, "ファイルの文字を読み取れませんでした（文字化け）。UTF-8 または Shift_JIS で保存したCSVを選んでください。");
    return {};
  }
  bool blank = true;
  for (char ch : text)
    if (ch != '\r' && ch != '\n' && ch != ' ' && ch != '\t' && ch != ',') blank = false;
  if (blank) {
    in.fail(field, "CSV の内容を指定してください（空のファイルは取り込めません）。");
    return {};
  }
  return text;
}

namespace {

void trim(std::string& f) {
  while (!f.empty() && (f.back() == ' ' || f.back() == '\t')) f.pop_back();
  std::size_t b = 0;
  while (b < f.size() && (f[b] == ' ' || f[b] == '\t')) ++b;
  f.erase(0, b);
}

}  // namespace

std::vector<Record> records_of(const std::string& text, std::size_t max_records) {
  std::vector<Record> out;
  Record current{1, {std::string()}};
  std::size_t line = 1;
  bool quoted = false;
  auto end_record = [&] {
    bool blank = true;
    for (auto& f : current.fields) {
      trim(f);
      if (!f.empty()) blank = false;
    }
    if (!blank) out.push_back(std::move(current));
    current = Record{line, {std::string()}};
  };
  for (std::size_t i = 0; i < text.size() && out.size() <= max_records; ++i) {
    const char ch = text[i];
    const bool line_end = ch == '\n' || ch == '\r';
    if (line_end && ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;  // \r\n is one end
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        current.fields.back() += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else if (line_end) {
        current.fields.back() += '\n';  // a line break inside a field, kept as one \n
        ++line;
      } else {
        current.fields.back() += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      current.fields.emplace_back();
    } else if (line_end) {
      ++line;
      end_record();
    } else {
      current.fields.back() += ch;
    }
  }
  if (out.size() <= max_records) end_record();
  return out;
}

std::string header_key(const std::string& cell) {
  // domain::half_width makes U+3000 a space and full-width ASCII half-width.
  std::string out;
  for (char ch : domain::half_width(cell))
    if (ch != ' ' && ch != '\t') out += ch;
  return out;
}

std::string trim_wide(const std::string& s) {
  static const std::string wide = "\xE3\x80\x80";  // U+3000
  std::size_t b = 0, e = s.size();
  for (;;) {
    if (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    else if (s.compare(b, 3, wide) == 0 && b + 3 <= e) b += 3;
    else break;
  }
  for (;;) {
    if (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    else if (e >= b + 3 && s.compare(e - 3, 3, wide) == 0) e -= 3;
    else break;
  }
  return s.substr(b, e - b);
}

std::optional<std::size_t> column_named(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
  std::vector<std::string> keys;
  for (const auto& h : header) keys.push_back(header_key(h));
  for (const char* n : names)
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (keys[i] == header_key(n)) return i;
  return std::nullopt;
}

// Full-width digits (０–９: EF BC 90–99) to ASCII.
std::string ascii_digits(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
        static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99) {
      out += static_cast<char>('0' + (static_cast<unsigned char>(s[i + 2]) - 0x90));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::optional<std::pair<long, std::size_t>> leading_number(const std::string& s, std::size_t from) {
  std::size_t i = from;
  long v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - from < 9) v = v * 10 + (s[i++] - '0');
  if (i == from) return std::nullopt;
  return std::pair{v, i};
}

}  // namespace tsunagu::service::csv
