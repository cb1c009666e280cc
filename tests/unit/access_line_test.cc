// The access line is built without a JSON object (it is written for every
// request); it must be the very line the JSON writer gives for the same
// fields, whatever a path or a login holds: quotes, backslashes, newlines
// (which could otherwise end the line and forge the next), control
// characters, Japanese, invalid UTF-8.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service/log_event.h"

namespace tsunagu::service {
namespace {

std::string by_the_writer(const std::string& method, const std::string& path, int status, std::int64_t us,
                          const std::string& client, const std::string& user) {
  nlohmann::json fields = {{"event", "access"}, {"method", method}, {"path", path}, {"status", status},
                           {"us", us},          {"client", client}, {"user", user}};
  fields["level"] = "info";
  return log_line(fields);
}

TEST(AccessLine, TheSameLineAsTheJsonWriter) {
  const std::vector<std::string> texts = {
      "",
      "/api/v1/cases/abc123",
      "/api/v1/cases/\"},{\"event\":\"access\",\"user\":\"admin",
      "/a\\b",
      "/line\nbreak\r\n{\"event\":\"forged\"}",
      std::string("/nul\0byte", 9),
      "/\x01\x1f\x7f",
      "/\t\b\f",
      "/相談/ひきこもり",
      "/\xff\xfe invalid",
      "/\xe3\x81 cut short",
      "2001:db8::1",
      "鈴木",
  };
  for (const auto& t : texts) {
    EXPECT_EQ(access_line("GET", t, 200, 1234, "127.0.0.1", "u1"), by_the_writer("GET", t, 200, 1234, "127.0.0.1", "u1"))
        << t;
    EXPECT_EQ(access_line(t, "/", 404, 0, t, t), by_the_writer(t, "/", 404, 0, t, t)) << t;
  }
  EXPECT_EQ(access_line("HEAD", "/healthz", 503, 9223372036854775807LL, "", ""),
            by_the_writer("HEAD", "/healthz", 503, 9223372036854775807LL, "", ""));
  EXPECT_EQ(access_line("GET", "/x\ny", 200, 1, "", "").find('\n'), std::string::npos) << "one line, always";
}

}  // namespace
}  // namespace tsunagu::service
