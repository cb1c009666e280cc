// Cases and contacts for tests of features that hang from a case, made
// through the API; and reading the database from outside, to prove what a
// request wrote or did not write.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

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

// A case of the client's organisation, made through the API as staff make
// one (so the summaries, the search index and the audit log are kept as in
// use). Returns its id; any answer but 201 fails the test.
export async function createCase(client, title) {
  const r = await client.post('/api/v1/cases', { title, intake_route: '家族', subject_awareness: '不明' });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

// A phone call from the mother on the case, a minute ago, through the API.
export async function createContact(client, caseId, note) {
  const r = await client.post(`/api/v1/cases/${caseId}/contacts`, {
    occurred_at: new Date(Date.now() - 60e3).toISOString(), channel: '電話', counterpart: '母', subject_met: false, note,
  });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

export function count(server, statement) {
  return Number(sql(server, statement).trim());
}
