#include "domain/designated_city.h"

#include <algorithm>

namespace tsunagu::domain {

bool is_designated_city(std::string_view level, const std::optional<std::string>& code) {
  if (level != "municipality" || !code) return false;
  if (code->size() != 5 && code->size() != 6) return false;
  std::string_view five = std::string_view(*code).substr(0, 5);
  return std::any_of(kDesignatedCities.begin(), kDesignatedCities.end(),
                     [&](const DesignatedCity& c) { return c.code == five; });
}

MhlwRowKey mhlw_row_key(std::string_view level, const std::optional<std::string>& code, std::string_view name) {
  MhlwRowKey k;
  k.designated_city = is_designated_city(level, code);
  k.no_code = !code || code->empty();
  if (code) k.code = *code;
  k.name = std::string(name);
  return k;
}

}  // namespace tsunagu::domain
