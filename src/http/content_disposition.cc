#include "http/content_disposition.h"

namespace tsunagu::http {

std::string rfc5987_encode(std::string_view utf8) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : utf8) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string attachment_disposition(std::string_view ascii_fallback, std::string_view utf8_name) {
  return "attachment; filename=\"" + std::string(ascii_fallback) + "\"; filename*=UTF-8''" + rfc5987_encode(utf8_name);
}

}  // namespace tsunagu::http
