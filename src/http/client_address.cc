#include "http/client_address.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace tsunagu::http {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_mapped_v4(const std::array<std::uint8_t, 16>& a) {
  static constexpr std::uint8_t kPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  return std::memcmp(a.data(), kPrefix, 12) == 0;
}

}  // namespace

std::optional<std::array<std::uint8_t, 16>> parse_ip(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  std::string s(text);
  std::array<std::uint8_t, 16> a{};
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    a[10] = a[11] = 0xff;
    std::memcpy(a.data() + 12, &v4, 4);
    return a;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(a.data(), &v6, 16);
    return a;
  }
  return std::nullopt;
}

std::string ip_text(const std::array<std::uint8_t, 16>& a) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (is_mapped_v4(a)) {
    inet_ntop(AF_INET, a.data() + 12, buf, sizeof buf);
  } else {
    inet_ntop(AF_INET6, a.data(), buf, sizeof buf);
  }
  return buf;
}

std::optional<Network> Network::parse(std::string_view text) {
  text = trim(text);
  std::string_view addr = text;
  std::optional<int> prefix;
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    addr = text.substr(0, slash);
    std::string_view p = text.substr(slash + 1);
    int v = -1;
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), v);
    if (ec != std::errc() || end != p.data() + p.size() || p.empty()) return std::nullopt;
    prefix = v;
  }
  auto a = parse_ip(addr);
  if (!a) return std::nullopt;
  bool v4 = addr.find(':') == std::string_view::npos;
  int max = v4 ? 32 : 128;
  int bits = prefix.value_or(max);
  if (bits < 0 || bits > max) return std::nullopt;
  Network n;
  n.address = *a;
  n.prefix = v4 ? bits + 96 : bits;
  return n;
}

bool Network::contains(const std::array<std::uint8_t, 16>& a) const {
  int bits = prefix;
  for (std::size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((a[i] & mask) != (address[i] & mask)) return false;
  }
  return true;
}

std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<Network>& trusted_proxies) {
  auto peer_ip = parse_ip(peer);
  if (!peer_ip) return std::string(peer);
  auto trusted = [&](const std::array<std::uint8_t, 16>& a) {
    for (const auto& n : trusted_proxies)
      if (n.contains(a)) return true;
    return false;
  };
  if (trusted_proxies.empty() || !trusted(*peer_ip) || trim(forwarded_for).empty()) return ip_text(*peer_ip);
  // From the right: each hop was appended by the proxy nearer to us.
  std::array<std::uint8_t, 16> nearest = *peer_ip;
  std::string_view rest = forwarded_for;
  while (true) {
    std::size_t comma = rest.rfind(',');
    std::string_view hop = trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    auto ip = parse_ip(hop);
    // A hop that is not an address was written by someone we cannot vouch
    // for: the nearest proxy we trust is all we know.
    if (!ip) return ip_text(nearest);
    if (!trusted(*ip)) return ip_text(*ip);
    nearest = *ip;
    if (comma == std::string_view::npos) return ip_text(nearest);
    rest = rest.substr(0, comma);
  }
}

}  // namespace tsunagu::http
