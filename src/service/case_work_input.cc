#include "service/case_work_input.h"

#include <algorithm>

#include "domain/validation.h"
#include "service/clock.h"

namespace tsunagu::service {

std::vector<std::string> read_choices(Input& in, const nlohmann::json& body, const std::string& field,
                                      const std::string& label, std::span<const std::string_view> allowed) {
  std::vector<std::string> out;
  if (!body.contains(field) || body[field].is_null()) return out;
  const auto& v = body[field];
  if (!v.is_array()) {
    in.fail(field, label + "は選択肢の配列で指定してください。");
    return out;
  }
  if (v.size() > allowed.size()) {
    in.fail(field, label + "は" + std::to_string(allowed.size()) + "個までです。");
    return out;
  }
  for (const auto& e : v) {
    if (!e.is_string()) {
      in.fail(field, label + "は文字列の配列で指定してください。");
      return {};
    }
    auto s = e.get<std::string>();
    if (std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
      in.fail(field, label + "の値「" + utf8_prefix(s, 60) + "」は選択肢にありません。");
      return {};
    }
    if (std::find(out.begin(), out.end(), s) != out.end()) {
      in.fail(field, label + "に同じ値「" + s + "」が重なっています。");
      return {};
    }
    out.push_back(s);
  }
  // Stored in the order the enumeration lists them, so that two
  // assessments with the same answers compare equal.
  std::vector<std::string> ordered;
  for (auto a : allowed)
    if (std::find(out.begin(), out.end(), a) != out.end()) ordered.emplace_back(a);
  return ordered;
}

nlohmann::json json_array_column(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_array() ? j : nlohmann::json::array();
}

}  // namespace tsunagu::service
