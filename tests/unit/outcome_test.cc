#include "domain/outcome.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

using H = std::vector<std::pair<std::int64_t, std::int64_t>>;

TEST(Outcome, MovementUsesThePlanVocabulary) {
  EXPECT_EQ(movement(1, 2), ProgressDirection::kForward);
  EXPECT_EQ(movement(2, 2), ProgressDirection::kSame);
  EXPECT_EQ(movement(3, 2), ProgressDirection::kBackForNow);
  EXPECT_EQ(direction_label(movement(3, 2)), "一時的に戻る");
}

TEST(Outcome, OutingMovementSmallerPositionIsGoingOutMore) {
  EXPECT_EQ(outing_movement(7, 5), ProgressDirection::kForward);
  EXPECT_EQ(outing_movement(5, 7), ProgressDirection::kBackForNow);
  EXPECT_EQ(outing_movement(0, 0), ProgressDirection::kSame);
  EXPECT_FALSE(outing_movement(-1, 0).has_value());
  EXPECT_FALSE(outing_movement(0, 8).has_value());
}

TEST(Outcome, MedianOfEmptyHistogramIsNone) {
  EXPECT_FALSE(median_from_histogram({}).has_value());
  EXPECT_FALSE(median_from_histogram(H{{5, 0}}).has_value());
}

TEST(Outcome, MedianOddEvenAndUnsorted) {
  EXPECT_EQ(median_from_histogram(H{{7, 1}}), 7.0);
  // 1, 3, 10 → 3
  EXPECT_EQ(median_from_histogram(H{{10, 1}, {1, 1}, {3, 1}}), 3.0);
  // 1, 3 → 2
  EXPECT_EQ(median_from_histogram(H{{3, 1}, {1, 1}}), 2.0);
  // 0, 0, 0, 14 → 0; 0, 14 → 7
  EXPECT_EQ(median_from_histogram(H{{0, 3}, {14, 1}}), 0.0);
  EXPECT_EQ(median_from_histogram(H{{0, 1}, {14, 1}}), 7.0);
  // Middle pair straddles two buckets: 2,2,5,5 → 3.5
  EXPECT_EQ(median_from_histogram(H{{2, 2}, {5, 2}}), 3.5);
  // Negative counts ignored.
  EXPECT_EQ(median_from_histogram(H{{2, 1}, {9, -4}}), 2.0);
}

}  // namespace
}  // namespace tsunagu::domain
