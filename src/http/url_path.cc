#include "http/url_path.h"

#include "domain/validation.h"

namespace tsunagu::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Text a handler may see: no C0 control, no DEL, no backslash (a Windows
// separator that some layers would turn into '/').
bool clean_text(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  return valid_utf8(s);
}

}  // namespace

bool valid_utf8(std::string_view s) { return domain::is_valid_utf8(s); }

std::optional<std::string> percent_decode(std::string_view raw, bool plus_is_space) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%') {
      if (i + 2 >= raw.size()) return std::nullopt;
      int hi = hex_value(raw[i + 1]), lo = hex_value(raw[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<std::string> decode_path(std::string_view raw) {
  if (raw.empty() || raw.front() != '/') return std::nullopt;
  // A raw backslash or control byte is refused before decoding too.
  auto decoded = percent_decode(raw);
  if (!decoded || !clean_text(*decoded)) return std::nullopt;
  return decoded;
}

std::optional<std::map<std::string, std::string>> decode_query(std::string_view raw) {
  std::map<std::string, std::string> out;
  std::size_t pos = 0;
  while (!raw.empty() && pos <= raw.size()) {
    std::size_t amp = raw.find('&', pos);
    if (amp == std::string_view::npos) amp = raw.size();
    std::string_view part = raw.substr(pos, amp - pos);
    if (!part.empty()) {
      std::size_t eq = part.find('=');
      auto name = percent_decode(part.substr(0, eq), true);
      auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : part.substr(eq + 1), true);
      if (!name || !value || !clean_text(*name) || !valid_utf8(*value)) return std::nullopt;
      for (unsigned char ch : *value)
        if ((ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t') || ch == 0x7f) return std::nullopt;
      out.emplace(std::move(*name), std::move(*value));
    }
    pos = amp + 1;
  }
  return out;
}

}  // namespace tsunagu::http
