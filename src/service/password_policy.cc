#include "service/password_policy.h"

#include <unordered_set>

#include "domain/text_normalize.h"
#include "service/input.h"

namespace tsunagu::service {
namespace {

// common_passwords.txt, as one raw string literal written by CMake at
// configure time: the list travels inside the binary, so no server can
// start without it.
constexpr std::string_view kListText =
#include "service/common_passwords.inc"
    ;

const std::unordered_set<std::string>& common_passwords() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> s;
    std::size_t start = 0;
    while (start < kListText.size()) {
      auto end = kListText.find('\n', start);
      if (end == std::string_view::npos) end = kListText.size();
      auto line = kListText.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty() && line.front() != '#') s.insert(domain::normalize_for_search(line));
      start = end + 1;
    }
    return s;
  }();
  return set;
}

}  // namespace

bool is_common_password(std::string_view password) {
  return common_passwords().count(domain::normalize_for_search(password)) > 0;
}

std::size_t common_password_count() { return common_passwords().size(); }

std::optional<std::string> password_refusal(std::string_view password, std::string_view login) {
  std::size_t n = utf8_length(password);
  if (n < kMinPasswordLength)
    return "パスワードは" + std::to_string(kMinPasswordLength) + "文字以上にしてください。";
  if (n > kMaxPasswordLength)
    return "パスワードは" + std::to_string(kMaxPasswordLength) + "文字以内にしてください。";
  std::string folded = domain::normalize_for_search(password);
  if (common_passwords().count(folded))
    return "よく使われていて推測されやすいパスワードです。別のものにしてください。";
  std::string folded_login = domain::normalize_for_search(login);
  if (!folded_login.empty() && folded.find(folded_login) != std::string::npos)
    return "ログインIDが含まれていて推測されやすいパスワードです。ログインIDを含まないものにしてください。";
  return std::nullopt;
}

}  // namespace tsunagu::service
