// The ordered list of migrations. Add a new file per migration
// (NNNN_name.h defining one inline Migration) and append it here; never edit
// a migration that has been released.
#pragma once

#include <vector>

#include "store/migrations.h"
#include "store/migrations/0001_foundation.h"
#include "store/migrations/0002_case_work.h"

namespace tsunagu::store::migrations {

inline std::vector<Migration> list() {
  return {
      m0001_foundation,
      m0002_case_work,
  };
}

}  // namespace tsunagu::store::migrations
