// What the dispatcher does for the public side (docs/operations/public-side.md)
// in every answer: crisis contacts with each refusal a person in distress
// may meet, and an access log that cannot link an address to an anonymous
// consultation.
#include "http/dispatcher.h"

namespace tsunagu::http {

using service::Problem;

namespace {

bool is_public_consultation(const std::string& path) { return path.rfind("/api/public/v1/consultation", 0) == 0; }

}  // namespace

// Whom the access log may name: staff (a session), and anyone at the staff
// side's API (sign-in included), where an address tells the operator who
// is knocking. Never a visitor of the public pages and their API: the
// portal, /consult, its assets and /api/v1/meta are fetched seconds before
// an anonymous consultation is posted, so their addresses and times would
// link a person to it (issue 19: only the throttle keeps an address,
// hashed, for its window).
bool Dispatcher::names_client(const AccessInfo& req, const std::string* user) {
  if (user) return true;
  if (req.path.rfind("/api/v1/", 0) != 0) return false;  // pages, assets, /api/public/, /healthz, /metrics
  return !(req.route && req.route->policy.is_public) || req.path.rfind("/api/v1/session", 0) == 0;
}

Response Dispatcher::problem_answer(const std::string& path, Problem p) const {
  bool urgent = p.extra.contains("urgent") && p.extra["urgent"] == true;
  if ((p.status == 429 || p.status == 503 || urgent) && is_public_consultation(path))
    p.extra["crisis_contacts"] = config_.crisis_contacts;
  Response r = problem_response(p);
  if (auto it = p.extra.find("retry_after"); p.status == 429 && it != p.extra.end() && it->is_number_integer())
    r.set_header("Retry-After", std::to_string(it->get<long long>()));
  return r;
}

}  // namespace tsunagu::http
