#include "domain/age_band.h"

namespace tsunagu::domain {

std::optional<int> age_on(const Date& birth, const Date& on) {
  if (on < birth) return std::nullopt;
  int age = on.y - birth.y;
  if (on.m < birth.m || (on.m == birth.m && on.d < birth.d)) --age;
  return age;
}

std::string_view person_age_band_for_age(int age) {
  if (age < 10) return kPersonAgeBandValues[0];
  if (age >= 90) return "90代以上";
  return kPersonAgeBandValues[static_cast<std::size_t>(age / 10)];
}

std::string_view mhlw_age_band_for_age(int age) {
  if (age < 20) return "〜10代";
  if (age < 30) return "20代";
  if (age < 40) return "30代";
  if (age < 50) return "40代";
  return "50代〜";
}

std::string_view mhlw_age_band(const std::optional<Date>& birth,
                               std::optional<std::string_view> stored_band,
                               const Date& on) {
  if (birth) {
    if (auto age = age_on(*birth, on)) return mhlw_age_band_for_age(*age);
  }
  if (!stored_band) return kAgeUnknown;
  const std::string_view band = *stored_band;
  if (kMhlwAgeBand.contains(band)) return band;
  if (band == "10歳未満" || band == "10代") return "〜10代";
  if (band == "20代" || band == "30代" || band == "40代") return band;
  if (band == "50代" || band == "60代" || band == "70代" || band == "80代" ||
      band == "90代以上") {
    return "50代〜";
  }
  return kAgeUnknown;
}

}  // namespace tsunagu::domain
