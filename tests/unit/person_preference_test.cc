#include "domain/person_preference.h"
#include "domain/person.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

TEST(PersonPreference, DispatchWishesComeFromTheRecordedPreferences) {
  std::vector<std::string> prefs{"手紙がよい", "同性の支援者を希望", "ピアサポーター（経験者）を希望"};
  auto w = dispatch_wishes_of(prefs);
  EXPECT_TRUE(w.same_sex);
  EXPECT_FALSE(w.same_generation);
  EXPECT_TRUE(w.peer);
  std::vector<std::string> none{"同性", "unknown"};
  auto n = dispatch_wishes_of(none);
  EXPECT_FALSE(n.same_sex || n.same_generation || n.peer);
}

TEST(PersonPreference, GenderIncludesDecliningToAnswer) {
  EXPECT_TRUE(kSex.contains("回答しない"));
  EXPECT_NE(kSex.index_of("回答しない"), kSex.index_of("不明"));
}

}  // namespace
}  // namespace tsunagu::domain
