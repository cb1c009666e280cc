// The cells of a further list's row (service/survey_further_lists.cc) as
// the offices that keep such lists write them: 生年月 in 西暦 or 和暦
// (1985/4, 1985年4月1日, 平成2年3月, S60.4, R1.5, 令和元年5月), 年代 as a band
// or an age (40代, 40歳代, 40歳, 40), 性別 in one character (男, 女).
// The text is expected with full-width letters, digits and signs already
// made half-width and spaces taken out (service csv::header_key does it).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace tsunagu::domain {

// Year (西暦) and month of a birth written as above; the day, when given,
// is ignored. nullopt when it is not a date of that form, or an era's
// year it never had (平成32年, 昭和65年).
std::optional<std::pair<int, int>> birth_month_of(std::string_view text);

// The cards' age band (10代 … 60代, 70代以上, 分からない) of a cell; 不明
// is 分からない. nullopt: under 10, a band that is no decade (45代), or a
// range across bands (60歳以上).
std::optional<std::string> survey_age_band_of(std::string_view text);

// 男 → 男性, 女 → 女性, 不明 → 分からない; anything else unchanged (the
// caller checks it against the cards' genders).
std::string survey_gender_of(std::string_view text);

}  // namespace tsunagu::domain
