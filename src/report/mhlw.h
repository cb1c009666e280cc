// The MHLW annual figures as report tables, laid out like the national
// tables of seed 004 (令和3年度 ひきこもり地域支援センター 相談実績), with
// MHLW's titles, first header cells and notes:
//   令和N年度相談件数   合計 | 電話 | メール | SNS | 来所 | その他（訪問等）
//   令和N年度相談実人数 合計 | 〜10代 | 20代 | 30代 | 40代 | 50代〜 | 年齢不明
//   ひきこもり地域支援センター 自治体別相談件数（令和N年度）
//                       one row per area (or organisation) under the scope, 合計
//   … 自治体別相談実人数（令和N年度）  likewise, person counts
//   … 関係機関へのつなぎ件数（令和N年度）  件数 and 率 over the 21 categories, 総計
//   … 自治体別関係機関へのつなぎ件数（令和N年度）  one row per area, 総計
// Which organisations make up each row is decided by report/mhlw_scope.h;
// which person cells are hidden by report/mhlw_suppression.h; here only the
// arithmetic and the layout.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "report/mhlw_query.h"
#include "report/mhlw_scope.h"
#include "report/mhlw_suppression.h"
#include "report/table.h"

namespace tsunagu::report {

// The notes MHLW prints under its tables (seed 004), verbatim.
inline constexpr std::string_view kSnsNote = "※SNSによる相談件数は令和2年度から集計";
inline constexpr std::string_view kReferralNote1 =
    "※1 根拠法(障害者総合支援法、障害者雇用促進法)に分けてそれぞれ整理 ・ 障害者総合支援法: "
    "就労継続支援B型、グループホーム、地域活動支援センター等 ・ 障害者雇用促進法: "
    "障害者職業センター、障害者就労・生活支援センター等";
inline constexpr std::string_view kReferralNote2 =
    "※2 その他機関の例… 警察署、訪問看護ステーション、法テラス、弁護士、社会保険労務士、フリースペース、"
    "ジョブカフェ、フリースクール、通信制高校、民間カウンセリング機関、国際交流センター、消費生活支援センター等";

// All six tables for `fiscal_year`. With `suppression`, the person cells it
// hides are hidden (both 実人数 tables alike); without, nothing is.
std::vector<Table> mhlw_tables(int fiscal_year, const MhlwScope& scope,
                               const std::map<std::string, MhlwCounts>& counts, const MhlwSuppression* suppression);

}  // namespace tsunagu::report
