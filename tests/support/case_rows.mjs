// Minimal case rows for tests of features that hang from a case, written
// straight into the test's database while POST /api/v1/cases is not there
// yet (issue 3). Values are fixed by the tests, never user input.
// TODO: switch the referral tests to POST /api/v1/cases once it exists.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const q = (s) => `'${String(s).replaceAll("'", "''")}'`;

// SQL against the server's database from outside (as an operator, or an
// attacker with file access, would). On SQLite the read audit log's file is
// attached as `reads`, as the server attaches it; on PostgreSQL `reads` is a
// schema.
export function sql(server, statement) {
  if (server.kind === 'sqlite') {
    const attach = `ATTACH DATABASE '${server.db.file}.read-audit' AS reads;`;
    return execFileSync('sqlite3', [server.db.file, attach + statement], { encoding: 'utf8' });
  }
  return server.db.psql(statement);
}

// Both audit logs as one table (service/audit.h): writes are in audit_log,
// the entries of reads in reads.audit_log.
export const AUDIT_ENTRIES = '(SELECT * FROM audit_log UNION ALL SELECT * FROM reads.audit_log) AS audit_entries';

export function insertCase(server, organisationId, title) {
  const id = randomBytes(12).toString('hex');
  const now = new Date().toISOString();
  sql(server, `INSERT INTO cases (id, organisation_id, title, status, intake_route, subject_awareness, needs, stage_model, opened_on, version, created_at, updated_at)
    VALUES (${q(id)}, ${q(organisationId)}, ${q(title)}, '受付', '家族', '不明', '[]', 'guideline2010', ${q(now.slice(0, 10))}, 1, ${q(now)}, ${q(now)})`);
  return id;
}

export function insertContact(server, caseId, organisationId, staffUserId, note) {
  const id = randomBytes(12).toString('hex');
  const now = new Date().toISOString();
  sql(server, `INSERT INTO contacts (id, case_id, organisation_id, occurred_at, channel, counterpart, subject_met, staff_user_id, note, version, created_at, updated_at)
    VALUES (${q(id)}, ${q(caseId)}, ${q(organisationId)}, ${q(now)}, '電話', '母', 0, ${q(staffUserId)}, ${q(note)}, 1, ${q(now)}, ${q(now)})`);
  return id;
}

export function count(server, statement) {
  return Number(sql(server, statement).trim());
}
