// Content-Disposition for a downloaded file with a Japanese name: RFC 6266
// with the RFC 5987 `filename*=UTF-8''…` form (percent-encoded UTF-8), which
// every current browser prefers, plus a plain ASCII `filename` for the
// rest. Nothing of the name reaches the header unencoded, so a name cannot
// break the header (quotes, CR/LF, ;).
#pragma once

#include <string>
#include <string_view>

namespace tsunagu::http {

// RFC 5987 attr-char are kept; every other byte becomes %XX.
std::string rfc5987_encode(std::string_view utf8);

// attachment; filename="<ascii>"; filename*=UTF-8''<encoded utf8>
// `ascii_fallback` must be plain ASCII without quotes (it is ours).
std::string attachment_disposition(std::string_view ascii_fallback, std::string_view utf8_name);

}  // namespace tsunagu::http
