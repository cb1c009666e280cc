// A hash that takes as long to check as a real one. Checked when there is
// nothing to check against — an unknown login (service/sessions.cc), an
// unknown consultation number (service/public_consultation.cc) — so that
// such an answer takes the time of a real one and says nothing about what
// exists.
#pragma once

#include <string>

namespace tsunagu::service {

const std::string& timing_dummy_hash();

}  // namespace tsunagu::service
