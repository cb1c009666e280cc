// Whose consent it is (domain/consent_giver.h, issue 15 point 2): each
// consent records who gave it — 本人, a family member (with the household
// member when known) or a 法定代理人 with the basis of their authority.
// Consents recorded before this had only free text (「本人」 prefilled, or
// 母 …): the migration reads them honestly, by the domain's rule — only
// exactly 本人 stays 本人; a mother's consent becomes 家族 and stops being
// a basis for sharing 本人's information (referrals that rested on it stop
// sharing from now on; what was shared stays recorded).
#pragma once

#include "domain/consent_giver.h"
#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline void m0027_read_old_givers(Connection& c) {
  for (const auto& r : c.query("SELECT id, given_by FROM consents"))
    c.execute("UPDATE consents SET giver = ? WHERE id = ?",
              {std::string(domain::giver_of_old_consent(r.text(1))), r.text(0)});
}

inline constexpr Migration m0027_consent_giver{27, "consent_giver", R"SQL(
ALTER TABLE consents ADD COLUMN giver TEXT NOT NULL DEFAULT '家族';
ALTER TABLE consents ADD COLUMN giver_person_id TEXT REFERENCES persons(id);
ALTER TABLE consents ADD COLUMN representative_basis TEXT;
)SQL", "", "", &m0027_read_old_givers};

}  // namespace tsunagu::store::migrations
