#include "domain/furigana.h"

#include "domain/validation.h"

namespace tsunagu::domain {

bool is_furigana(std::string_view utf8) {
  if (utf8.empty() || !is_valid_utf8(utf8)) return false;
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    char32_t cp;
    std::size_t n;
    if (c < 0x80) { cp = c; n = 1; }
    else if ((c >> 5) == 0x6) { cp = c & 0x1F; n = 2; }
    else if ((c >> 4) == 0xE) { cp = c & 0x0F; n = 3; }
    else { cp = c & 0x07; n = 4; }
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += n;
    bool ok = cp == U' ' || cp == 0x3000 ||             // spaces between family and given name
              (cp >= 0x3041 && cp <= 0x3096) ||         // ひらがな
              cp == 0x309D || cp == 0x309E ||           // ゝゞ
              (cp >= 0x30A1 && cp <= 0x30FA) ||         // カタカナ
              (cp >= 0x30FB && cp <= 0x30FE) ||         // ・ ー ヽ ヾ
              (cp >= 0xFF66 && cp <= 0xFF9F);           // 半角カナ and its marks
    if (!ok) return false;
  }
  return true;
}

}  // namespace tsunagu::domain
