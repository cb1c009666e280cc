// The contact-details key for a database, checked against it.
//
// Each server reads the key from a file (service/sealed_field.h). A server
// started from another directory, or with a mistyped --key-file, used to
// create a new key without a word: what it sealed was unreadable to the
// other servers, and it could not read theirs. Now a key is created only
// for a database that has no sealed value yet, and a server refuses to
// start with a key that does not open the sealed values it finds.
#pragma once

#include <string>

#include "service/sealed_field.h"
#include "store/db.h"

namespace tsunagu::service {

// Loads the key at `path` (creating it only when the database holds no
// sealed value). Throws std::runtime_error with a Japanese message naming
// the path when the file is missing for a database that needs it, or when
// the key does not open the database's sealed values.
SealKey key_for_database(store::Database& db, const std::string& path);

}  // namespace tsunagu::service
