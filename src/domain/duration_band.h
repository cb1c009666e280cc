// 期間: how long the current outing state has lasted, in the eight bands of
// the Cabinet Office survey (seed 004). Survey cards record only the band;
// assessments record a since-date, from which the band is derived.
//
// Duration is data, never a gate for support (PRODUCT.md principle 1).
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "domain/date.h"
#include "domain/enumeration.h"

namespace tsunagu::domain {

inline constexpr std::array<std::string_view, 8> kDurationBandValues{
    "6か月未満",    "6か月～1年未満", "1年～2年未満",  "2年～3年未満",
    "3年～5年未満", "5年～7年未満",   "7年～10年未満", "10年以上"};
inline constexpr EnumSpec kDurationBand{"duration_band", "期間",
                                        kDurationBandValues};

// Band for a number of full months (negative counts as 0).
std::string_view duration_band_for_months(int full_months);

// Band for a state that began on `since`, seen on `on`, with months counted
// as in full_months_between (31 Aug → 28/29 Feb is six months).
// nullopt if `on` is before `since`.
std::optional<std::string_view> duration_band_between(const Date& since,
                                                      const Date& on);

// True for every band from 6か月～1年未満 up; false for 6か月未満; nullopt
// for a value that is not a band.
std::optional<bool> band_is_six_months_or_more(std::string_view band);

}  // namespace tsunagu::domain
