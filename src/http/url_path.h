// Reading the path and query of a request target, strictly.
//
// What comes off the wire is percent-decoded exactly once and must then be
// text the rest of the server can trust: valid UTF-8 (no overlong forms
// such as %c0%ae for '.', no surrogates), no control characters (NUL
// included) and no backslash. Anything else is a malformed URL and answers
// 400 before routing, instead of reaching a handler, a file name or a log.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tsunagu::http {

// True when `s` is well-formed UTF-8 (RFC 3629: shortest form, no
// surrogates, at most U+10FFFF): domain::is_valid_utf8, the one rule.
bool valid_utf8(std::string_view s);

// Percent-decodes `raw` (every '%' must start two hex digits). Null on a
// broken escape. `plus_is_space` for query components (form encoding).
std::optional<std::string> percent_decode(std::string_view raw, bool plus_is_space = false);

// The decoded path: starts with '/', valid UTF-8, no control character or
// backslash. Null when malformed.
std::optional<std::string> decode_path(std::string_view raw);

// The decoded query (`a=1&b=2`); the first value of a repeated name wins.
// Null when any name or value is malformed like a path would be.
std::optional<std::map<std::string, std::string>> decode_query(std::string_view raw);

}  // namespace tsunagu::http
