// Who is on the other end of a request.
//
// Behind a reverse proxy every request comes from the proxy's address;
// sign-in throttling, lockout and the audit log need the client's. The
// X-Forwarded-For header says who that is, but anyone can send it: it is
// read only when the peer is a proxy the operator named
// (`--trusted-proxy ADDR/CIDR`), and then from the right, skipping the
// operator's own proxies, so the answer is the first hop no trusted proxy
// could have written for the client (the rightmost untrusted one).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tsunagu::http {

// An IPv4 or IPv6 network. IPv4 is kept as an IPv4-mapped IPv6 address so
// that one comparison serves both (a dual-stack socket reports
// ::ffff:10.0.0.1 for 10.0.0.1).
struct Network {
  std::array<std::uint8_t, 16> address{};
  int prefix = 128;

  // "10.0.0.0/8", "192.0.2.7", "::1", "fd00::/8". Null when malformed.
  static std::optional<Network> parse(std::string_view text);
  bool contains(const std::array<std::uint8_t, 16>& a) const;
};

// The address parsed, IPv4 mapped into IPv6; null when not an address.
std::optional<std::array<std::uint8_t, 16>> parse_ip(std::string_view text);
// The usual text of an address: dotted IPv4 for a mapped one.
std::string ip_text(const std::array<std::uint8_t, 16>& a);

// The client of a request from `peer` (the socket's address) and the
// X-Forwarded-For header (all its values joined by commas).
std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<Network>& trusted_proxies);

}  // namespace tsunagu::http
