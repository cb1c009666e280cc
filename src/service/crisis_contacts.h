// The crisis contacts a person sees at once when their message speaks of
// dying or of danger (issue 19 point 4), and on the portal. Configured per
// deployment (`tsunagu serve --crisis-contacts FILE`, a JSON array of
// {name, phone?, hours?, note?}); without it, the national lines below.
// Check them before going live: numbers and hours change
// (docs/operations/public-side.md).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace tsunagu::service {

nlohmann::json default_crisis_contacts();

// Reads and checks a deployment's file: a non-empty array of objects, each
// with a name (≤ 100 characters) and at most phone, hours, note (≤ 300).
// Throws std::runtime_error with a Japanese message for the operator.
nlohmann::json load_crisis_contacts(const std::string& path);

}  // namespace tsunagu::service
