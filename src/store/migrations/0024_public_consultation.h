// The public side (issue 19): what an organisation shows on the public
// portal, and anonymous consultation threads.
// - organisations.public_*: listed as a 窓口 on the portal, with what the
//   public needs to reach it (what it offers, hours, phone, address, web
//   page, access); whether it answers anonymous consultations, the days a
//   reply may take (the automatic 「返信まで数日かかります」), the days
//   without messages after which a thread closes, its crisis protocol for
//   staff, and how long closed threads are kept (years, like the other
//   retention kinds).
// - consultation_threads: one per consultation. The number and the
//   passphrase are stored only as argon2id hashes (the number's with a
//   salt derived from the deployment's key, so that it can be looked up;
//   service/public_consultation.h). failures / locked_until throttle
//   guessing per number. `details` is what the person chose to tell so that
//   the thread may become a case (sealed like persons' contact details);
//   until then the thread holds nothing that names anyone.
// - consultation_messages: the person's messages, staff replies, the
//   automatic notices and internal notes (author 'note', never shown to
//   the person).
// - consultation_sessions: the opaque token a browser keeps after signing
//   in with the number and passphrase (hashed, like staff sessions).
// - consultation_counts / consultation_person_years: what the MHLW figures
//   count of the threads (docs/reports/counting-rules.md §7). They outlive
//   the threads: a deleted thread leaves them.
// - public_throttle: recent events per client address (a keyed hash, never
//   the address) and per number; rows older than the window are removed.
// - consultation_templates: an organisation's reply templates.
// - public_revision: one counter that the database raises whenever what the
//   portal shows may have changed (organisations, areas, groups, their
//   municipalities and sessions), by triggers as in 0017, so that every
//   server keeps the portal in memory and rebuilds it only when the counter
//   moved (http/public_routes.cc) — the public pages are the one surface
//   open to floods.
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0024_public_consultation{24, "public_consultation", R"SQL(
ALTER TABLE organisations ADD COLUMN public_listing INTEGER NOT NULL DEFAULT 0;
ALTER TABLE organisations ADD COLUMN public_offers TEXT;
ALTER TABLE organisations ADD COLUMN public_hours TEXT;
ALTER TABLE organisations ADD COLUMN public_phone TEXT;
ALTER TABLE organisations ADD COLUMN public_address TEXT;
ALTER TABLE organisations ADD COLUMN public_url TEXT;
ALTER TABLE organisations ADD COLUMN public_access TEXT;
ALTER TABLE organisations ADD COLUMN consultation_open INTEGER NOT NULL DEFAULT 0;
ALTER TABLE organisations ADD COLUMN consultation_reply_days INTEGER NOT NULL DEFAULT 3;
ALTER TABLE organisations ADD COLUMN consultation_close_days INTEGER NOT NULL DEFAULT 60;
ALTER TABLE organisations ADD COLUMN consultation_protocol TEXT;
ALTER TABLE organisations ADD COLUMN retention_thread_years INTEGER DEFAULT 1;

CREATE TABLE consultation_threads (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  number_hash TEXT NOT NULL UNIQUE,
  passphrase_hash TEXT NOT NULL,
  writer TEXT NOT NULL,                       -- domain::kConsultationWriter
  nickname TEXT,
  municipality_id TEXT REFERENCES areas(id),
  state TEXT NOT NULL,                        -- domain::kConsultationState
  urgent INTEGER NOT NULL DEFAULT 0,
  assigned_to TEXT REFERENCES users(id),
  details TEXT,                               -- sealed JSON: what the person chose to tell (name, contact)
  details_at TEXT,
  case_id TEXT REFERENCES cases(id),          -- the case staff opened from it, after the person chose so
  notice_email TEXT,                          -- sealed; only for 「返信があります」 (no content)
  notice_pending INTEGER NOT NULL DEFAULT 0,  -- a reply came that no notice has announced yet
  failures INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  last_message_at TEXT NOT NULL,
  closed_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX consultation_threads_inbox ON consultation_threads(organisation_id, state, last_message_at);
CREATE INDEX consultation_threads_last ON consultation_threads(last_message_at);
CREATE INDEX consultation_threads_notice ON consultation_threads(notice_pending);

CREATE TABLE consultation_messages (
  id TEXT PRIMARY KEY,
  thread_id TEXT NOT NULL REFERENCES consultation_threads(id),
  author TEXT NOT NULL,                       -- domain::kConsultationAuthor
  staff_id TEXT REFERENCES users(id),
  body TEXT NOT NULL,
  urgent INTEGER NOT NULL DEFAULT 0,
  sent_at TEXT NOT NULL
);
CREATE INDEX consultation_messages_thread ON consultation_messages(thread_id, sent_at);

CREATE TABLE consultation_sessions (
  token_hash TEXT PRIMARY KEY,
  thread_id TEXT NOT NULL REFERENCES consultation_threads(id),
  created_at TEXT NOT NULL,
  last_used_at TEXT NOT NULL
);
CREATE INDEX consultation_sessions_thread ON consultation_sessions(thread_id);

CREATE TABLE consultation_counts (
  organisation_id TEXT NOT NULL,
  day TEXT NOT NULL,
  messages BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, day)
);
CREATE TABLE consultation_person_years (
  organisation_id TEXT NOT NULL,
  fiscal_year INTEGER NOT NULL,
  thread_id TEXT NOT NULL,
  first_day TEXT NOT NULL,
  PRIMARY KEY (organisation_id, fiscal_year, thread_id)
);

CREATE TABLE public_throttle (
  bucket TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX public_throttle_key ON public_throttle(bucket, key_hash, at);
CREATE INDEX public_throttle_at ON public_throttle(at);

CREATE TABLE consultation_templates (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX consultation_templates_organisation ON consultation_templates(organisation_id, title);

CREATE TABLE public_revision (
  id INTEGER PRIMARY KEY,
  n BIGINT NOT NULL
);
INSERT INTO public_revision (id, n) VALUES (1, 0);
)SQL",
    R"SQL(
CREATE TRIGGER organisations_public_rev_insert AFTER INSERT ON organisations
BEGIN UPDATE public_revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER organisations_public_rev_update AFTER UPDATE ON organisations
BEGIN UPDATE public_revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER organisations_public_rev_delete AFTER DELETE ON organisations
BEGIN UPDATE public_revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER areas_public_rev_insert AFTER INSERT ON areas
BEGIN UPDATE public_revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER areas_public_rev_update AFTER UPDATE ON areas
BEGIN UPDATE public_revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER areas_public_rev_delete AFTER DELETE ON areas
BEGIN UPDATE public_revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER groups_public_rev_insert AFTER INSERT ON groups
BEGIN UPDATE public_revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER groups_public_rev_update AFTER UPDATE ON groups
BEGIN UPDATE public_revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER groups_public_rev_delete AFTER DELETE ON groups
BEGIN UPDATE public_revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER group_municipalities_public_rev_insert AFTER INSERT ON group_municipalities
BEGIN UPDATE public_revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER group_municipalities_public_rev_update AFTER UPDATE ON group_municipalities
BEGIN UPDATE public_revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER group_municipalities_public_rev_delete AFTER DELETE ON group_municipalities
BEGIN UPDATE public_revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER group_sessions_public_rev_insert AFTER INSERT ON group_sessions
BEGIN UPDATE public_revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER group_sessions_public_rev_update AFTER UPDATE ON group_sessions
BEGIN UPDATE public_revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER group_sessions_public_rev_delete AFTER DELETE ON group_sessions
BEGIN UPDATE public_revision SET n = n + 1 WHERE id = 1; END;
)SQL",
    R"SQL(
CREATE FUNCTION raise_public_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN UPDATE public_revision SET n = n + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER organisations_public_rev AFTER INSERT OR UPDATE OR DELETE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION raise_public_revision();
CREATE TRIGGER areas_public_rev AFTER INSERT OR UPDATE OR DELETE ON areas FOR EACH STATEMENT EXECUTE FUNCTION raise_public_revision();
CREATE TRIGGER groups_public_rev AFTER INSERT OR UPDATE OR DELETE ON groups FOR EACH STATEMENT EXECUTE FUNCTION raise_public_revision();
CREATE TRIGGER group_municipalities_public_rev AFTER INSERT OR UPDATE OR DELETE ON group_municipalities FOR EACH STATEMENT EXECUTE FUNCTION raise_public_revision();
CREATE TRIGGER group_sessions_public_rev AFTER INSERT OR UPDATE OR DELETE ON group_sessions FOR EACH STATEMENT EXECUTE FUNCTION raise_public_revision();
)SQL"};

}  // namespace tsunagu::store::migrations
