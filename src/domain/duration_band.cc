#include "domain/duration_band.h"

namespace tsunagu::domain {

std::string_view duration_band_for_months(int full_months) {
  // Upper bounds (exclusive) in months of the first seven bands.
  static constexpr int kBounds[7] = {6, 12, 24, 36, 60, 84, 120};
  for (std::size_t i = 0; i < 7; ++i) {
    if (full_months < kBounds[i]) return kDurationBandValues[i];
  }
  return kDurationBandValues[7];
}

std::optional<std::string_view> duration_band_between(const Date& since,
                                                      const Date& on) {
  if (on < since) return std::nullopt;
  return duration_band_for_months(full_months_between(since, on));
}

std::optional<bool> band_is_six_months_or_more(std::string_view band) {
  auto index = kDurationBand.index_of(band);
  if (!index) return std::nullopt;
  return *index > 0;
}

}  // namespace tsunagu::domain
