// The schema that holds the log of read audit entries on PostgreSQL
// (0016 creates its tables). On SQLite `reads` is a file attached to every
// connection (store/sqlite/sqlite_database.h), so there is nothing to do.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0015_read_audit_schema{15, "read_audit_schema", "", "",
                                                   "CREATE SCHEMA IF NOT EXISTS reads;"};

}  // namespace tsunagu::store::migrations
