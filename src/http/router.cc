#include "http/router.h"

#include <cctype>
#include <stdexcept>

#include "http/routes.h"
#include "service/problem.h"

namespace tsunagu::http {
namespace {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t pos = 1;
  while (pos <= path.size()) {
    std::size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    parts.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return parts;
}

bool match_pattern(const std::vector<std::string>& pattern, const std::vector<std::string_view>& path,
                   std::map<std::string, std::string>& params) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i)
    if (!(pattern[i].starts_with(':') ? !path[i].empty() && path[i].size() <= 64 : pattern[i] == path[i])) return false;
  params.clear();
  for (std::size_t i = 0; i < pattern.size(); ++i)
    if (pattern[i].starts_with(':')) params.emplace(pattern[i].substr(1), std::string(path[i]));
  return true;
}

}  // namespace

RouteContext::RouteContext(const Request& r, const Config& c, store::Database& dbase, store::Connection& d,
                           const service::Actor* a, const Route& route)
    : req(r), config(c), database(dbase), db(d), actor_(a), route_(route) {}

const service::Actor& RouteContext::actor() const {
  if (!actor_) throw std::logic_error("actor() on a public route");
  return *actor_;
}

service::Reach RouteContext::reach() const {
  return actor_ ? route_.policy.reach_of(actor_->role) : service::Reach::none;
}

nlohmann::json parse_json_body(const Request& req) {
  // The media type itself, without parameters such as charset.
  std::string ct = req.header("content-type").substr(0, req.header("content-type").find(';'));
  while (!ct.empty() && ct.back() == ' ') ct.pop_back();
  for (auto& ch : ct) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (ct != "application/json")
    throw service::Problem(415, "unsupported_media_type", "送信形式は JSON (application/json) にしてください。");
  auto j = nlohmann::json::parse(req.body, nullptr, false);
  if (j.is_discarded())
    throw service::Problem(400, "malformed_json", "送信された内容を JSON として読み取れませんでした。");
  if (!j.is_object())
    throw service::Problem(400, "malformed_json", "送信された内容は JSON のオブジェクトである必要があります。");
  return j;
}

const nlohmann::json& RouteContext::body() const {
  if (!body_) body_ = std::make_unique<nlohmann::json>(parse_json_body(req));
  return *body_;
}

const std::string& RouteContext::param(const std::string& name) const {
  static const std::string empty;
  auto it = req.params.find(name);
  return it == req.params.end() ? empty : it->second;
}

void RouteContext::require(const service::Target& target, const std::string& entity, const std::string& id) const {
  if (actor_ && service::allows(route_.policy, *actor_, target)) return;
  auto p = service::not_found();
  p.audit_denial = true;
  p.entity = entity;
  p.entity_id = id;
  throw p;
}

std::int64_t RouteContext::expected_version() const {
  std::string m = req.header("if-match");
  if (!m.empty()) {
    if (m.rfind("W/", 0) == 0) m = m.substr(2);
    if (m.size() >= 2 && m.front() == '"' && m.back() == '"') m = m.substr(1, m.size() - 2);
    try {
      std::size_t used = 0;
      long long v = std::stoll(m, &used);
      if (used == m.size() && v > 0) return v;
    } catch (...) {
    }
    throw service::Problem(400, "invalid_if_match", "If-Match ヘッダーの版番号が読み取れません。");
  }
  const auto& b = body();
  if (b.contains("version") && b["version"].is_number_integer() && b["version"].get<std::int64_t>() > 0)
    return b["version"].get<std::int64_t>();
  throw service::Problem(428, "version_required",
                         "更新するには、もとにした版番号 (If-Match ヘッダーまたは version) が必要です。");
}

void Router::add(Route r) {
  for (const auto& existing : routes_)
    if (existing.method == r.method && existing.pattern == r.pattern)
      throw std::logic_error("duplicate route " + r.method + " " + r.pattern);
  if (!r.policy.is_public && r.policy.reach.empty())
    throw std::logic_error("route without any role: " + r.method + " " + r.pattern);
  std::vector<std::string> segments;
  for (auto part : split(r.pattern)) segments.emplace_back(part);
  r.under_case = segments.size() >= 4 && segments[2] == "cases" && segments[3] == ":id";
  segments_.push_back(std::move(segments));
  routes_.push_back(std::move(r));
}

const Route* Router::match(Request& req, bool& method_not_allowed) const {
  method_not_allowed = false;
  std::string method = req.method == "HEAD" ? "GET" : req.method;
  auto path = split(req.path);
  std::map<std::string, std::string> params;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const Route& r = routes_[i];
    if (!match_pattern(segments_[i], path, params)) continue;
    if (r.method != method) {
      method_not_allowed = true;
      continue;
    }
    req.params = std::move(params);
    return &r;
  }
  return nullptr;
}

Router build_router() {
  Router r;
  add_health_routes(r);
  add_meta_routes(r);
  add_session_routes(r);
  add_area_routes(r);
  add_organisation_routes(r);
  add_user_routes(r);
  add_two_factor_routes(r);
  add_audit_routes(r);
  add_resource_routes(r);
  add_consent_routes(r);
  add_referral_routes(r);
  add_person_routes(r);
  add_disclosure_routes(r);
  add_retention_routes(r);
  add_household_routes(r);
  add_case_routes(r);
  add_contact_routes(r);
  add_search_routes(r);
  add_assessment_routes(r);
  add_plan_routes(r);
  add_stage_routes(r);
  add_timeline_routes(r);
  add_emergency_access_routes(r);
  add_matching_routes(r);
  add_mhlw_report_routes(r);
  add_meeting_routes(r);
  add_group_routes(r);
  add_public_routes(r);
  add_consultation_routes(r);
  add_survey_routes(r);
  add_supporter_routes(r);
  add_report_requirements_routes(r);
  add_report_outcomes_routes(r);
  add_report_staff_load_routes(r);
  add_report_dashboard_routes(r);
  add_home_routes(r);
  return r;
}

}  // namespace tsunagu::http
