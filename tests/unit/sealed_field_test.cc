#include "service/sealed_field.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "service/secrets.h"

namespace tsunagu::service {
namespace {

class SealedFieldTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init_crypto();
    dir_ = std::filesystem::temp_directory_path() / ("tsunagu-key-" + random_id());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(SealedFieldTest, RoundTripsAndUsesAFreshNonceEachTime) {
  auto key = load_or_create_key((dir_ / "k.key").string());
  std::string phone = "090-1234-5678";
  auto a = seal(key, phone), b = seal(key, phone);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find(phone), std::string::npos);
  EXPECT_EQ(unseal(key, a), phone);
  EXPECT_EQ(unseal(key, b), phone);
  EXPECT_EQ(unseal(key, seal(key, "")), "");
}

TEST_F(SealedFieldTest, KeyFileIsCreatedOnceWithMode0600AndReused) {
  auto path = (dir_ / "sub" / "k.key").string();
  auto k1 = load_or_create_key(path);
  struct stat st{};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_EQ(st.st_size, 32);
  auto k2 = load_or_create_key(path);
  EXPECT_EQ(k1.bytes, k2.bytes);
  EXPECT_EQ(unseal(k2, seal(k1, "住所")), "住所");
}

TEST_F(SealedFieldTest, RefusesTamperedValuesAndOtherKeys) {
  auto k1 = load_or_create_key((dir_ / "a.key").string());
  auto k2 = load_or_create_key((dir_ / "b.key").string());
  EXPECT_NE(k1.bytes, k2.bytes);
  auto sealed = seal(k1, "090-1234-5678");
  EXPECT_EQ(unseal(k2, sealed), std::nullopt);
  std::string tampered = sealed;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(unseal(k1, tampered), std::nullopt);
  EXPECT_EQ(unseal(k1, "not base64 !!"), std::nullopt);
  EXPECT_EQ(unseal(k1, "AAAA"), std::nullopt);
}

TEST_F(SealedFieldTest, RefusesAKeyFileOfTheWrongLength) {
  std::filesystem::create_directories(dir_);
  auto path = (dir_ / "short.key").string();
  std::ofstream(path) << "too short";
  EXPECT_THROW(load_or_create_key(path), std::runtime_error);
}

TEST(DefaultKeyPath, SitsNextToTheSqliteFileOrUnderVar) {
  EXPECT_EQ(default_key_path("sqlite:var/tsunagu.sqlite"), "var/tsunagu.sqlite.key");
  EXPECT_EQ(default_key_path("sqlite:/tmp/x/db.sqlite"), "/tmp/x/db.sqlite.key");
  EXPECT_EQ(default_key_path("postgresql:///tsunagu?host=/run"), "var/tsunagu.key");
}

}  // namespace
}  // namespace tsunagu::service
