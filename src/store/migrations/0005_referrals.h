// Referrals and the network: the resource directory (社会資源), consent
// records (本人同意), referrals between organisations with their dated state
// changes, the receiver's feedback, and the disclosures actually made to a
// receiver (what it has seen stays traceable to the basis it was shared on).
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0005_referrals{
    5, "referrals",
    R"SQL(
CREATE TABLE resources (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),   -- keeps the entry up to date
  linked_organisation_id TEXT REFERENCES organisations(id),     -- uses tsunagu: referrals land in its inbox
  name TEXT NOT NULL,
  category TEXT NOT NULL,                                       -- one of the 21 つなぎ先
  area_id TEXT REFERENCES areas(id),
  services TEXT,
  age_min INTEGER,
  age_max INTEGER,
  gender TEXT NOT NULL,                                         -- 指定なし / 女性のみ / 男性のみ
  in_person INTEGER NOT NULL,
  online INTEGER NOT NULL,
  cost TEXT NOT NULL,
  cost_note TEXT,
  hours TEXT,
  access TEXT,
  contact TEXT,
  tags TEXT NOT NULL DEFAULT '[]',                              -- JSON array
  search_text TEXT NOT NULL,                                    -- normalised name, services and tags
  platform_member INTEGER NOT NULL,                             -- 市町村プラットフォーム
  active INTEGER NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX resources_category ON resources(category, name);
CREATE INDEX resources_linked ON resources(linked_organisation_id);

CREATE TABLE consents (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  given_by TEXT NOT NULL,                       -- who consented (本人, 母, …)
  method TEXT NOT NULL,                         -- 口頭 / 書面
  given_on TEXT NOT NULL,                       -- date (Asia/Tokyo)
  scope TEXT NOT NULL,                          -- JSON array of case parts
  destination_resource_id TEXT REFERENCES resources(id),
  destination_organisation_id TEXT REFERENCES organisations(id),
  note TEXT,
  withdrawn_at TEXT,                            -- UTC; sharing stops from this moment
  withdrawn_on TEXT,
  withdrawal_note TEXT,
  recorded_by TEXT NOT NULL REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX consents_case ON consents(case_id, created_at);

CREATE TABLE referrals (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),            -- the sender
  resource_id TEXT NOT NULL REFERENCES resources(id),
  receiving_organisation_id TEXT REFERENCES organisations(id),           -- NULL: a place outside tsunagu
  category TEXT NOT NULL,
  purpose TEXT NOT NULL,
  accompanied INTEGER NOT NULL,
  shared_parts TEXT NOT NULL,                                            -- JSON array
  basis TEXT NOT NULL,                                                   -- 本人同意 / 支援会議 / 個人情報保護法第27条第1項
  consent_id TEXT REFERENCES consents(id),
  meeting_id TEXT,
  basis_reason TEXT,
  state TEXT NOT NULL,
  referred_on TEXT NOT NULL,
  receiver_case_id TEXT REFERENCES cases(id),
  created_by TEXT NOT NULL REFERENCES users(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX referrals_case ON referrals(case_id, created_at);
CREATE INDEX referrals_sender ON referrals(organisation_id, state, created_at);
CREATE INDEX referrals_receiver ON referrals(receiving_organisation_id, state, created_at);

CREATE TABLE referral_events (
  id TEXT PRIMARY KEY,
  referral_id TEXT NOT NULL REFERENCES referrals(id),
  from_state TEXT,
  to_state TEXT NOT NULL,
  note TEXT,
  occurred_on TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  created_at TEXT NOT NULL
);
CREATE INDEX referral_events_referral ON referral_events(referral_id, created_at);

CREATE TABLE referral_feedback (
  id TEXT PRIMARY KEY,
  referral_id TEXT NOT NULL REFERENCES referrals(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  note TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX referral_feedback_referral ON referral_feedback(referral_id, created_at);

-- What the receiver was actually shown, on which basis: kept after consent
-- is withdrawn (the receiver keeps what it received), never extended.
CREATE TABLE referral_disclosures (
  id TEXT PRIMARY KEY,
  referral_id TEXT NOT NULL REFERENCES referrals(id),
  basis TEXT NOT NULL,
  consent_id TEXT REFERENCES consents(id),
  content TEXT NOT NULL,                        -- JSON of the shared parts as disclosed
  disclosed_at TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id)
);
CREATE INDEX referral_disclosures_referral ON referral_disclosures(referral_id, disclosed_at);
)SQL",
    "", ""};

}  // namespace tsunagu::store::migrations
