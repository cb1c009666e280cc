#include "service/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <cctype>
#include <stdexcept>

#include "service/secrets.h"

namespace tsunagu::service {

std::string hotp(std::string_view key, std::uint64_t counter, int digits) {
  if (digits < 6 || digits > 8) throw std::invalid_argument("hotp: digits must be 6..8");
  unsigned char message[8];
  for (int i = 7; i >= 0; --i, counter >>= 8) message[i] = static_cast<unsigned char>(counter & 0xff);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  if (!HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message, sizeof message, mac, &mac_len) ||
      mac_len != 20)
    throw std::runtime_error("HMAC-SHA1 を計算できません");
  // RFC 4226 §5.3: dynamic truncation.
  int offset = mac[19] & 0x0f;
  std::uint32_t bin = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                      (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                      (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  std::uint32_t modulo = 1;
  for (int i = 0; i < digits; ++i) modulo *= 10;
  std::string out = std::to_string(bin % modulo);
  return std::string(static_cast<std::size_t>(digits) - out.size(), '0') + out;
}

std::int64_t totp_step(std::int64_t unix_seconds) { return unix_seconds / kTotpStepSeconds; }

std::int64_t totp_step(std::chrono::system_clock::time_point t) {
  return totp_step(std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count());
}

std::optional<std::int64_t> match_totp(std::string_view key, std::string_view code, std::int64_t now_step,
                                       std::int64_t last_used_step) {
  if (code.size() != static_cast<std::size_t>(kTotpDigits)) return std::nullopt;
  for (char c : code)
    if (c < '0' || c > '9') return std::nullopt;
  std::optional<std::int64_t> found;
  // Every candidate is computed and compared, so the time taken does not
  // tell which step matched.
  for (std::int64_t step = now_step - 1; step <= now_step + 1; ++step) {
    if (step < 0) continue;
    bool same = constant_time_equal(hotp(key, static_cast<std::uint64_t>(step)), code);
    if (same && step > last_used_step && !found) found = step;
  }
  return found;
}

std::string new_totp_secret() {
  std::string s(kTotpSecretBytes, '\0');
  randombytes_buf(s.data(), s.size());
  return s;
}

namespace {

// RFC 3986 unreserved characters stay, everything else is %XX: a login
// may hold '@', which would otherwise end the label early.
std::string percent_encode(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string otpauth_uri(std::string_view secret, std::string_view account) {
  return "otpauth://totp/tsunagu:" + percent_encode(account) + "?secret=" + base32(secret, true) +
         "&issuer=tsunagu&algorithm=SHA1&digits=6&period=30";
}

}  // namespace tsunagu::service
