// Problem: the one way a use case reports that it cannot do what was asked.
//
// Services throw a Problem; the HTTP layer turns it into
// application/problem+json in exactly one place (http/dispatcher.cc). `code`
// is stable for scripts, `detail` is Japanese for the person at the screen.
//
// Each service header says beside a function which Problems it throws.
// Anything that touches the database may also throw store::Error, which the
// dispatcher answers once for all (503 busy, database_unavailable or
// disk_full; 409 conflict for a unique violation; 500 otherwise): headers
// do not repeat it.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace tsunagu::service {

struct FieldError {
  std::string field;
  std::string detail;
};

class Problem : public std::runtime_error {
 public:
  Problem(int status_code, std::string stable_code, std::string japanese_detail)
      : std::runtime_error(stable_code),
        status(status_code),
        code(std::move(stable_code)),
        detail(std::move(japanese_detail)) {}

  int status;
  std::string code;
  std::string detail;
  std::vector<FieldError> errors;
  nlohmann::json extra = nlohmann::json::object();  // e.g. "current" on 412
  // When set, the refusal is written to the audit log after the request's
  // own transaction has been rolled back (an attempt to reach another
  // organisation's record is itself worth recording).
  bool audit_denial = false;
  std::string entity, entity_id;
};

inline Problem not_found() {
  return Problem(404, "not_found", "お探しの記録は見つかりません。");
}
inline Problem forbidden() {
  return Problem(403, "forbidden", "この操作を行う権限がありません。");
}
inline Problem invalid(std::vector<FieldError> errors) {
  Problem p(400, "validation_failed", "入力内容を確認してください。");
  p.errors = std::move(errors);
  return p;
}
inline Problem version_conflict(nlohmann::json current) {
  Problem p(412, "version_conflict",
            "ほかの方がこの記録を先に更新しました。最新の内容を確認してから、もう一度保存してください。");
  p.extra["current"] = std::move(current);
  return p;
}

}  // namespace tsunagu::service
