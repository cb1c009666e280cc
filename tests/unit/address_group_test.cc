#include "http/address_group.h"

#include <gtest/gtest.h>

namespace tsunagu::http {
namespace {

// The public limits count an IPv6 client by its /64 (one subscriber holds
// all of it), an IPv4 one by its address, mapped or not.
TEST(AddressGroup, Ipv6ByItsSlash64Ipv4ByItself) {
  EXPECT_EQ(address_group("2001:db8:1:2::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(address_group("2001:db8:1:2::19"), "2001:db8:1:2::/64");
  EXPECT_EQ(address_group("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_NE(address_group("2001:db8:1:3::1"), address_group("2001:db8:1:2::1"));
  EXPECT_EQ(address_group("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(address_group("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_NE(address_group("192.0.2.8"), address_group("192.0.2.7"));
  EXPECT_EQ(address_group("not an address"), "not an address");
}

}  // namespace
}  // namespace tsunagu::http
