// A request body as the routes read it: arbitrary bytes through
// http::parse_json_body (what RouteContext::body() calls), then every
// reader of service::Input and read_choices over each field the body has
// and over the fields the API's screens send, the way the services call
// them. A refusal must be a Problem the screen can show; anything else
// that escapes (an exception, a crash, undefined behaviour) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/assessment.h"
#include "domain/case_attributes.h"
#include "domain/contact.h"
#include "fuzz_support.h"
#include "http/router.h"
#include "service/case_work_input.h"
#include "service/input.h"

using namespace tsunagu;

namespace {

// Fields of real requests (tests/api), so that a seed's values meet the
// readers the product applies to them.
const char* const kKnownFields[] = {"title",      "intake_route", "caller_relation", "subject_awareness",
                                    "opened_on",  "subject_person_id", "name",     "furigana",
                                    "birth_date", "note",         "channel",         "contacted_on",
                                    "minutes",    "next_step",    "outing_level",    "outing_since",
                                    "triggers",   "life_difficulties", "employed",   "version",
                                    "login",      "password",     "counterpart",     "status"};

void read_every_way(const nlohmann::json& body, const std::string& field) {
  service::Input in(body);
  (void)in.has(field);
  (void)in.present(field);
  (void)in.text(field, "ケース名", {.required = true, .max = 100});
  (void)in.opt_text(field, "記録", {.required = false, .max = 4000, .min = 2, .multiline = true});
  (void)in.choice(field, "相談経路", domain::kIntakeRoute.values, true);
  (void)in.choice(field, "相談方法", domain::kContactChannel.values, false);
  (void)in.integer(field, "時間（分）", false, 0, 24 * 60);
  (void)in.integer(field, "版", true, 1, INT64_MAX);
  (void)in.boolean(field, "就業している", false);
  (void)in.date(field, "生年月日", {.required = false, .not_future = true, .min_year = 1900});
  (void)in.day_text(field, "予定日", {.required = true, .not_future = false});
  (void)in.past_day_or_today(field, "受付日", false);
  (void)service::read_choices(in, body, field, "生活上の困難", domain::kLifeDifficulty.values);
  try {
    in.check();
  } catch (const service::Problem& p) {
    fuzz::check_problem(p);
    fuzz::expect(p.status == 400 && p.code == "validation_failed" && !p.errors.empty(),
                 "a reader's refusal is 400 validation_failed with the fields");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  http::Request req;
  req.method = "POST";
  req.path = "/api/v1/cases";
  req.headers["content-type"] = "application/json; charset=utf-8";
  req.body.assign(reinterpret_cast<const char*>(data), size);
  nlohmann::json body;
  try {
    body = http::parse_json_body(req);
  } catch (const service::Problem& p) {
    fuzz::check_problem(p);
    fuzz::expect(p.code == "malformed_json", "an unreadable body is malformed_json");
    return 0;
  }
  fuzz::expect(body.is_object(), "a body that parses is an object");
  std::size_t n = 0;
  for (const auto& [key, value] : body.items()) {
    if (++n > 32) break;
    // The routes read fields by fixed, non-empty names: a body's key ""
    // is never read (it is ignored like any unknown key), so it is not a
    // field to read here either (found by this target: its own error named
    // the field "").
    if (key.empty()) continue;
    read_every_way(body, key);
    // Nested objects are read with the same Input (a case's "subject").
    if (value.is_object()) {
      std::size_t m = 0;
      for (const auto& inner : value.items())
        if (++m <= 8 && !inner.key().empty()) read_every_way(value, inner.key());
    }
  }
  for (const char* f : kKnownFields) read_every_way(body, f);
  return 0;
}
