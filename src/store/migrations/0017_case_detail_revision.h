// Every case gets a detail revision, `cases.detail_rev`, which the database
// itself raises whenever anything the case detail shows changes: the case
// row, its contacts (met, last contact, count), staff, status history, its
// 本人 (and the area name of their district), its household and members,
// and the display names of the staff who appear in it.
//
// Why: the server keeps recently built case details in memory
// (service/case_detail_cache.h), keyed by case and revision. A detail read
// then checks the revision, which the permission check reads anyway, and
// builds nothing when it has not moved. Triggers, not the services, raise
// it: no write path can forget to, including SQL written later, by hand or
// by a restore, and a second server on the same PostgreSQL database sees
// the same revision.
//
// The revision is not the case's version: the version is what an edit
// of the case is based on (If-Match), and a colleague renaming herself must
// not make someone's edit of the case a conflict.
//
// On SQLite a trigger cannot change NEW, so the case row's own trigger
// updates the row again, guarded so that a change of detail_rev alone does
// not count twice (SQLite does not fire a trigger from itself either:
// recursive_triggers is off).
#pragma once

#include "store/migrations.h"

namespace tsunagu::store::migrations {

inline constexpr Migration m0017_case_detail_revision{
    17, "case_detail_revision", "",
    R"SQL(
ALTER TABLE cases ADD COLUMN detail_rev INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER cases_detail_rev AFTER UPDATE ON cases WHEN NEW.detail_rev = OLD.detail_rev
BEGIN UPDATE cases SET detail_rev = detail_rev + 1 WHERE id = NEW.id; END;

CREATE TRIGGER contacts_detail_rev_insert AFTER INSERT ON contacts
BEGIN UPDATE cases SET detail_rev = detail_rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER contacts_detail_rev_update AFTER UPDATE OF case_id, subject_met, occurred_at ON contacts
BEGIN UPDATE cases SET detail_rev = detail_rev + 1 WHERE id IN (OLD.case_id, NEW.case_id); END;
CREATE TRIGGER contacts_detail_rev_delete AFTER DELETE ON contacts
BEGIN UPDATE cases SET detail_rev = detail_rev + 1 WHERE id = OLD.case_id; END;

CREATE TRIGGER case_staff_detail_rev_insert AFTER INSERT ON case_staff
BEGIN UPDATE cases SET detail_rev = detail_rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER case_staff_detail_rev_update AFTER UPDATE ON case_staff
BEGIN UPDATE cases SET detail_rev = detail_rev + 1 WHERE id IN (OLD.case_id, NEW.case_id); END;
CREATE TRIGGER case_staff_detail_rev_delete AFTER DELETE ON case_staff
BEGIN UPDATE cases SET detail_rev = detail_rev + 1 WHERE id = OLD.case_id; END;

CREATE TRIGGER case_status_changes_detail_rev_insert AFTER INSERT ON case_status_changes
BEGIN UPDATE cases SET detail_rev = detail_rev + 1 WHERE id = NEW.case_id; END;
CREATE TRIGGER case_status_changes_detail_rev_update AFTER UPDATE ON case_status_changes
BEGIN UPDATE cases SET detail_rev = detail_rev + 1 WHERE id IN (OLD.case_id, NEW.case_id); END;
CREATE TRIGGER case_status_changes_detail_rev_delete AFTER DELETE ON case_status_changes
BEGIN UPDATE cases SET detail_rev = detail_rev + 1 WHERE id = OLD.case_id; END;

-- A person shows in the detail of the cases they are 本人 of, and by name
-- in the household of every case of their household.
CREATE TRIGGER persons_detail_rev_update AFTER UPDATE ON persons
BEGIN UPDATE cases SET detail_rev = detail_rev + 1 WHERE subject_person_id = NEW.id
  OR household_id IN (SELECT household_id FROM household_members WHERE person_id = NEW.id); END;
CREATE TRIGGER persons_detail_rev_delete AFTER DELETE ON persons
BEGIN UPDATE cases SET detail_rev = detail_rev + 1 WHERE subject_person_id = OLD.id
  OR household_id IN (SELECT household_id FROM household_members WHERE person_id = OLD.id); END;

CREATE TRIGGER households_detail_rev_update AFTER UPDATE ON households
BEGIN UPDATE cases SET detail_rev = detail_rev + 1 WHERE household_id = NEW.id; END;

-- A membership shows in the household, and as 本人's household and relation.
CREATE TRIGGER household_members_detail_rev_insert AFTER INSERT ON household_members
BEGIN UPDATE cases SET detail_rev = detail_rev + 1 WHERE household_id = NEW.household_id
  OR subject_person_id = NEW.person_id; END;
CREATE TRIGGER household_members_detail_rev_update AFTER UPDATE ON household_members
BEGIN UPDATE cases SET detail_rev = detail_rev + 1 WHERE household_id IN (OLD.household_id, NEW.household_id)
  OR subject_person_id IN (OLD.person_id, NEW.person_id); END;
CREATE TRIGGER household_members_detail_rev_delete AFTER DELETE ON household_members
BEGIN UPDATE cases SET detail_rev = detail_rev + 1 WHERE household_id = OLD.household_id
  OR subject_person_id = OLD.person_id; END;

-- Staff appear by display name as assigned staff and in the status history.
CREATE TRIGGER users_detail_rev_update AFTER UPDATE OF display_name ON users
WHEN NEW.display_name IS NOT OLD.display_name
BEGIN UPDATE cases SET detail_rev = detail_rev + 1
  WHERE id IN (SELECT case_id FROM case_staff WHERE user_id = NEW.id)
     OR id IN (SELECT case_id FROM case_status_changes WHERE user_id = NEW.id); END;

-- 本人's district is shown by its area name.
CREATE TRIGGER areas_detail_rev_update AFTER UPDATE OF name ON areas
WHEN NEW.name IS NOT OLD.name
BEGIN UPDATE cases SET detail_rev = detail_rev + 1
  WHERE subject_person_id IN (SELECT id FROM persons WHERE district_id = NEW.id); END;
)SQL",
    R"SQL(
ALTER TABLE cases ADD COLUMN detail_rev BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION cases_detail_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.detail_rev = OLD.detail_rev THEN NEW.detail_rev := OLD.detail_rev + 1; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER cases_detail_rev BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION cases_detail_rev();

-- For the tables whose rows name their case: contacts, case_staff,
-- case_status_changes.
CREATE FUNCTION case_rows_detail_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE cases SET detail_rev = detail_rev + 1 WHERE id = NEW.case_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE cases SET detail_rev = detail_rev + 1 WHERE id = OLD.case_id;
  ELSE
    UPDATE cases SET detail_rev = detail_rev + 1 WHERE id IN (OLD.case_id, NEW.case_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER contacts_detail_rev AFTER INSERT OR DELETE OR UPDATE OF case_id, subject_met, occurred_at
  ON contacts FOR EACH ROW EXECUTE FUNCTION case_rows_detail_rev();
CREATE TRIGGER case_staff_detail_rev AFTER INSERT OR UPDATE OR DELETE
  ON case_staff FOR EACH ROW EXECUTE FUNCTION case_rows_detail_rev();
CREATE TRIGGER case_status_changes_detail_rev AFTER INSERT OR UPDATE OR DELETE
  ON case_status_changes FOR EACH ROW EXECUTE FUNCTION case_rows_detail_rev();

-- A person shows in the detail of the cases they are 本人 of, and by name
-- in the household of every case of their household.
CREATE FUNCTION persons_detail_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases SET detail_rev = detail_rev + 1 WHERE subject_person_id = OLD.id
    OR household_id IN (SELECT household_id FROM household_members WHERE person_id = OLD.id);
  RETURN NULL;
END $$;
CREATE TRIGGER persons_detail_rev AFTER UPDATE OR DELETE ON persons
  FOR EACH ROW EXECUTE FUNCTION persons_detail_rev();

CREATE FUNCTION households_detail_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases SET detail_rev = detail_rev + 1 WHERE household_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER households_detail_rev AFTER UPDATE ON households
  FOR EACH ROW EXECUTE FUNCTION households_detail_rev();

-- A membership shows in the household, and as 本人's household and relation.
CREATE FUNCTION household_members_detail_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE cases SET detail_rev = detail_rev + 1
      WHERE household_id = OLD.household_id OR subject_person_id = OLD.person_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE cases SET detail_rev = detail_rev + 1
      WHERE household_id = NEW.household_id OR subject_person_id = NEW.person_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER household_members_detail_rev AFTER INSERT OR UPDATE OR DELETE ON household_members
  FOR EACH ROW EXECUTE FUNCTION household_members_detail_rev();

-- Staff appear by display name as assigned staff and in the status history.
CREATE FUNCTION users_detail_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases SET detail_rev = detail_rev + 1
    WHERE id IN (SELECT case_id FROM case_staff WHERE user_id = NEW.id)
       OR id IN (SELECT case_id FROM case_status_changes WHERE user_id = NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER users_detail_rev AFTER UPDATE OF display_name ON users
  FOR EACH ROW WHEN (NEW.display_name IS DISTINCT FROM OLD.display_name) EXECUTE FUNCTION users_detail_rev();

-- 本人's district is shown by its area name.
CREATE FUNCTION areas_detail_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases SET detail_rev = detail_rev + 1
    WHERE subject_person_id IN (SELECT id FROM persons WHERE district_id = NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER areas_detail_rev AFTER UPDATE OF name ON areas
  FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name) EXECUTE FUNCTION areas_detail_rev();
)SQL"};

}  // namespace tsunagu::store::migrations
