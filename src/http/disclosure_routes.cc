// 開示請求: a supervisor produces everything held about one person
// (service/disclosure.h). A POST, not a GET, because producing it writes
// its audit entry with the reason given.
#include "http/case_guard.h"
#include "http/routes.h"
#include "service/disclosure.h"
#include "service/persons.h"

namespace tsunagu::http {

void add_disclosure_routes(Router& r) {
  using domain::Role;
  using service::Reach;
  r.add({.method = "POST",
         .pattern = "/api/v1/persons/:id/disclosures",
         // Supervisors (所長・主任相談員) of the person's organisation only:
         // a coordinator does the case work but answering for the whole
         // record is the organisation's decision, and an admin has no case
         // content (PRODUCT.md roles).
         .policy = service::policy({{Role::supervisor, Reach::own_organisation}}),
         .handler =
             [](RouteContext& ctx) {
               auto person =
                   require_record(ctx, "person", service::find_person(ctx.db, ctx.config.seal_key, ctx.param("id")));
               return Response::json(
                   service::disclose_person(ctx.db, ctx.config.seal_key, ctx.actor(), person, ctx.body()));
             },
         .summary = "開示請求への回答（本人・家族について保有する記録の一式）"});
}

}  // namespace tsunagu::http
