#include "service/referral_view.h"

#include "service/json_optional.h"

namespace tsunagu::service {

nlohmann::json receiver_view(const Referral& r) {
  return {{"id", r.id},
          {"case_id", nullptr},
          // Organisations and the directory of resources are known to all.
          {"organisation_id", r.organisation_id},
          {"organisation_name", r.organisation_name},
          {"resource_id", r.resource_id},
          {"resource_name", r.resource_name},
          {"receiving_organisation_id", nj(r.receiving_organisation_id)},
          {"receiving_organisation_name", nj(r.receiving_organisation_name)},
          {"outside_tsunagu", !r.receiving_organisation_id},
          {"category", r.category},
          {"purpose", r.purpose},
          {"accompanied", r.accompanied},
          {"shared_parts", r.shared_parts},
          // The basis the receiver may rely on; the consent record itself
          // (who gave it, its scope as written) is the sender's file.
          {"basis", r.basis},
          {"consent_id", nullptr},
          // A 支援会議 the receiver took part in (create_referral checks it).
          {"meeting_id", nj(r.meeting_id)},
          {"basis_reason", nj(r.basis_reason)},
          {"state", r.state},
          {"referred_on", r.referred_on},
          {"receiver_case_id", nj(r.receiver_case_id)},
          {"version", r.version},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

nlohmann::json referral_view(const Actor& actor, const Referral& r) {
  if (actor.organisation_id == r.organisation_id) return r;
  auto j = receiver_view(r);
  if (!r.receiving_organisation_id || *r.receiving_organisation_id != actor.organisation_id)
    j["receiver_case_id"] = nullptr;
  return j;
}

}  // namespace tsunagu::service
