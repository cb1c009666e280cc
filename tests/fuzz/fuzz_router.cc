// The request target's path as the server reads it: http::decode_path
// over the raw bytes (strict percent-decoding, UTF-8 and control checks),
// then the product's route table (http::build_router) matching it under a
// method chosen by the first byte. Also: percent-encoding any bytes and
// decoding them gives the same bytes back.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "http/router.h"

using namespace tsunagu;

namespace {

const char* const kMethods[] = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "BREW"};

void check_round_trip(std::string_view bytes) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : bytes) {
    encoded += '%';
    encoded += kHex[c >> 4];
    encoded += kHex[c & 15];
  }
  auto decoded = http::percent_decode(encoded);
  fuzz::expect(decoded && *decoded == bytes, "percent-decoding undoes percent-encoding");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const http::Router router = http::build_router();
  if (size == 0) return 0;
  std::string_view raw(reinterpret_cast<const char*>(data) + 1, size - 1);
  check_round_trip(raw);
  auto path = http::decode_path(raw);
  if (!path) return 0;  // 400 malformed_url before routing
  fuzz::expect(!path->empty() && path->front() == '/', "a decoded path starts with '/'");
  fuzz::expect(http::valid_utf8(*path), "a decoded path is valid UTF-8");
  for (unsigned char c : *path) fuzz::expect(c >= 0x20 && c != 0x7f && c != '\\', "a decoded path is clean");

  http::Request req;
  req.method = kMethods[data[0] % std::size(kMethods)];
  req.path = *path;
  bool method_not_allowed = false;
  const http::Route* route = router.match(req, method_not_allowed);
  if (!route) return 0;
  fuzz::expect(route->method == (req.method == "HEAD" ? std::string("GET") : req.method),
               "a route matched has the request's method");
  for (const auto& [name, value] : req.params) {
    fuzz::expect(!value.empty() && value.size() <= 64, "a path parameter is 1 to 64 bytes");
    fuzz::expect(value.find('/') == std::string::npos, "a path parameter is one segment");
    fuzz::expect(route->pattern.find(":" + name) != std::string::npos, "a parameter is named by the pattern");
  }
  return 0;
}
