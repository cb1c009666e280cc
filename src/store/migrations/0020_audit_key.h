// The heads of both audit logs get the two columns of a keyed chain
// (service/audit_chain.h): `keyed_from`, the first seq whose hash is a MAC
// with the audit key (NULL until the first start with a key), and `mac`,
// the head's own MAC over (seq, hash, keyed_from). Nothing is computed
// here: the key is outside the database, and the first start that has it
// keys the chains (service/audit_seal.h).
//
// The reads log's head is in the attached file on SQLite. A transaction
// across two attached WAL files is not atomic across them (migration 0016),
// so after a crash the reads file may have its columns while this migration
// is not recorded; SQLite has no ADD COLUMN IF NOT EXISTS, so `then` looks
// first. PostgreSQL has one, and one transaction anyway.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline void m0020_reads_head_columns(Connection& c) {
  if (c.dialect() != Dialect::sqlite) return;
  if (c.query_one("SELECT 1 FROM pragma_table_info('audit_head', 'reads') WHERE name = 'keyed_from'")) return;
  c.execute_script("ALTER TABLE reads.audit_head ADD COLUMN keyed_from BIGINT; "
                   "ALTER TABLE reads.audit_head ADD COLUMN mac TEXT;");
}

inline constexpr Migration m0020_audit_key{20, "audit_key",
                                           R"SQL(
ALTER TABLE audit_head ADD COLUMN keyed_from BIGINT;
ALTER TABLE audit_head ADD COLUMN mac TEXT;
)SQL",
                                           "",
                                           R"SQL(
ALTER TABLE reads.audit_head ADD COLUMN IF NOT EXISTS keyed_from BIGINT;
ALTER TABLE reads.audit_head ADD COLUMN IF NOT EXISTS mac TEXT;
)SQL",
                                           m0020_reads_head_columns};

}  // namespace tsunagu::store::migrations
