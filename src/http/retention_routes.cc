// Retention (保存期間) and deletion on request: the organisation's setting
// (service/retention_policy.h), and a supervisor's preview and erasure of
// one person's data (service/person_deletion.h). The daily job itself has
// no route: it runs inside `serve` and as `tsunagu retention run`.
#include "http/case_guard.h"
#include "http/etag.h"
#include "http/routes.h"
#include "service/person_deletion.h"
#include "service/persons.h"
#include "service/retention_policy.h"

namespace tsunagu::http {

void add_retention_routes(Router& r) {
  using domain::Role;
  using service::Reach;
  r.add({.method = "GET",
         .pattern = "/api/v1/organisations/:id/retention-policy",
         // Supervisors read it: they answer the people who ask how long
         // their record is kept.
         .policy = service::policy({{Role::admin, Reach::own_organisation}, {Role::supervisor, Reach::own_organisation}}),
         .handler =
             [](RouteContext& ctx) {
               auto p = service::find_retention_policy(ctx.db, ctx.param("id"));
               ctx.require({p.organisation_id, std::nullopt}, "organisation", p.organisation_id);
               return versioned(p);
             },
         .summary = "保存期間の設定"});
  r.add({.method = "PUT",
         .pattern = "/api/v1/organisations/:id/retention-policy",
         // The administrator, like every other setting of the organisation.
         .policy = service::policy({{Role::admin, Reach::own_organisation}}),
         .handler =
             [](RouteContext& ctx) {
               auto p = service::find_retention_policy(ctx.db, ctx.param("id"));
               ctx.require({p.organisation_id, std::nullopt}, "organisation", p.organisation_id);
               return versioned(service::update_retention_policy(ctx.db, ctx.actor(), p.organisation_id,
                                                                 ctx.expected_version(), ctx.body()));
             },
         .summary = "保存期間の設定の変更"});
  r.add({.method = "GET",
         .pattern = "/api/v1/persons/:id/deletion-preview",
         // As the deletion itself: supervisors of the person's
         // organisation (the decision is the organisation's, as for 開示請求).
         .policy = service::policy({{Role::supervisor, Reach::own_organisation}}),
         .handler =
             [](RouteContext& ctx) {
               auto person =
                   require_record(ctx, "person", service::find_person(ctx.db, ctx.config.seal_key, ctx.param("id")));
               return Response::json(service::deletion_preview(ctx.db, person.id));
             },
         .audits_reads = true,
         .summary = "本人の求めによる削除の前に、削除される記録とほかの機関との共有を確かめる"});
  r.add({.method = "POST",
         .pattern = "/api/v1/persons/:id/deletion",
         .policy = service::policy({{Role::supervisor, Reach::own_organisation}}),
         .handler =
             [](RouteContext& ctx) {
               auto person =
                   require_record(ctx, "person", service::find_person(ctx.db, ctx.config.seal_key, ctx.param("id")));
               return Response::json(service::erase_person(ctx.db, ctx.actor(), person.id, ctx.body()));
             },
         .summary = "本人の求めによる削除（氏名・連絡先・記述を消し、統計の事実は残す）"});
}

}  // namespace tsunagu::http
