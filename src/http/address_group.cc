#include "http/address_group.h"

#include <algorithm>

#include "http/client_address.h"

namespace tsunagu::http {

std::string address_group(std::string_view client) {
  auto a = parse_ip(client);
  if (!a) return std::string(client);
  // IPv4 is kept mapped (::ffff:a.b.c.d): its text is the IPv4 address.
  static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(a->begin(), a->begin() + 12, kMapped)) return ip_text(*a);
  std::fill(a->begin() + 8, a->end(), std::uint8_t{0});
  return ip_text(*a) + "/64";
}

}  // namespace tsunagu::http
