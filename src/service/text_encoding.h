// A file's bytes as UTF-8 text: a ledger saved by Excel on a Japanese
// Windows is Shift_JIS (CP932, with the NEC and IBM extensions: ①, ㈱, 髙,
// 﨑); one saved as "CSV UTF-8" starts with a BOM. Used by the commands
// that read files (tsunagu import); in the browser, the screens decode the
// file themselves and send text.
#pragma once

#include <optional>
#include <string>

namespace tsunagu::service {

enum class TextEncoding { automatic, utf8, cp932 };

struct DecodedText {
  std::string text;          // UTF-8, without a BOM
  std::string encoding;      // "UTF-8" or "Shift_JIS (CP932)"
};

// nullopt, with a Japanese `why`, when the bytes are not text in the
// encoding (automatic: UTF-8 when they are valid UTF-8, else CP932).
std::optional<DecodedText> decode_text(const std::string& bytes, TextEncoding encoding, std::string& why);

}  // namespace tsunagu::service
