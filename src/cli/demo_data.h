// Fictional, realistic demo data (みどり県 is not a real prefecture) so that
// a newcomer sees tsunagu as a support centre would use it.
#pragma once

#include <string>
#include <vector>

#include "service/sealed_field.h"
#include "store/db.h"

namespace tsunagu::cli {

struct DemoLogin {
  std::string login, password, role_label, organisation;
};

// Loads the demo data unless it is there already; returns the logins.
// `key` seals the demo persons' contact details (service/sealed_field.h).
std::vector<DemoLogin> load_demo(store::Database& db, const service::SealKey& key);

}  // namespace tsunagu::cli
