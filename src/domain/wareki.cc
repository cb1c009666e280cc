#include "domain/wareki.h"

#include <array>

namespace tsunagu::domain {
namespace {

// 明治 for the oldest birth dates a list may hold; 令和 runs until an end is known.
constexpr std::array<Era, 5> kEras{{
    {"令和", "R", "r", {2019, 5, 1}, {2118, 12, 31}},
    {"平成", "H", "h", {1989, 1, 8}, {2019, 4, 30}},
    {"昭和", "S", "s", {1926, 12, 25}, {1989, 1, 7}},
    {"大正", "T", "t", {1912, 7, 30}, {1926, 12, 24}},
    {"明治", "M", "m", {1868, 1, 25}, {1912, 7, 29}},
}};

bool take(std::string_view& s, std::string_view prefix) {
  if (!s.starts_with(prefix)) return false;
  s.remove_prefix(prefix.size());
  return true;
}

}  // namespace

const Era* take_era(std::string_view& text) {
  for (const auto& e : kEras)
    if (take(text, e.name) || take(text, e.letter) || take(text, e.lower)) return &e;
  return nullptr;
}

}  // namespace tsunagu::domain
