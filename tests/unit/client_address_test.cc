#include "http/client_address.h"

#include <gtest/gtest.h>

namespace tsunagu::http {
namespace {

std::vector<Network> nets(std::initializer_list<const char*> texts) {
  std::vector<Network> out;
  for (const char* t : texts) out.push_back(*Network::parse(t));
  return out;
}

TEST(ClientAddress, WithoutTrustedProxiesTheHeaderIsIgnored) {
  EXPECT_EQ(client_address("10.0.0.5", "203.0.113.9", {}), "10.0.0.5");
}

TEST(ClientAddress, FromAnUntrustedPeerTheHeaderIsIgnored) {
  EXPECT_EQ(client_address("198.51.100.1", "203.0.113.9", nets({"10.0.0.0/8"})), "198.51.100.1");
}

TEST(ClientAddress, RightmostUntrustedHop) {
  auto t = nets({"10.0.0.0/8", "127.0.0.1"});
  // The client forged the first entry; nginx appended the real address.
  EXPECT_EQ(client_address("127.0.0.1", "1.2.3.4, 203.0.113.9", t), "203.0.113.9");
  // Two proxies of ours.
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.9, 10.1.2.3", t), "203.0.113.9");
  // Every hop ours: the farthest one.
  EXPECT_EQ(client_address("127.0.0.1", "10.9.9.9, 10.1.2.3", t), "10.9.9.9");
  // Garbage where a proxy of ours should have written: the nearest we trust.
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.9, not-an-address", t), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "", t), "127.0.0.1");
}

TEST(ClientAddress, MappedAndIpv6) {
  auto t = nets({"127.0.0.1/32", "fd00::/8"});
  EXPECT_EQ(client_address("::ffff:127.0.0.1", "203.0.113.9", t), "203.0.113.9");
  EXPECT_EQ(client_address("fd00::1", "2001:db8::7", t), "2001:db8::7");
  EXPECT_EQ(client_address("::ffff:10.0.0.1", "", {}), "10.0.0.1");
}

TEST(Network, ParsesAndRefuses) {
  EXPECT_TRUE(Network::parse("10.0.0.0/8"));
  EXPECT_TRUE(Network::parse("::1"));
  EXPECT_TRUE(Network::parse("fd00::/8"));
  EXPECT_FALSE(Network::parse("10.0.0.0/33"));
  EXPECT_FALSE(Network::parse("10.0.0.0/"));
  EXPECT_FALSE(Network::parse("example.org"));
  EXPECT_FALSE(Network::parse("10.0.0.0/8x"));
  auto n = *Network::parse("192.168.4.0/22");
  EXPECT_TRUE(n.contains(*parse_ip("192.168.7.255")));
  EXPECT_FALSE(n.contains(*parse_ip("192.168.8.0")));
}

}  // namespace
}  // namespace tsunagu::http
