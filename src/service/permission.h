// The one permission check of tsunagu.
//
// Every route declares a Policy: for each role, how far it reaches. The
// dispatcher refuses a role without reach before any work is done; a
// handler that loads a record asks `allows(...)` whether the actor's reach
// covers that record's organisation (or user). No other code decides access.
//
// Reach is deliberately coarse. The finer rules live here too, so that they
// stay in this one place: other organisations a record is opened to (the
// receiver of a referral, a meeting's participants, the assignee of a
// follow-up) are Target::parties; a supervisor's emergency access is
// Target::emergency_readers; what a receiver may see of a referred case is
// ShareGrant (may_disclose, may_see_disclosed).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/role.h"
#include "service/actor.h"

namespace tsunagu::service {

enum class Reach {
  none,              // the role may not call the route at all
  self,              // only records about the actor themself (own user, own session)
  own_organisation,  // records owned by the actor's organisation, or to which
                     // a referral has made it a party (Target::parties)
  all,               // every record of the deployment (e.g. admin over users)
};

std::string_view reach_id(Reach r);

struct Policy {
  bool is_public = false;  // callable without signing in (login, health, meta)
  std::map<domain::Role, Reach> reach;
  // The route only reads a case (detail, timeline), so a valid emergency
  // access grant (Target::emergency_readers) opens it. Never set on a route
  // that writes: emergency access is read-only.
  bool emergency_readable = false;

  Reach reach_of(domain::Role r) const;
};

// Builders that keep route tables readable:
//   policy({{Role::admin, Reach::all}, {Role::supervisor, Reach::own_organisation}})
Policy public_policy();
Policy policy(std::map<domain::Role, Reach> reach);
Policy any_signed_in(Reach reach);
// `p` opened to valid emergency access grants (read-only routes only).
Policy emergency_readable(Policy p);

// What a record is, for the check: the organisation that owns it and, for
// user records, which user it is.
struct Target {
  std::string organisation_id;
  std::optional<std::string> user_id;
  // Other organisations the record is opened to: the receiving side of a
  // referral, the participants of a 支援会議, the organisation a follow-up
  // item is assigned to. Empty for records that only their owner sees.
  std::vector<std::string> parties = {};
  // Users (supervisors of other organisations) holding an emergency access
  // grant to this record that is valid now (service/emergency_access.h).
  // Honoured only on routes whose policy is emergency_readable.
  std::vector<std::string> emergency_readers = {};
};

// True when `actor` may touch `target` under `policy`.
bool allows(const Policy& policy, const Actor& actor, const Target& target);

// What a receiving organisation may see of a case sent to it by referral:
// the parts the sender chose, and only while the sharing basis holds. Once
// consent is withdrawn (basis_ended_at set) nothing new is disclosed; what
// was disclosed before stays with the receiver. The owner sees everything.
struct ShareGrant {
  std::string owner_organisation_id;                  // the sending organisation
  std::optional<std::string> receiver_organisation_id;
  std::vector<std::string> parts;                     // summary, contacts, …
  std::optional<std::string> basis_ended_at;          // UTC; consent withdrawn
};
// True when `actor` may be shown the current state of `part` under `grant`
// (a new disclosure). False for the receiver after the basis ended, for a
// part the sender did not share, and for every other organisation.
bool may_disclose(const Actor& actor, const ShareGrant& grant, std::string_view part);
// True when `actor` may see what was already disclosed under `grant`.
bool may_see_disclosed(const Actor& actor, const ShareGrant& grant);

}  // namespace tsunagu::service
