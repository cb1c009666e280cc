#include "domain/invisible_characters.h"

#include <cstdint>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace tsunagu::domain {
namespace {

// Calls `f(c, start, end)` for each code point of `utf8` (ill-formed bytes
// as a negative c) until it returns false.
template <class F>
void each_code_point(std::string_view utf8, F f) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (!f(c, static_cast<std::size_t>(start), static_cast<std::size_t>(i))) return;
  }
}

}  // namespace

std::string drop_format_characters(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  each_code_point(utf8, [&](UChar32 c, std::size_t start, std::size_t end) {
    if (c < 0 || u_charType(c) != U_FORMAT_CHAR) out.append(utf8.substr(start, end - start));
    return true;
  });
  return out;
}

bool has_visible_character(std::string_view utf8) {
  bool seen = false;
  each_code_point(utf8, [&](UChar32 c, std::size_t, std::size_t) {
    seen = c < 0 || !(u_isUWhiteSpace(c) || u_charType(c) == U_FORMAT_CHAR || u_charType(c) == U_CONTROL_CHAR);
    return !seen;
  });
  return seen;
}

}  // namespace tsunagu::domain
