#include "domain/organisation.h"

namespace tsunagu::domain {
namespace {

constexpr auto R = ActivityRequirement::kRequired;
constexpr auto O = ActivityRequirement::kOptional;
constexpr auto N = ActivityRequirement::kNotApplicable;

// Rows: activities ①…⑫. Columns: kProgramTypeValues order
// (都道府県センター, サテライト, 市町村センター, ステーション, サポート事業).
// Transcribed from PRODUCT.md / seed 004; the test spot-checks every row.
constexpr std::array<std::array<ActivityRequirement, 5>, 12> kMatrix{{
    {R, R, R, R, O},  // ① 相談支援
    {R, R, R, R, O},  // ② 居場所づくり
    {R, O, R, R, O},  // ③ 連絡協議会・ネットワークづくり
    {R, O, R, O, O},  // ④ 当事者会・家族会の開催
    {R, O, R, O, O},  // ⑤ 住民向け講演会・研修会の開催
    {O, O, O, O, O},  // ⑥ サポーター派遣・養成
    {O, O, O, O, O},  // ⑦ 民間団体との連携
    {O, O, O, O, O},  // ⑧ 実態把握調査
    {O, O, O, O, N},  // ⑨ 専門職の配置
    {R, N, O, O, N},  // ⑩ 支援体制の充実
    {R, N, O, N, N},  // ⑪ 支援者養成
    {R, O, N, N, N},  // ⑫ 自治体支援
}};

}  // namespace

std::string_view symbol(ActivityRequirement requirement) {
  switch (requirement) {
    case ActivityRequirement::kRequired:
      return "◎";
    case ActivityRequirement::kOptional:
      return "○";
    case ActivityRequirement::kNotApplicable:
      return "–";
  }
  return {};
}

std::optional<ActivityRequirement> activity_requirement(
    std::string_view program_type, std::string_view activity) {
  auto column = kProgramType.index_of(program_type);
  auto row = kProgramActivity.index_of(activity);
  if (!column || !row) return std::nullopt;
  return kMatrix[*row][*column];
}

}  // namespace tsunagu::domain
