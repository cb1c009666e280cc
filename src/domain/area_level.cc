#include "domain/area_level.h"

namespace tsunagu::domain {

std::string_view parent_level_of(std::string_view level) {
  if (level == "prefecture") return "national";
  if (level == "municipality") return "prefecture";
  if (level == "district") return "municipality";
  return "";
}

}  // namespace tsunagu::domain
