#include "service/text_encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstddef>
#include <memory>

namespace tsunagu::service {
namespace {

// The line (1-based) the byte at `at` is on, for saying where a file stops
// being text.
std::size_t line_at(const std::string& bytes, std::size_t at) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < at && i < bytes.size(); ++i)
    if (bytes[i] == '\n') ++line;
  return line;
}

// Strict UTF-8 (no overlong forms, no surrogates); the offset of the first
// byte that is not, or npos.
std::size_t first_invalid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return i;
    std::uint32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (b & 0x3F);
    }
    const std::uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string::npos;
}

std::optional<std::string> from_cp932(const std::string& bytes, std::size_t& bad_at) {
  iconv_t cd = iconv_open("UTF-8", "CP932");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    bad_at = 0;
    return std::nullopt;
  }
  std::unique_ptr<void, int (*)(iconv_t)> closer(cd, iconv_close);
  std::string out(bytes.size() * 3 / 2 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::size_t done = 0;
  while (in_left > 0) {
    char* o = out.data() + done;
    std::size_t o_left = out.size() - done;
    std::size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    done = out.size() - o_left;
    if (r != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    bad_at = bytes.size() - in_left;
    return std::nullopt;
  }
  out.resize(done);
  return out;
}

}  // namespace

std::optional<DecodedText> decode_text(const std::string& bytes, TextEncoding encoding, std::string& why) {
  const bool bom = bytes.rfind("\xEF\xBB\xBF", 0) == 0;
  if (encoding == TextEncoding::utf8 || (encoding == TextEncoding::automatic && (bom || first_invalid_utf8(bytes) == std::string::npos))) {
    std::string text = bom ? bytes.substr(3) : bytes;
    if (auto bad = first_invalid_utf8(text); bad != std::string::npos) {
      why = std::to_string(line_at(text, bad)) + "行目に UTF-8 として読めない文字があります。Shift_JIS のファイルなら --encoding cp932 を指定してください。";
      return std::nullopt;
    }
    return DecodedText{std::move(text), "UTF-8"};
  }
  std::size_t bad = 0;
  auto text = from_cp932(bytes, bad);
  if (!text) {
    why = std::to_string(line_at(bytes, bad)) +
          "行目に、UTF-8 としても Shift_JIS としても読めない文字があります。Excel で「CSV UTF-8」として保存し直してください。";
    return std::nullopt;
  }
  return DecodedText{std::move(*text), "Shift_JIS (CP932)"};
}

}  // namespace tsunagu::service
