// Objects inside a body (a list's items) are read with an Input of their
// own; their errors then belong to the outer body under "list[i].field".
// groups.cc, households.cc and group_attendance.cc still write this out by
// hand.
#pragma once

#include <string>

#include "service/input.h"

namespace tsunagu::service {

// Hands `inner`'s errors to `outer` under `prefix` + "." + field; true when
// `inner` had none.
inline bool nested_ok(Input& outer, const Input& inner, const std::string& prefix) {
  try {
    inner.check();
    return true;
  } catch (const Problem& p) {
    for (const auto& e : p.errors) outer.fail(prefix + "." + e.field, e.detail);
    return false;
  }
}

}  // namespace tsunagu::service
