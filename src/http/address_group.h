// The group of a client's address for the per-address limits of the public
// side: an IPv4 address itself (an IPv4-mapped IPv6 one as IPv4), an IPv6
// address by its /64 ("2001:db8:1:2::/64"). A subscriber's line or phone
// is given a whole /64 (RFC 6177, and what carriers do) and may use any
// address in it, so a limit per IPv6 address would limit nothing.
#pragma once

#include <string>
#include <string_view>

namespace tsunagu::http {

// Text that is not an address is returned as it is.
std::string address_group(std::string_view client);

}  // namespace tsunagu::http
