// Age in full years and the age bands of the MHLW annual report.
//
// Age on a date. 年齢計算ニ関スル法律 counts age from the day of birth with
// 民法第143条: a year of age is completed at the end of the day before the
// birthday. We return the age *during* the given day, i.e. completed by its
// start: on the birthday itself the person has the new age (the everyday
// reading, and the one the MHLW tables assume for "age at first contact").
// For a birth on 29 February the law completes the year at the end of
// 28 February in every year (in a non-leap year there is no 29 February, so
// the period ends on the last day of February); with our "during the day"
// reading that person is therefore one year older from 1 March in non-leap
// years and from 29 February in leap years. The simple comparison of
// (month, day) gives exactly this, and the tests pin it.
//
// Bands. 相談実人数 is counted by age at the person's first contact of the
// fiscal year, in the bands 〜10代, 20代, 30代, 40代, 50代〜, 年齢不明. A
// person may have no birth date but only a stored decade band ("40代",
// chosen at intake or from a survey card); that band is used as recorded —
// we do not age it, because we do not know where in the decade the person was.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "domain/date.h"
#include "domain/enumeration.h"

namespace tsunagu::domain {

inline constexpr std::string_view kAgeUnknown = "年齢不明";

inline constexpr std::array<std::string_view, 6> kMhlwAgeBandValues{
    "〜10代", "20代", "30代", "40代", "50代〜", kAgeUnknown};
inline constexpr EnumSpec kMhlwAgeBand{"mhlw_age_band", "年代（相談実人数）",
                                       kMhlwAgeBandValues};

// Bands a person record may hold instead of a birth date. Finer than the
// MHLW bands so that other reports (8050 households, survey cards) work.
inline constexpr std::array<std::string_view, 11> kPersonAgeBandValues{
    "10歳未満", "10代", "20代", "30代", "40代",     "50代",
    "60代",     "70代", "80代", "90代以上", "不明"};
inline constexpr EnumSpec kPersonAgeBand{"person_age_band", "年代",
                                         kPersonAgeBandValues};

// Age in full years during day `on`; nullopt if `on` is before `birth`.
// Preconditions: both dates valid.
std::optional<int> age_on(const Date& birth, const Date& on);

// The person band ("10歳未満", "10代", …, "90代以上") for an age >= 0.
std::string_view person_age_band_for_age(int age);

// The MHLW band for an age >= 0 ("〜10代" below 20, "50代〜" from 50).
std::string_view mhlw_age_band_for_age(int age);

// The MHLW band for a person at date `on` (normally their first contact of
// the fiscal year). The birth date wins when present and not after `on`;
// otherwise `stored_band` is mapped (a kPersonAgeBand value, or an MHLW band
// value itself, e.g. from an import); anything else gives 年齢不明.
std::string_view mhlw_age_band(const std::optional<Date>& birth,
                               std::optional<std::string_view> stored_band,
                               const Date& on);

}  // namespace tsunagu::domain
