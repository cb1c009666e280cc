// PostgreSQL 15 implementation of the store interface (libpq), for
// deployments with several stateless app servers. Same SQL as SQLite: `?`
// placeholders are rewritten to `$n` once per statement text and cached.
#pragma once

#include <string>

#include "store/db.h"

namespace tsunagu::store {

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(std::string url);
  Dialect dialect() const override { return Dialect::postgres; }
  void backup_to(const std::string& path) override;

 protected:
  std::unique_ptr<Connection> connect() override;

 private:
  std::string url_;
};

// Rewrites `?` placeholders to `$1…$n`, leaving string literals, quoted
// identifiers and comments alone. Exposed for unit tests.
std::string rewrite_placeholders(std::string_view sql);

}  // namespace tsunagu::store
