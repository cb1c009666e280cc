// The rows of the MHLW area tables (issue 15 point 7): the prefectures by
// JIS code, the 指定都市 as a block of their own (domain/designated_city.h,
// report/mhlw_scope.h).
#include <gtest/gtest.h>

#include "domain/designated_city.h"
#include "report/mhlw_scope.h"

using namespace tsunagu;

namespace {

service::Area area(std::string id, std::optional<std::string> parent, std::string level, std::string name,
                   std::optional<std::string> code) {
  return service::Area{std::move(id), std::move(parent), std::move(level), std::move(name), std::move(code),
                       std::nullopt, 1};
}
service::Organisation org(std::string id, std::string name, std::string area_id) {
  return service::Organisation{std::move(id), std::move(name), "センター", std::nullopt, std::move(area_id), 1};
}

std::vector<std::string> labels(const report::MhlwScope& s) {
  std::vector<std::string> out;
  for (const auto& u : s.units) out.push_back(u.label + (u.designated_city ? "*" : ""));
  return out;
}

}  // namespace

TEST(DesignatedCity, TheTwentyCitiesByCodeWithOrWithoutCheckDigit) {
  EXPECT_EQ(domain::kDesignatedCities.size(), 20u);
  EXPECT_TRUE(domain::is_designated_city("municipality", std::string("011002")));  // 札幌市
  EXPECT_TRUE(domain::is_designated_city("municipality", std::string("01100")));
  EXPECT_TRUE(domain::is_designated_city("municipality", std::string("431001")));  // 熊本市
  EXPECT_TRUE(domain::is_designated_city("municipality", std::string("271403")));  // 堺市
  EXPECT_FALSE(domain::is_designated_city("municipality", std::string("012025")));  // 函館市
  EXPECT_FALSE(domain::is_designated_city("municipality", std::string("011")));
  EXPECT_FALSE(domain::is_designated_city("municipality", std::nullopt));
  // A ward (区) of a 指定都市 is not one; nor is a prefecture with such a code.
  EXPECT_FALSE(domain::is_designated_city("district", std::string("01100")));
  EXPECT_FALSE(domain::is_designated_city("prefecture", std::string("01100")));
}

TEST(MhlwRowKey, PrefecturesByCodeThenTheDesignatedCitiesThenNoCode) {
  auto k = [](std::string level, std::optional<std::string> code, std::string name) {
    return domain::mhlw_row_key(level, code, name);
  };
  EXPECT_LT(k("prefecture", "010006", "北海道"), k("prefecture", "020001", "青森県"));
  EXPECT_LT(k("prefecture", "470007", "沖縄県"), k("municipality", "011002", "札幌市"));
  EXPECT_LT(k("municipality", "011002", "札幌市"), k("municipality", "041009", "仙台市"));
  EXPECT_LT(k("prefecture", "47", "沖縄県"), k("prefecture", std::nullopt, "あ県"));
  EXPECT_LT(k("municipality", "012025", "函館市"), k("municipality", "011002", "札幌市"));
}

TEST(MhlwScope, NationalRowsFollowMhlwOrderAndLeaveTheDesignatedCitiesOutOfThePrefectures) {
  report::AreaTree tree(
      {
          area("jp", std::nullopt, "national", "全国", std::nullopt),
          area("osaka-fu", "jp", "prefecture", "大阪府", "270008"),
          area("okinawa", "jp", "prefecture", "沖縄県", "470007"),
          area("hokkaido", "jp", "prefecture", "北海道", "010006"),
          area("sakai", "osaka-fu", "municipality", "堺市", "271403"),
          area("osaka", "osaka-fu", "municipality", "大阪市", "271004"),
          area("sapporo", "hokkaido", "municipality", "札幌市", "011002"),
          area("hakodate", "hokkaido", "municipality", "函館市", "012025"),
          area("chuo", "sapporo", "district", "中央区", "01101"),
      },
      {
          org("o-hokkaido", "北海道センター", "hokkaido"),
          org("o-hakodate", "函館市ステーション", "hakodate"),
          org("o-sapporo", "札幌市センター", "sapporo"),
          org("o-chuo", "中央区ステーション", "chuo"),
          org("o-osaka", "大阪市センター", "osaka"),
      });
  auto national = tree.scope_of(*tree.find("jp"));
  EXPECT_EQ(national.kind_label, "国");
  EXPECT_EQ(labels(national), (std::vector<std::string>{"北海道", "大阪府", "沖縄県", "札幌市*", "大阪市*", "堺市*"}));
  EXPECT_EQ(national.units[0].organisation_ids, (std::vector<std::string>{"o-hakodate", "o-hokkaido"}));
  EXPECT_TRUE(national.units[1].organisation_ids.empty());
  EXPECT_EQ(national.units[3].organisation_ids, (std::vector<std::string>{"o-chuo", "o-sapporo"}));
  EXPECT_EQ(national.units[3].ref, "area:sapporo");
  // Every organisation once.
  EXPECT_EQ(report::all_ids(national).size(), 5u);

  // The prefecture: its municipalities, its own centre, then the block.
  auto hokkaido = tree.scope_of(*tree.find("hokkaido"));
  EXPECT_EQ(labels(hokkaido), (std::vector<std::string>{"函館市", "北海道センター", "札幌市*"}));
  EXPECT_EQ(hokkaido.units[1].ref, "organisation:o-hokkaido");
  // The 指定都市 itself: its wards and its own centre.
  auto sapporo = tree.scope_of(*tree.find("sapporo"));
  EXPECT_EQ(labels(sapporo), (std::vector<std::string>{"中央区", "札幌市センター"}));

  std::vector<std::string> with_orgs;
  for (const auto* a : tree.areas_with_organisations()) with_orgs.push_back(a->id);
  EXPECT_EQ(with_orgs, (std::vector<std::string>{"jp", "osaka-fu", "hokkaido", "osaka", "sapporo", "hakodate", "chuo"}));
}
