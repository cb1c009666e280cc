#include "service/timing_dummy_hash.h"

#include "service/secrets.h"

namespace tsunagu::service {

const std::string& timing_dummy_hash() {
  // Made once, on first use (a static is initialised thread-safely).
  static const std::string h = hash_password("tsunagu-timing-equaliser");
  return h;
}

}  // namespace tsunagu::service
