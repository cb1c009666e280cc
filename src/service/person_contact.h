// A person's contact details with their wishes about being contacted (issue
// 15 point 1), and their wishes about support.
//
// The contact object is sealed at rest as one value (service/sealed_field.h):
// {phone, phone_callback, phone_may_identify, email, email_callback,
//  family_may_know, preferred_method, address}. The wishes belong inside it
// because they are about the same numbers: whether we may call back, whether
// we may say who we are to whoever answers, whether family may come to know
// of the contact. A flag is true (可), false (不可) or absent (まだ聞いて
// いない); a flag needs its phone or email, so that no wish floats without
// the number it is about.
//
// The wishes about support (domain::kSupportPreference) are a list kept in
// enumeration order; 配慮してほしいこと is free text beside it.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/input.h"
#include "service/problem.h"

namespace tsunagu::service {

// The contact object of `body["contact"]` validated: an object with only the
// keys above (null when nothing is given). Field errors go to `in` as
// contact.<key>.
nlohmann::json read_contact(Input& in, const nlohmann::json& body);

// The list at `body["preferences"]` (missing or null: empty), duplicates
// removed, in the order of domain::kSupportPreference. Errors go to `in`.
std::vector<std::string> read_preferences(Input& in, const nlohmann::json& body);

// The stored form of the list (NULL when empty) and back.
std::optional<std::string> preferences_text(const std::vector<std::string>& preferences);
std::vector<std::string> preferences_of(const std::optional<std::string>& stored);

}  // namespace tsunagu::service
