#include "domain/text_normalize.h"

#include <cstdint>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace tsunagu::domain {
namespace {

UChar32 fold_code_point(UChar32 c) {
  if (c >= 0x3041 && c <= 0x3096) return c + 0x60;  // ぁ..ゖ → ァ..ヶ
  if (c == 0x309D || c == 0x309E) return c + 0x60;  // ゝゞ → ヽヾ
  if (c >= 'A' && c <= 'Z') return c + ('a' - 'A');
  return c;
}

// Byte offsets of each code point start, plus the end, so callers can slice.
std::vector<std::size_t> code_point_offsets(std::string_view utf8) {
  std::vector<std::size_t> offsets;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  while (i < length) {
    offsets.push_back(static_cast<std::size_t>(i));
    UChar32 c;
    U8_NEXT(s, i, length, c);
    (void)c;
  }
  offsets.push_back(utf8.size());
  return offsets;
}

}  // namespace

std::string normalize_for_search(std::string_view utf8) {
  if (utf8.empty()) return {};
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  const icu::UnicodeString input = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString normalized;
  if (U_SUCCESS(status)) normalized = nfkc->normalize(input, status);
  // The NFKC data is built into libicudata; failure would mean a broken
  // installation. Fall back to the unnormalised text rather than losing it.
  if (U_FAILURE(status)) normalized = input;

  icu::UnicodeString folded;
  for (int32_t i = 0; i < normalized.length();) {
    const UChar32 c = normalized.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c)) continue;
    folded.append(fold_code_point(c));
  }
  std::string out;
  folded.toUTF8String(out);
  return out;
}

std::vector<std::string> bigrams(std::string_view normalized) {
  std::vector<std::string> result;
  const std::vector<std::size_t> offsets = code_point_offsets(normalized);
  const std::size_t count = offsets.size() - 1;
  if (count == 0) return result;
  if (count == 1) {
    result.emplace_back(normalized);
    return result;
  }
  result.reserve(count - 1);
  for (std::size_t k = 0; k + 2 <= count; ++k) {
    result.emplace_back(
        normalized.substr(offsets[k], offsets[k + 2] - offsets[k]));
  }
  return result;
}

std::size_t codepoint_length(std::string_view utf8) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  std::size_t count = 0;
  for (int32_t i = 0; i < length; ++count) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    (void)c;
  }
  return count;
}

}  // namespace tsunagu::domain
