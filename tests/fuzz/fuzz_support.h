// What every fuzz target checks of a refusal, and how a target says that a
// property does not hold: the product answers a Problem, and that answer
// must be one the screen can show (valid UTF-8 throughout, a field named,
// a Japanese message) and one the dispatcher can write.
#pragma once

#include <cstdio>
#include <cstdlib>

#include "http/dispatcher.h"
#include "http/url_path.h"
#include "service/problem.h"

namespace tsunagu::fuzz {

// Stops the run with a message: libFuzzer saves the input as a crash.
[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz property violated: %s\n", what);
  std::abort();
}

inline void expect(bool ok, const char* what) {
  if (!ok) fail(what);
}

inline void check_problem(const service::Problem& p) {
  expect(p.status >= 400 && p.status < 600, "a problem has an error status");
  expect(!p.code.empty() && http::valid_utf8(p.detail), "a problem has a code and readable detail");
  for (const auto& e : p.errors) {
    expect(!e.field.empty(), "a field error names its field");
    expect(http::valid_utf8(e.field), "a field error's field is valid UTF-8");
    expect(http::valid_utf8(e.detail), "a field error's message is valid UTF-8");
  }
  auto r = http::problem_response(p);
  expect(r.status == p.status && !r.body.empty(), "the problem is written as problem+json");
  expect(http::valid_utf8(r.body), "the problem+json body is valid UTF-8");
}

}  // namespace tsunagu::fuzz
