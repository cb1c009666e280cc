// The rule every newly set password must meet, wherever it is set: by an
// admin creating or editing a user, by `tsunagu user add`, and by users
// changing their own. Passwords already stored are never re-judged (the
// demo accounts' passwords predate this rule and keep working).
//
// A password is refused when it is
//   - shorter than kMinPasswordLength or longer than kMaxPasswordLength
//     code points;
//   - one of the common passwords of common_passwords.txt, compared after
//     domain::normalize_for_search (so "ＰＡＳＳ word123" is "password123");
//   - contains the login, compared the same way (a guesser tries it first).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tsunagu::service {

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 200;

// True when `password` is on the list of common passwords.
bool is_common_password(std::string_view password);

// Why `password` may not become the password of `login`, as a Japanese
// sentence for the screen that does not blame the person; nullopt when it
// may. `login` may be empty (then only length and the list apply).
std::optional<std::string> password_refusal(std::string_view password, std::string_view login);

// The number of entries on the list (for tests).
std::size_t common_password_count();

}  // namespace tsunagu::service
