// When log lines reach stdout (service/log_flush_deferral.h). stdout is
// pointed at a file for each test, and what has been flushed is read back
// from the file, so a line still in stdio's buffer does not count.
#include "service/log_flush_deferral.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "service/log_event.h"

namespace tsunagu::service {
namespace {

class LogFlushDeferralTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::fflush(stdout);
    saved_ = ::dup(STDOUT_FILENO);
    int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ASSERT_GE(fd, 0);
    ::dup2(fd, STDOUT_FILENO);
    ::close(fd);
    // As under systemd (a pipe to journald): fully buffered, even when the
    // tests run in a terminal, where stdout would be line buffered.
    std::setvbuf(stdout, nullptr, _IOFBF, 1 << 16);
    use_stdout_log();
  }
  void TearDown() override {
    std::fflush(stdout);
    ::dup2(saved_, STDOUT_FILENO);
    ::close(saved_);
    std::filesystem::remove(path_);
  }
  // What has reached the file (not what waits in stdout's buffer).
  std::string written() {
    std::ifstream in(path_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::string path_ = (std::filesystem::temp_directory_path() / ("tsunagu_log_" + std::to_string(::getpid()))).string();
  int saved_ = -1;
};

TEST_F(LogFlushDeferralTest, ALineIsWrittenAtOnceOutsideADeferral) {
  log_info({{"event", "one"}});
  EXPECT_NE(written().find("\"event\":\"one\""), std::string::npos);
}

TEST_F(LogFlushDeferralTest, LinesInADeferralGoOutTogetherWhenItEnds) {
  {
    LogFlushDeferral together;
    log_info({{"event", "first"}});
    log_info({{"event", "second"}});
    {
      LogFlushDeferral inner;  // nested: only the outer one flushes
    }
    EXPECT_EQ(written(), "") << "nothing before the deferral ends";
  }
  std::string all = written();
  auto first = all.find("\"event\":\"first\""), second = all.find("\"event\":\"second\"");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, second);
}

TEST_F(LogFlushDeferralTest, AWarningInADeferralIsWrittenAtOnceWithWhatCameBefore) {
  LogFlushDeferral together;
  log_info({{"event", "before"}});
  log_error({{"event", "broken"}});
  std::string all = written();
  EXPECT_NE(all.find("\"event\":\"before\""), std::string::npos);
  EXPECT_NE(all.find("\"event\":\"broken\""), std::string::npos);
}

TEST_F(LogFlushDeferralTest, AnotherThreadsLineIsNotDeferred) {
  LogFlushDeferral together;
  std::thread([] { log_info({{"event", "elsewhere"}}); }).join();
  EXPECT_NE(written().find("\"event\":\"elsewhere\""), std::string::npos);
}

}  // namespace
}  // namespace tsunagu::service
